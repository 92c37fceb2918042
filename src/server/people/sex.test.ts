import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildOrganization, buildPerson, buildRoleUsers } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { up as fillSex } from './migrations/0220-person-sex.js';
import { STAFF_COLUMNS } from './import.js';

// A person's sex is stored (persons.gender), so that names decline as they should:
// set in the forms and the import, inferred from the patronymic when not given.
let s: TestServer;
let orgId: number;
let admin: ApiClient;
let groupId: number;
beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  const u = await buildRoleUsers(s.db, orgId);
  admin = await new ApiClient(s.url).login(u.admin.login, u.admin.password);
  groupId = (await buildGroup(s.db, { orgId, name: 'ПК-25' })).id;
});
afterAll(() => s.close());

const genderOf = async (personId: number) =>
  (await s.db.selectFrom('persons').select('gender').where('id', '=', personId).executeTakeFirstOrThrow()).gender;

describe('the sex of a person', () => {
  it('is taken from the form, or inferred from the patronymic, and shown on the card', async () => {
    const base = { firstName: 'Женя', groupId, enrolDate: '2026-09-01', orderNo: '5-к' };
    const given = await admin.post<{ id: number }>('/students', { ...base, lastName: 'Черных', gender: 'f' });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    const card = await admin.get<{ person: { id: number; gender: string | null } }>(`/students/${given.body.id}`);
    expect(card.body.person.gender).toBe('f');
    const inferred = await admin.post<{ id: number }>('/students', {
      ...base,
      lastName: 'Новикова',
      firstName: 'Марина',
      middleName: 'Игоревна',
    });
    const card2 = await admin.get<{ person: { id: number; gender: string | null } }>(`/students/${inferred.body.id}`);
    expect(card2.body.person.gender).toBe('f');
    const fix = await admin.put<{ gender: string | null }>(`/persons/${card2.body.person.id}`, {
      lastName: 'Новикова',
      firstName: 'Марина',
      middleName: 'Игоревна',
      gender: 'm',
    });
    expect(fix.body.gender).toBe('m');
  });

  it('is read from the «Пол» column of an import, or inferred when the column is empty', async () => {
    const rows = [
      STAFF_COLUMNS,
      STAFF_COLUMNS.map((c) => ({ Фамилия: 'Григорьев', Имя: 'Кирилл', Отчество: 'Викторович', Роли: 'преподаватель' })[c] ?? ''),
      STAFF_COLUMNS.map((c) => ({ Фамилия: 'Ким', Имя: 'Саша', Пол: 'ж', Роли: 'преподаватель' })[c] ?? ''),
    ];
    const bad = [STAFF_COLUMNS, STAFF_COLUMNS.map((c) => ({ Фамилия: 'Ли', Имя: 'Ян', Пол: 'да', Роли: 'преподаватель' })[c] ?? '')];
    const file = (r: string[][]) => Buffer.from(r.map((x) => x.join(';')).join('\r\n')).toString('base64');
    const refused = await admin.post<{ errors: { column: string; message: string }[] }>('/import', {
      kind: 'staff',
      fileName: 'staff.csv',
      contentBase64: file(bad),
      dryRun: true,
    });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ column: 'Пол', message: expect.stringContaining('Пишите «м» или «ж»') }),
    ]);
    const r = await admin.post<{ create: number }>('/import', {
      kind: 'staff',
      fileName: 'staff.csv',
      contentBase64: file(rows),
      dryRun: false,
    });
    expect(r.body.create).toBe(2);
    const people = await s.db
      .selectFrom('persons')
      .select(['last_name', 'gender'])
      .where('organization_id', '=', orgId)
      .where('last_name', 'in', ['Григорьев', 'Ким'])
      .orderBy('last_name')
      .execute();
    expect(people).toEqual([
      { last_name: 'Григорьев', gender: 'm' },
      { last_name: 'Ким', gender: 'f' },
    ]);
  });

  it('is filled for rows stored before, where the name tells it', async () => {
    const woman = await buildPerson(s.db, orgId, { lastName: 'Лебедева', firstName: 'Анна', middleName: 'Сергеевна' });
    const man = await buildPerson(s.db, orgId, { lastName: 'Лебедев', firstName: 'Олег', middleName: null });
    const unknown = await buildPerson(s.db, orgId, { lastName: 'Шевчук', firstName: 'Саша', middleName: null });
    const kept = await buildPerson(s.db, orgId, { lastName: 'Лебедева', firstName: 'Анна', middleName: 'Сергеевна', gender: 'm' });
    await fillSex(s.db);
    expect([await genderOf(woman.id), await genderOf(man.id), await genderOf(unknown.id), await genderOf(kept.id)]).toEqual([
      'f',
      'm',
      null,
      'm',
    ]);
  });
});
