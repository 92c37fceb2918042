import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../contracts/activity.js';
import {
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildOrganization,
  buildStudent,
  buildUser,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { buildActivityReport, previousMonth } from './activity.js';

// The monthly activity report (п. 6.1, 3.7) on a small college where every figure is known.
// The college is in Vladivostok (UTC+10): October 2026 there runs from 2026-09-30T14:00Z.
let s: TestServer;
let orgId: number;
let admin: ApiClient;
let w: Awaited<ReturnType<typeof setup>>;

async function login(db: TestServer['db'], org: number, userId: number, at: string, action = 'auth.login') {
  await db
    .insertInto('audit_log')
    .values({
      organization_id: org,
      actor_user_id: userId,
      action,
      entity: 'user',
      entity_id: String(userId),
      before: null,
      after: null,
      reason: null,
      ip: null,
      at,
    })
    .execute();
}

async function setup() {
  const db = s.db;
  const director = await buildUser(db, { orgId, roles: ['director'] });
  const t1 = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Аверина' });
  const t2 = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Борисов' });
  const curator = await buildUser(db, { orgId });
  const g = await buildGroup(db, { orgId, name: 'АКТ-1', curatorPersonId: curator.personId });
  const s1 = await buildStudent(db, g, { lastName: 'Входова', withLogin: true });
  const s2 = await buildStudent(db, g, { lastName: 'Забылова', withLogin: true });
  const s3 = await buildStudent(db, g, { lastName: 'Безлогинова' });
  const p1 = await buildGuardian(db, orgId, [s1.id]);
  const p2 = await buildGuardian(db, orgId, [s2.id]);
  await db.updateTable('users').set({ last_login_at: '2026-10-10T03:00:00.000Z' }).where('id', 'in', [s1.user!.id, p1.id, t1.id]).execute();

  // Logins: the teacher twice, a student once, a guardian at 01:00 of 1 October local time
  // (still 30 September in UTC), the director at 00:30 of 1 November local (31 October in UTC).
  await login(db, orgId, t1.id, '2026-10-05T01:00:00.000Z');
  await login(db, orgId, t1.id, '2026-10-06T01:00:00.000Z');
  await login(db, orgId, t1.id, '2026-10-06T02:00:00.000Z', 'journal.lesson_saved');
  await login(db, orgId, t1.id, '2026-10-06T02:05:00.000Z', 'auth.logout_all');
  await login(db, orgId, s1.user!.id, '2026-10-10T03:00:00.000Z');
  await login(db, orgId, p1.id, '2026-09-30T15:00:00.000Z');
  await login(db, orgId, director.id, '2026-10-31T14:30:00.000Z');
  await login(db, orgId, director.id, '2026-09-30T13:59:00.000Z');

  // Lessons: the first teacher records one on the day, one after midnight local time, forgets
  // one; a cancelled lesson and November's do not count; the second substitutes once, on time.
  const a = await buildAssignment(db, { group: g, teacherPersonId: t1.personId });
  const onTime = await buildLesson(db, a, { date: '2026-10-05' });
  const late = await buildLesson(db, a, { date: '2026-10-06' });
  await buildLesson(db, a, { date: '2026-10-07' });
  const cancelled = await buildLesson(db, a, { date: '2026-10-08' });
  await buildLesson(db, a, { date: '2026-11-02' });
  const sub = await buildLesson(db, a, { date: '2026-10-09', teacherPersonId: t2.personId });
  await db
    .updateTable('lessons')
    .set({ recorded_at: '2026-10-05T09:00:00.000Z', topic: 'Тема' })
    .where('id', 'in', [onTime.id, sub.id])
    .execute();
  await db.updateTable('lessons').set({ recorded_at: '2026-10-06T15:00:00.000Z', topic: 'Тема' }).where('id', '=', late.id).execute();
  await db.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
  await buildMark(db, { orgId, lessonId: onTime.id, studentId: s1.id, userId: t1.id, value: '5' });
  await db.updateTable('mark_events').set({ at: '2026-10-05T05:00:00.000Z' }).where('lesson_id', '=', onTime.id).execute();

  // Another college's October login is not ours.
  const other = await buildOrganization(db);
  const stranger = await buildUser(db, { orgId: other.id, roles: ['teacher'] });
  await login(db, other.id, stranger.id, '2026-10-05T01:00:00.000Z');
  return { director, t1, t2, g, s1, s2, s3, p1, p2 };
}

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  const a = await buildUser(s.db, { orgId, roles: ['admin'] });
  w = await setup();
  admin = await new ApiClient(s.url).login(a.login, a.password);
});
afterAll(() => s.close());

