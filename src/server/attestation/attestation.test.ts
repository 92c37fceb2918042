import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttestationAssignments, GradeSheet, Overrides, SetTermGradeResult } from '../../contracts/attestation.js';
import {
  buildAssignment,
  buildGroup,
  buildLesson,
  buildMark,
  buildOrganization,
  buildStudent,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { buildItemTerm, buildLessonPlan } from '../../../test/factories-curriculum.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

type Err = {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    details?: { missing?: { text: string }[]; current?: { value: string } };
  };
};

/** A group of two students, an assignment of 36 hours (2 a week) with lessons in September. */
async function world() {
  const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
  const teacher = await buildUser(s.db, { orgId: org.id, roles: ['teacher'] });
  const curator = await buildUser(s.db, { orgId: org.id });
  const group = await buildGroup(s.db, { orgId: org.id, curatorPersonId: curator.personId });
  const anna = await buildStudent(s.db, group, { lastName: 'Астахова', withLogin: true });
  const boris = await buildStudent(s.db, group, { lastName: 'Борисов', firstName: 'Борис' });
  const a = await buildAssignment(s.db, { group, teacherPersonId: teacher.personId, hours: 36 });
  const l1 = await buildLesson(s.db, a, { date: '2026-09-02' });
  const l2 = await buildLesson(s.db, a, { date: '2026-09-09' });
  const l3 = await buildLesson(s.db, a, { date: '2026-09-16' });
  const u = teacher.id;
  await buildMark(s.db, { orgId: org.id, lessonId: l1.id, studentId: anna.id, userId: u, value: '5' });
  await buildMark(s.db, { orgId: org.id, lessonId: l2.id, studentId: anna.id, userId: u, value: '4', workType: 'control', weight: 2 });
  await buildMark(s.db, { orgId: org.id, lessonId: l1.id, studentId: boris.id, userId: u, value: '3' });
  await buildMark(s.db, { orgId: org.id, lessonId: l2.id, studentId: boris.id, userId: u, value: 'н' });
  const login = async (x: { login: string }) => new ApiClient(s.url).login(x.login, TEST_PASSWORD);
  return { org, teacher, curator, group, anna, boris, a, l1, l2, l3, login };
}

