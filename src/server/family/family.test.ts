import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Children, FamilyDay, FamilyGrades, FamilyWeek, StudentOverview } from '../../contracts/family.js';
import { todayIn } from '../../domain/dates.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildOrganization,
  buildStudent,
  buildSubgroup,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { buildMarkCorrection, buildTermGrade } from '../../../test/factories-attestation.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const TZ = 'Asia/Vladivostok';

async function world() {
  const org = await buildOrganization(s.db, { timeZone: TZ });
  const year = await buildAcademicYear(s.db, org.id, 2026);
  const prev = await buildAcademicYear(s.db, org.id, 2025);
  const teacher = await buildUser(s.db, { orgId: org.id, roles: ['teacher'] });
  const group = await buildGroup(s.db, { orgId: org.id, name: 'ПК-25' });
  const sub1 = await buildSubgroup(s.db, group, 'Англ. 1');
  const sub2 = await buildSubgroup(s.db, group, 'Англ. 2');
  const dasha = await buildStudent(s.db, group, {
    lastName: 'Лёвкина',
    firstName: 'Дарья',
    withLogin: true,
    subgroupId: sub1.id,
    since: '2025-09-01',
  });
  const other = await buildStudent(s.db, group, { lastName: 'Другова', subgroupId: sub2.id });
  const group2 = await buildGroup(s.db, { orgId: org.id, name: 'ПВ-26' });
  const artem = await buildStudent(s.db, group2, { lastName: 'Лёвкин', firstName: 'Артём' });
  const parent = await buildGuardian(s.db, org.id, [dasha.id, artem.id]);
  const a = await buildAssignment(s.db, { group, teacherPersonId: teacher.personId, termId: year.termIds[0], hours: 36 });
  const eng = await buildAssignment(s.db, {
    group,
    subgroupId: sub2.id,
    teacherPersonId: teacher.personId,
    termId: year.termIds[0],
    subjectId: a.subjectId,
  });
  const old = await buildAssignment(s.db, { group, teacherPersonId: teacher.personId, termId: prev.termIds[1] });
  const today = todayIn(TZ);
  const l1 = await buildLesson(s.db, a, { date: '2026-09-02', topic: 'Введение' });
  await s.db.updateTable('lessons').set({ homework: 'Параграф 1, вопросы 1–5' }).where('id', '=', l1.id).execute();
  const lToday = await buildLesson(s.db, a, { date: today, topic: 'Микрофлора воздуха', pairNo: 2 });
  await s.db
    .insertInto('lesson_files')
    .values({
      organization_id: org.id,
      lesson_id: l1.id,
      file_name: 'Вопросы.pdf',
      content_type: 'application/pdf',
      size: 3,
      content_base64: 'YWJj',
      created_by_user_id: teacher.id,
      created_at: '2026-09-02T01:00:00Z',
    })
    .execute();
  const bells = await s.db
    .insertInto('bell_schedules')
    .values({ organization_id: org.id, name: 'Основное', is_default: 1, created_at: '2026-09-01T00:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await s.db
    .insertInto('bell_periods')
    .values(
      [1, 2, 3].map((n) => ({
        organization_id: org.id,
        bell_schedule_id: bells.id,
        pair_no: n,
        starts_at: ['08:30', '10:10', '12:00'][n - 1],
        ends_at: ['10:00', '11:40', '13:30'][n - 1],
      })),
    )
    .execute();
  const lOld = await buildLesson(s.db, old, { date: '2026-03-10', topic: 'Прошлый год' });
  await buildLesson(s.db, eng, { date: today, pairNo: 3 });
  const cancelled = await buildLesson(s.db, a, { date: today, pairNo: 4 });
  await s.db.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
  const substitute = await buildUser(s.db, { orgId: org.id, roles: ['teacher'] });
  await buildLesson(s.db, a, { date: today, pairNo: 5, teacherPersonId: substitute.personId });
  const u = teacher.id;
  const m1 = await buildMark(s.db, { orgId: org.id, lessonId: l1.id, studentId: dasha.id, userId: u, value: '3', workType: 'control' });
  await buildMarkCorrection(s.db, { markId: m1.id, userId: u, value: '4', reason: 'Ошибка при вводе' });
  await buildMark(s.db, { orgId: org.id, lessonId: lToday.id, studentId: dasha.id, userId: u, value: '5' });
  await buildMark(s.db, { orgId: org.id, lessonId: lToday.id, studentId: dasha.id, userId: u, value: 'оп', hours: 1 });
  await buildMark(s.db, { orgId: org.id, lessonId: lOld.id, studentId: dasha.id, userId: u, value: 'н' });
  await buildMark(s.db, { orgId: org.id, lessonId: lToday.id, studentId: other.id, userId: u, value: '2' });
  await buildTermGrade(s.db, { orgId: org.id, assignmentId: old.id, studentId: dasha.id, userId: u, value: '4' });
  const login = (x: { login: string }) => new ApiClient(s.url).login(x.login, TEST_PASSWORD);
  return { org, year, prev, group, dasha, other, artem, parent, a, old, today, login, teacher };
}

describe('a guardian and a student', () => {
  it('a guardian lists both children, a student only themself', async () => {
    const w = await world();
    const p = await w.login(w.parent);
    const c = await p.get<Children>('/family/children');
    expect(c.status).toBe(200);
    expect(c.body.items.map((x) => `${x.fullName} ${x.groupName}`)).toEqual([
      'Лёвкин Артём Сергеевна ПВ-26',
      'Лёвкина Дарья Сергеевна ПК-25',
    ]);
    const st = await w.login(w.dasha.user!);
    expect((await st.get<Children>('/family/children')).body.items.map((x) => x.studentId)).toEqual([w.dasha.id]);
  });

  it('sees every year of study and the grades of each term, with a correction and when it was made', async () => {
    const w = await world();
    const p = await w.login(w.parent);
    const o = await p.get<StudentOverview>(`/family/students/${w.dasha.id}`);
    expect(o.body.years.map((y) => y.name)).toEqual(['2026/2027', '2025/2026']);
    expect(o.body.currentTermId).toBe(w.year.termIds[0]);
    const g = await p.get<FamilyGrades>(`/family/students/${w.dasha.id}/grades`);
    expect(g.status).toBe(200);
    const subj = g.body.subjects[0];
    const corrected = subj.marks.find((m) => m.date === '2026-09-02')!;
    expect(corrected).toMatchObject({ value: '4', workTypeTitle: 'Контрольная работа' });
    expect(corrected.changes).toEqual([expect.objectContaining({ oldValue: '3', newValue: '4', reason: 'Ошибка при вводе' })]);
    expect(subj.weightedAverage).toBe(4.5);
    expect(subj.absences).toMatchObject({ оп: 1, total: 0 });
    // The other subgroup's lesson and another student's marks are not hers.
    expect(subj.marks.some((m) => m.value === '2')).toBe(false);
    const past = await p.get<FamilyGrades>(`/family/students/${w.dasha.id}/grades?termId=${w.prev.termIds[1]}`);
    expect(past.body.subjects[0]).toMatchObject({ absences: { н: 2, total: 2 }, termGrades: { term: '4' } });
  });

  it('the day answers what happened today; the week shows the timetable and homework', async () => {
    const w = await world();
    const st = await w.login(w.dasha.user!);
    const d = await st.get<FamilyDay>(`/family/students/${w.dasha.id}/day`);
    expect(d.status).toBe(200);
    expect(d.body.date).toBe(w.today);
    expect(d.body.lessons.map((l) => [l.pairNo, l.cancelled, l.substitute])).toEqual([
      [2, false, false],
      [4, true, false],
      [5, false, true],
    ]);
    expect(d.body.lessons[0]).toMatchObject({ topic: 'Микрофлора воздуха', pairNo: 2, startsAt: '10:10', endsAt: '11:40' });
    expect(d.body.lessons[0].marks.map((m) => m.value).sort()).toEqual(['5', 'оп']);
    // The correction of 02.09 was made today: it is news.
    expect(d.body.news.map((l) => l.date)).toContain('2026-09-02');
    expect(d.body.news.find((l) => l.date === '2026-09-02')!.marks[0].changes[0]).toMatchObject({ oldValue: '3', newValue: '4' });
    const wk = await st.get<FamilyWeek>(`/family/students/${w.dasha.id}/week?from=2026-09-02`);
    expect(wk.body.from).toBe('2026-08-31');
    const first = wk.body.days.find((x) => x.date === '2026-09-02')!.lessons[0];
    expect(first).toMatchObject({ homework: 'Параграф 1, вопросы 1–5', files: [{ fileName: 'Вопросы.pdf' }] });
    const file = await fetch(`${s.url}/api/v1/journal/files/${first.files[0].id}`, { headers: { cookie: st.cookie } });
    expect(file.status).toBe(200);
  });
});

describe('scopes', () => {
  it("401 without a session; 403 for staff; 404 for another family's child and another college", async () => {
    const w = await world();
    expect((await new ApiClient(s.url).get(`/family/students/${w.dasha.id}/grades`)).status).toBe(401);
    const teacher = await w.login(w.teacher);
    expect((await teacher.get(`/family/students/${w.dasha.id}/grades`)).status).toBe(403);
    const st = await w.login(w.dasha.user!);
    for (const path of ['', '/day', '/week', '/grades']) {
      expect((await st.get(`/family/students/${w.artem.id}${path}`)).status, path).toBe(404);
    }
    const otherParent = await w.login(await buildGuardian(s.db, w.org.id, [w.other.id]));
    expect((await otherParent.get(`/family/students/${w.dasha.id}/grades`)).status).toBe(404);
    expect((await otherParent.get(`/family/students/${w.dasha.id}/day`)).status).toBe(404);
    const foreignOrg = await buildOrganization(s.db);
    const foreignParent = await w.login(await buildGuardian(s.db, foreignOrg.id, [w.dasha.id]));
    expect((await foreignParent.get(`/family/students/${w.dasha.id}`)).status).toBe(404);
  });
});