describe('monthly activity report (п. 6.1, 3.7)', () => {
  it('counts logins and actions per role, lessons by when they were recorded, groups by who logs in', async () => {
    const r = await buildActivityReport(s.db, orgId, '2026-10');
    expect(r).toMatchObject({ month: '2026-10', from: '2026-10-01', to: '2026-10-31', through: '2026-10-31' });
    expect(r.summary).toEqual({ logins: 4, activeUsers: 3, actions: 2, lessons: { lessons: 4, onTime: 2, late: 1, missing: 1 } });
    const role = (x: string) => r.roles.find((y) => y.role === x);
    expect(role('teacher')).toMatchObject({ title: 'Преподаватель', users: 2, activeUsers: 1, logins: 2, actions: 2 });
    expect(role('student')).toMatchObject({ users: 2, activeUsers: 1, logins: 1, actions: 0 });
    expect(role('guardian')).toMatchObject({ users: 2, activeUsers: 1, logins: 1 });
    expect(role('director')).toMatchObject({ users: 1, activeUsers: 0, logins: 0 });
    expect(role('curator')).toMatchObject({ users: 1, activeUsers: 0 });
    expect(r.teachers).toEqual([
      { personId: w.t1.personId, fullName: expect.stringContaining('Аверина'), lessons: 3, onTime: 1, late: 1, missing: 1 },
      { personId: w.t2.personId, fullName: expect.stringContaining('Борисов'), lessons: 1, onTime: 1, late: 0, missing: 0 },
    ]);
    const g = r.groups.find((x) => x.groupId === w.g.id)!;
    expect(g).toMatchObject({ students: 3, studentsLoggedIn: 1, studentsNever: 2, guardians: 2, guardiansLoggedIn: 1, guardiansNever: 1 });
    expect(g.never.map((n) => [n.kind, n.fullName.split(' ')[0], n.hasLogin])).toEqual(
      expect.arrayContaining([
        ['student', 'Забылова', true],
        ['student', 'Безлогинова', false],
        ['guardian', expect.any(String), true],
      ]),
    );
    expect(g.never.find((n) => n.kind === 'guardian')!.personId).toBe(w.p2.personId);
  });

  it('the page reads it for a chosen month, last month by default; the month is checked', async () => {
    const r = await admin.get<ActivityReport>('/activity?month=2026-10');
    expect(r.status).toBe(200);
    expect(r.body.summary.logins).toBe(4);
    const def = await admin.get<ActivityReport>('/activity');
    expect(def.status).toBe(200);
    expect(def.body.month).toBe('2026-10');
    expect(previousMonth('2026-01-01')).toBe('2025-12');
    const current = await admin.get<ActivityReport>('/activity?month=2026-11');
    expect(current.body.through).toBe('2026-11-29');
    expect(current.body.summary.lessons).toEqual({ lessons: 1, onTime: 0, late: 0, missing: 1 });
    const bad = await admin.get<{ error: { fields: Record<string, string> } }>('/activity?month=2026-13');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toContain('month');
    const future = await admin.get<{ error: { fields: Record<string, string> } }>('/activity?month=2027-01');
    expect(future.status).toBe(400);
    expect(future.body.error.fields.month).toBeTruthy();
  });

  it('downloads as XLSX', async () => {
    const res = await fetch(`${s.url}/api/v1/activity.xlsx?month=2026-10`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((x) => x.name)).toEqual(['Сводка', 'Роли', 'Преподаватели', 'Группы', 'Ни разу не входили']);
    const t = wb.getWorksheet('Преподаватели')!;
    expect(String(t.getRow(2).getCell(1).value)).toContain('Аверина');
    expect([2, 3, 4, 5].map((c) => t.getRow(2).getCell(c).value)).toEqual([3, 1, 1, 1]);
    expect(wb.getWorksheet('Ни разу не входили')!.rowCount).toBe(4);
  });

  it('is for the administration only; the names shown are written to the view log', async () => {
    const director = await new ApiClient(s.url).login(w.director.login, w.director.password);
    expect((await director.get('/activity?month=2026-10')).status).toBe(200);
    const teacher = await new ApiClient(s.url).login(w.t1.login, w.t1.password);
    expect((await teacher.get('/activity?month=2026-10')).status).toBe(403);
    const v = await s.db
      .selectFrom('pd_views')
      .select(['screen', 'person_count'])
      .where('organization_id', '=', orgId)
      .where('screen', '=', 'activity')
      .execute();
    expect(v.length).toBeGreaterThan(0);
    expect(v[0].person_count).toBe(5);
  });
});
