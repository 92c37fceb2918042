import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildGroup, buildGuardian, buildOrganization, buildPerson, buildStudent, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { Migrator } from 'kysely';
import { openDatabase } from '../platform/db.js';
import { migrateToLatest } from '../platform/migrate.js';
import { migrations } from '../platform/migrations/index.js';

// 152-ФЗ: every screen and export showing others' personal data writes one entry naming them all.
let s: TestServer;
let orgId: number;
let admin: ApiClient;
let director: ApiClient;
let curator: ApiClient;
let student: ApiClient;
let ids: { director: number; curator: number; student: number; admin: number };
let group: { id: number; orgId: number; name: string };
let kids: Awaited<ReturnType<typeof buildStudent>>[];
let parent: { personId: number };

type Entry = {
  id: number;
  viewerLogin: string;
  screen: string;
  what: string;
  detail: string | null;
  personCount: number;
  persons: { id: number; fullName: string }[];
};

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  const a = await buildUser(s.db, { orgId, roles: ['admin'] });
  const d = await buildUser(s.db, { orgId, roles: ['director'] });
  const c = await buildUser(s.db, { orgId });
  group = await buildGroup(s.db, { orgId, name: 'ЛОГ-1', curatorPersonId: c.personId });
  kids = [
    await buildStudent(s.db, group, { lastName: 'Первова', withLogin: true }),
    await buildStudent(s.db, group, { lastName: 'Вторых' }),
  ];
  parent = await buildGuardian(s.db, orgId, [kids[0].id]);
  admin = await new ApiClient(s.url).login(a.login, a.password);
  director = await new ApiClient(s.url).login(d.login, d.password);
  curator = await new ApiClient(s.url).login(c.login, c.password);
  student = await new ApiClient(s.url).login(kids[0].user!.login, kids[0].user!.password);
  ids = { director: d.id, curator: c.id, student: kids[0].user!.id, admin: a.id };
});
afterAll(() => s.close());

async function lastOf(viewerUserId: number): Promise<Entry | undefined> {
  const r = await admin.get<{ items: Entry[] }>(`/people/view-log?viewerUserId=${viewerUserId}&pageSize=1`);
  expect(r.status).toBe(200);
  return r.body.items[0];
}
const whom = (e: Entry | undefined) => (e?.persons ?? []).map((p) => p.id).sort((a, b) => a - b);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('the personal-data view log (152-ФЗ)', () => {
  it('a list of students: one entry naming everyone on the page', async () => {
    const r = await director.get<{ items: { personId: number }[] }>(`/students?groupId=${group.id}`);
    expect(r.body.items).toHaveLength(2);
    const e = await lastOf(ids.director);
    expect(e).toMatchObject({ screen: 'students', what: 'Список обучающихся', personCount: 2 });
    expect(e!.detail).toContain('ЛОГ-1');
    expect(whom(e)).toEqual(sorted(kids.map((k) => k.personId)));
  });

  it('the group page: its students and their guardians', async () => {
    expect((await director.get(`/groups/${group.id}/page`)).status).toBe(200);
    const e = await lastOf(ids.director);
    expect(e).toMatchObject({ screen: 'group-page', what: 'Страница группы', personCount: 3 });
    expect(e!.detail).toContain('ЛОГ-1');
    expect(whom(e)).toEqual(sorted([...kids.map((k) => k.personId), parent.personId]));
  });

  it('a student card names the student and the guardians shown on it', async () => {
    await director.get(`/students/${kids[0].id}`);
    const e = await lastOf(ids.director);
    expect(e).toMatchObject({ screen: 'student-card', personCount: 2 });
    expect(whom(e)).toEqual(sorted([kids[0].personId, parent.personId]));
  });

  it('guardians, staff and contact changes lists', async () => {
    await director.get('/guardians');
    expect(await lastOf(ids.director)).toMatchObject({ screen: 'guardians', persons: [{ id: parent.personId }] });
    const other = await buildUser(s.db, { orgId, roles: ['teacher'] });
    await director.get('/staff?pageSize=500');
    const staff = await lastOf(ids.director);
    expect(staff?.screen).toBe('staff');
    expect(whom(staff)).toContain(other.personId);
    expect(whom(staff)).not.toContain(
      (await s.db.selectFrom('users').select('person_id').where('id', '=', ids.director).executeTakeFirstOrThrow()).person_id,
    );
    await curator.patch(`/persons/${parent.personId}/contacts`, { phone: '89141112233' });
    await admin.get('/contact-changes?status=all');
    expect(await lastOf(ids.admin)).toMatchObject({ screen: 'contact-changes', persons: [{ id: parent.personId }] });
  });

  it('exports and credential slips', async () => {
    expect((await curator.get(`/groups/${group.id}/usage.xlsx`)).status).toBe(200);
    const x = await lastOf(ids.curator);
    expect(x).toMatchObject({ screen: 'group-usage-xlsx', what: 'Вход в журнал по группе (XLSX)', detail: 'ЛОГ-1' });
    expect(whom(x)).toEqual(sorted([...kids.map((k) => k.personId), parent.personId]));
    const r = await curator.post<{ issued: unknown[] }>('/credentials', { personIds: [kids[1].personId], groupId: group.id });
    expect(r.body.issued).toHaveLength(1);
    expect(await lastOf(ids.curator)).toMatchObject({ screen: 'credentials', persons: [{ id: kids[1].personId }] });
  });

  it('the log filters by person; a student reading their own data is not logged', async () => {
    const before = (await admin.get<{ total: number }>(`/people/view-log?viewerUserId=${ids.student}`)).body.total;
    expect((await student.get('/students')).status).toBe(200);
    expect((await student.get(`/students/${kids[0].id}`)).status).toBe(200);
    expect((await admin.get<{ total: number }>(`/people/view-log?viewerUserId=${ids.student}`)).body.total).toBe(before);
    const mine = await admin.get<{ items: Entry[] }>(`/people/view-log?personId=${kids[1].personId}&pageSize=100`);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e) => e.persons.some((p) => p.id === kids[1].personId))).toBe(true);
  });

  it('entries of the old single-card log survive the migration as cards of one person', async () => {
    const { db, close } = openDatabase('sqlite::memory:');
    try {
      const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0200-people'));
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
      expect(error).toBeUndefined();
      const org = await buildOrganization(db);
      const viewer = await buildUser(db, { orgId: org.id, roles: ['director'] });
      const seen = await buildPerson(db, org.id, { lastName: 'Старый' });
      await sql`insert into person_views (organization_id, viewer_user_id, person_id, at) values (${org.id}, ${viewer.id}, ${seen.id}, '2026-10-01T08:00:00.000Z')`.execute(
        db,
      );
      await migrateToLatest(db);
      const rows = await db
        .selectFrom('pd_views as v')
        .innerJoin('pd_view_persons as p', 'p.view_id', 'v.id')
        .select(['v.viewer_user_id', 'v.screen', 'v.person_count', 'v.at', 'p.person_id'])
        .execute();
      expect(rows).toEqual([
        { viewer_user_id: viewer.id, screen: 'card', person_count: 1, at: '2026-10-01T08:00:00.000Z', person_id: seen.id },
      ]);
    } finally {
      await close();
    }
  });
});
