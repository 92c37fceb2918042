import { describe, expect, it } from 'vitest';
import { abilitiesOf, ROLE_PERMISSIONS, scopesFor } from './permissions.js';
import { ROLES } from './roles.js';

describe('permissions', () => {
  it('grants the broadest scope of every role held', () => {
    expect(scopesFor(['teacher'], 'people:read')).toEqual(['assignment']);
    expect(scopesFor(['teacher', 'curator'], 'people:read').sort()).toEqual(['assignment', 'group']);
    expect(scopesFor(['student'], 'people:write')).toEqual([]);
  });
  it('the director reads everything and changes nothing (п. 3.10)', () => {
    const a = abilitiesOf(['director']);
    // Printing the journal (п. 2.5) reads it too; writing a message (п. 2.11) changes no record of the journal.
    expect(Object.keys(a).every((p) => p.endsWith(':read') || p === 'journal:print' || p === 'message:write')).toBe(true);
  });
  it('a guardian is scoped to linked students, a student to self', () => {
    expect(scopesFor(['guardian'], 'people:read')).toEqual(['linked']);
    expect(scopesFor(['student'], 'people:read')).toEqual(['self']);
  });
  it('the plan of intra-college control (п. 2.12): the deputy keeps it; the director and the methodologist read it', () => {
    const holders = (p: 'control:plan:read' | 'control:plan:write') => ROLES.filter((r) => ROLE_PERMISSIONS[r][p]);
    expect(holders('control:plan:write')).toEqual(['deputy']);
    expect(holders('control:plan:read')).toEqual(['director', 'deputy', 'methodist']);
  });
});