describe('the grade sheet', () => {
  it('shows averages, the suggestion and what the objectivity check misses', async () => {
    const w = await world();
    const t = await w.login(w.teacher);
    const r = await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`);
    expect(r.status).toBe(200);
    expect(r.body.assignment.hoursPerWeek).toBe(2);
    expect(r.body.assignment.requiredGrades).toBe(2);
    expect(r.body.canWrite).toBe(true);
    const [anna, boris] = r.body.students;
    expect(anna.fullName).toMatch(/^Астахова/);
    expect(anna.weightedAverage).toBe(4.33);
    expect(anna.suggestion).toBe('4');
    expect(anna.missing).toEqual([]);
    expect(boris.absentHours).toBe(2);
    expect(boris.missing.map((m) => m.text)).toEqual([
      'Нужно не менее 2 оценок, выставлено 1',
      'Контрольная работа от 09.09.2026 не оценена',
    ]);
    expect(r.body.summary).toMatchObject({ set: 0, total: 2, failingCheck: 1 });
  });

  it('holds back a term grade with missing grades, then sets it with a reason; the deputy sees the override', async () => {
    const w = await world();
    const t = await w.login(w.teacher);
    const url = `/attestation/assignments/${w.a.id}/students/${w.boris.id}/grades/term`;
    const held = await t.put<Err>(url, { value: '3', version: null });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('objectivity');
    expect(held.body.error.details!.missing!.map((m) => m.text)).toContain('Контрольная работа от 09.09.2026 не оценена');
    expect(await s.db.selectFrom('term_grades').select('id').where('assignment_id', '=', w.a.id).execute()).toHaveLength(0);

    const set = await t.put<SetTermGradeResult>(url, {
      value: '3',
      version: null,
      reason: 'Контрольная написана на консультации, оценка в ведомости консультаций',
    });
    expect(set.status).toBe(200);
    expect(set.body.grade).toMatchObject({ value: '3', version: 1, overrideReason: expect.stringContaining('консультации') });
    expect(set.body.message).toMatch(/причина записана/);

    const deputy = await w.login(await buildUser(s.db, { orgId: w.org.id, roles: ['deputy'] }));
    const o = await deputy.get<Overrides>('/attestation/overrides');
    expect(o.status).toBe(200);
    expect(o.body.items).toHaveLength(1);
    expect(o.body.items[0]).toMatchObject({ studentName: expect.stringMatching(/^Борисов Борис/), value: '3', current: true });
    expect(o.body.items[0].missing).toHaveLength(2);
    const audit = await s.db.selectFrom('audit_log').select(['action', 'reason']).where('entity', '=', 'term_grade').execute();
    expect(audit.at(-1)).toMatchObject({ action: 'term_grade.create', reason: expect.stringContaining('консультации') });
  });

  it('sets a term grade that passes the check, refuses a stale version and keeps the history', async () => {
    const w = await world();
    const t = await w.login(w.teacher);
    const url = `/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/term`;
    const first = await t.put<SetTermGradeResult>(url, { value: '4', version: null });
    expect(first.status).toBe(200);
    expect(first.body.grade!.overrideReason).toBeNull();
    const stale = await t.put<Err>(url, { value: '5', version: null });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.details!.current!.value).toBe('4');
    const second = await t.put<SetTermGradeResult>(url, { value: '5', version: 1, reason: 'Пересдача' });
    expect(second.body.grade).toMatchObject({ value: '5', version: 2 });
    expect(second.body.message).toMatch(/изменена/);
    const events = await s.db
      .selectFrom('term_grade_events')
      .select(['old_value', 'new_value', 'reason'])
      .where('assignment_id', '=', w.a.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { old_value: null, new_value: '4', reason: null },
      { old_value: '4', new_value: '5', reason: 'Пересдача' },
    ]);
    const bad = await t.put<Err>(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/exam`, { value: '6', version: null });
    expect(bad.status).toBe(400);
    const gone = await t.put<SetTermGradeResult>(url, { value: null, version: 2, reason: 'Выставлена не тому обучающемуся' });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ grade: null, message: expect.stringMatching(/убрана.*была «5»/) });
    expect((await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`)).body.students[0].grades.term).toBeNull();
    expect((await t.put<Err>(url, { value: null, version: 2 })).status).toBe(409);
    const naOk = await t.put(`/attestation/assignments/${w.a.id}/students/${w.boris.id}/grades/term`, { value: 'н/а', version: null });
    expect(naOk.status).toBe(200);
  });

  it('keeps a student who left on the sheet for their dates, out of the rates', async () => {
    const w = await world();
    await s.db.updateTable('group_memberships').set({ end_date: '2026-10-10' }).where('student_id', '=', w.boris.id).execute();
    const t = await w.login(w.teacher);
    await t.put(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/term`, { value: '4', version: null });
    const r = await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`);
    expect(r.body.students.map((x) => x.leftOn)).toEqual([null, '2026-10-10']);
    expect(r.body.summary.term).toEqual({ counted: 1, passRate: 100, qualityRate: 100, average: 4 });
  });

  it('honours the organization setting of the rule', async () => {
    const w = await world();
    await s.db
      .updateTable('organizations')
      .set({ settings: JSON.stringify({ objectivity: { baseGrades: 3 } }) })
      .where('id', '=', w.org.id)
      .execute();
    const t = await w.login(w.teacher);
    const r = await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`);
    expect(r.body.assignment.requiredGrades).toBe(3);
    expect(r.body.students[0].missing[0].text).toBe('Нужно не менее 3 оценок, выставлено 2');
  });

  it("follows the curriculum: a зачёт is pass/fail, and the КТП's laboratory work must be graded", async () => {
    const w = await world();
    await buildItemTerm(s.db, w.org.id, w.a.subjectId, 1, { theory: 30, laboratory: 6, form: 'З' });
    await buildLessonPlan(s.db, w.org.id, w.a.subjectId, {
      status: 'approved',
      lines: [
        { topic: 'Введение', hours: 2 },
        { topic: 'Контрольная работа № 1', hours: 2, lessonType: 'control' },
        { topic: 'Лабораторная работа № 1', hours: 2, lessonType: 'laboratory' },
      ],
    });
    const t = await w.login(w.teacher);
    const r = await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`);
    expect(r.body.assignment).toMatchObject({ form: 'З', formTitle: 'Зачёт' });
    expect(r.body.kinds).toEqual(['term', 'final']);
    // A later term of the subject in the curriculum: no final grade yet.
    await buildItemTerm(s.db, w.org.id, w.a.subjectId, 2, { theory: 30, form: 'Э' });
    expect((await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`)).body.kinds).toEqual(['term']);
    expect(r.body.allowed.term).toEqual(['зачтено', 'не зачтено', 'н/а', 'осв.']);
    const [anna] = r.body.students;
    expect(anna.suggestion).toBe('зачтено');
    expect(anna.missing.map((m) => m.text)).toEqual(['Лабораторная работа от 16.09.2026 не оценена']);
    const five = await t.put<Err>(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/term`, {
      value: '5',
      version: null,
      reason: 'x',
    });
    expect(five.status).toBe(400);
    expect(five.body.error.fields!.value).toMatch(/Допустимо: зачтено/);
    const exam = await t.put<Err>(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/exam`, { value: '5', version: null });
    expect(exam.status).toBe(400);
  });

  it('a practical work the journal recorded at a lesson must be graded', async () => {
    const w = await world();
    await s.db
      .updateTable('lessons')
      .set({ work_types: JSON.stringify(['oral', 'practical']) })
      .where('id', '=', w.l3.id)
      .execute();
    const t = await w.login(w.teacher);
    const r = await t.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`);
    expect(r.body.students[0].missing.map((m) => m.text)).toEqual(['Практическая работа от 16.09.2026 не оценена']);
  });

  it('prints the sheet as PDF and XLSX', async () => {
    const w = await world();
    const t = await w.login(w.teacher);
    const pdf = await fetch(`${s.url}/api/v1/attestation/assignments/${w.a.id}/sheet.pdf`, { headers: { cookie: t.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(encodeURIComponent('Ведомость'));
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
    const xlsx = await fetch(`${s.url}/api/v1/attestation/assignments/${w.a.id}/sheet.xlsx`, { headers: { cookie: t.cookie } });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});

describe('scopes', () => {
  it('401 without a session, 403 for a student, 404 for another teacher and another college', async () => {
    const w = await world();
    const anon = new ApiClient(s.url);
    expect((await anon.get(`/attestation/assignments/${w.a.id}/sheet`)).status).toBe(401);
    const student = await w.login(w.anna.user!);
    expect((await student.get(`/attestation/assignments/${w.a.id}/sheet`)).status).toBe(403);
    expect((await student.get('/attestation/overrides')).status).toBe(403);
    const other = await w.login(await buildUser(s.db, { orgId: w.org.id, roles: ['teacher'] }));
    expect((await other.get(`/attestation/assignments/${w.a.id}/sheet`)).status).toBe(404);
    expect(
      (await other.put(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/term`, { value: '5', version: null })).status,
    ).toBe(404);
    expect((await other.get<AttestationAssignments>('/attestation/assignments')).body.items).toHaveLength(0);
    const foreign = await w.login(await buildUser(s.db, { orgId: (await buildOrganization(s.db)).id, roles: ['deputy'] }));
    expect((await foreign.get(`/attestation/assignments/${w.a.id}/sheet`)).status).toBe(404);
    expect((await foreign.get<Overrides>('/attestation/overrides')).body.items).toHaveLength(0);
  });

  it('the curator and control roles read, and only the teacher writes', async () => {
    const w = await world();
    const curator = await w.login(w.curator);
    const sheet = await curator.get<GradeSheet>(`/attestation/assignments/${w.a.id}/sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.canWrite).toBe(false);
    expect((await curator.get<AttestationAssignments>('/attestation/assignments')).body.items.map((i) => i.id)).toEqual([w.a.id]);
    expect(
      (await curator.put(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/term`, { value: '5', version: null })).status,
    ).toBe(403);
    const director = await w.login(await buildUser(s.db, { orgId: w.org.id, roles: ['director'] }));
    expect((await director.get(`/attestation/assignments/${w.a.id}/sheet`)).status).toBe(200);
    expect(
      (await director.put(`/attestation/assignments/${w.a.id}/students/${w.anna.id}/grades/term`, { value: '5', version: null })).status,
    ).toBe(403);
    const t = await w.login(w.teacher);
    const list = await t.get<AttestationAssignments>('/attestation/assignments');
    expect(list.body.items).toEqual([expect.objectContaining({ id: w.a.id, students: 2, set: 0 })]);
    // a student of another group is not on this sheet
    const stranger = await buildStudent(s.db, await buildGroup(s.db, { orgId: w.org.id }));
    expect(
      (await t.put(`/attestation/assignments/${w.a.id}/students/${stranger.id}/grades/term`, { value: '5', version: null })).status,
    ).toBe(404);
  });
});
