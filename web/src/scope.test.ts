import { describe, expect, it } from 'vitest';
import type { Me } from '../../src/contracts/auth.js';
import { abilitiesOf } from '../../src/domain/permissions.js';
import type { Role } from '../../src/domain/roles.js';
import { reaches, reachesBeyond, scopedTo } from './scope.js';

type Scoped = Me['roles'][number]['scope'];
const meWith = (...roles: [Role, Scoped?][]): Me =>
  ({
    roles: roles.map(([role, scope = []]) => ({ role, title: role, scope })),
    abilities: abilitiesOf(roles.map(([r]) => r)),
  }) as unknown as Me;

describe('scope', () => {
  it('the groups of a permission are those of the roles that grant it', () => {
    const me = meWith(['teacher', [{ kind: 'group', id: 9, name: 'ТМ-11' }]], ['curator', [{ kind: 'group', id: 4, name: 'ПК-25' }]]);
    expect(scopedTo(me, 'absence:excuse', 'group')).toEqual([{ id: 4, name: 'ПК-25' }]);
    expect(scopedTo(meWith(['teacher']), 'absence:excuse', 'group')).toEqual([]);
  });

  it('a guardian’s children are the students of family:read', () => {
    const me = meWith([
      'guardian',
      [
        { kind: 'student', id: 7, name: 'Иванов' },
        { kind: 'student', id: 8, name: 'Иванова' },
      ],
    ]);
    expect(scopedTo(me, 'family:read', 'student').map((s) => s.id)).toEqual([7, 8]);
    expect(reaches(me, 'family:read', 'linked')).toBe(true);
    expect(reaches(meWith(['student']), 'family:read', 'linked')).toBe(false);
  });

  it('a teacher reads only their own journals; a curator and the administration read beyond them', () => {
    expect(reachesBeyond(meWith(['teacher']), 'journal:read', 'assignment', 'self', 'linked')).toBe(false);
    expect(reachesBeyond(meWith(['teacher'], ['curator']), 'journal:read', 'assignment', 'self', 'linked')).toBe(true);
    expect(reachesBeyond(meWith(['deputy']), 'journal:read', 'self', 'linked')).toBe(true);
    expect(reachesBeyond(meWith(['guardian']), 'journal:read', 'self', 'linked')).toBe(false);
    expect(reaches(meWith(['specialist']), 'journal:read', 'org', 'direction')).toBe(true);
    expect(reaches(meWith(['chair']), 'journal:read', 'org', 'direction')).toBe(false);
  });
});
