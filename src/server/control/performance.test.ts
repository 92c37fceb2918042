import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupSheet, PerformanceReport, PerformanceRow } from '../../contracts/performance.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildMark,
  buildOrganization,
  buildProgram,
  buildStudent,
  buildSubject,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { buildTermGrade } from '../../../test/factories-attestation.js';
import { ExcelJS } from '../platform/documents.js';
import { nowIso } from '../platform/db.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/**
 * A small college whose figures are worked out by hand. Term 1 of 2026/27:
 *   group A (department «Технологическое», curator): ОП.01 (ПЦК «Общепрофессиональные», teacher T1)
 *   and ОГСЭ.03 (no ПЦК, teacher T2); group B (no department): ОП.01 by T1.
 *   a1: ОП.01 5, ОГСЭ.03 term 5 / exam 4 → level 4     a2: 4, 5 → 4
 *   a3: 2, н/а → 2 (debtor)                            a5: осв., 5 → 5
 *   a4 left on 01.11.2026 (not counted); b1: 3 → 3; b2: 2 → 2.
 * Term 2 of 2025/26 (the previous period): group A ОП.01 a1 3, a2 3.
 */
async function college() {
  const org = await buildOrganization(s.db);
  const orgId = org.id;
  const [prevTerm] = (await buildAcademicYear(s.db, orgId, 2025)).termIds.slice(1);
  const year = await buildAcademicYear(s.db, orgId, 2026);
  const term = year.termIds[0];
  const dept = await s.db
    .insertInto('departments')
    .values({ organization_id: orgId, name: 'Технологическое отделение', head_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const progA = await buildProgram(s.db, orgId);
  await s.db.updateTable('programs').set({ department_id: dept.id }).where('id', '=', progA.id).execute();
  const progB = await buildProgram(s.db, orgId);
  const k = await s.db
    .insertInto('subject_commissions')
    .values({ organization_id: orgId, name: 'Общепрофессиональные дисциплины', chair_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const chair = await buildUser(s.db, { orgId, roles: ['chair'], commissionId: k.id });
  const t1 = await buildUser(s.db, { orgId, roles: ['teacher'], lastName: 'Первый' });
  const t2 = await buildUser(s.db, { orgId, roles: ['teacher'], lastName: 'Второй' });
  const curator = await buildUser(s.db, { orgId });
  const deputy = await buildUser(s.db, { orgId, roles: ['deputy'] });
  const A = await buildGroup(s.db, { orgId, name: 'ТА-26', programId: progA.id, curatorPersonId: curator.personId });
  const B = await buildGroup(s.db, { orgId, name: 'ТБ-26', programId: progB.id });
  const s1 = await buildSubject(s.db, orgId, { programId: progA.id, code: 'ОП.01', name: 'Микробиология', commissionId: k.id });
  const s2 = await buildSubject(s.db, orgId, { programId: progA.id, code: 'ОГСЭ.03', name: 'Иностранный язык' });
  const since = '2025-09-01';
  const a1 = await buildStudent(s.db, A, { lastName: 'Авдеева', since });
  const a2 = await buildStudent(s.db, A, { lastName: 'Белова', since });
  const a3 = await buildStudent(s.db, A, { lastName: 'Васина', since });
  const a4 = await buildStudent(s.db, A, { lastName: 'Ушедшая', since });
  await s.db.updateTable('group_memberships').set({ end_date: '2026-11-01' }).where('student_id', '=', a4.id).execute();
  const a5 = await buildStudent(s.db, A, { lastName: 'Дронова', since });
  const b1 = await buildStudent(s.db, B, { lastName: 'Егорова' });
  const b2 = await buildStudent(s.db, B, { lastName: 'Жукова' });
  const A1 = await buildAssignment(s.db, { group: A, termId: term, subjectId: s1.id, teacherPersonId: t1.personId });
  const A2 = await buildAssignment(s.db, { group: A, termId: term, subjectId: s2.id, teacherPersonId: t2.personId });
  const B1 = await buildAssignment(s.db, { group: B, termId: term, subjectId: s1.id, teacherPersonId: t1.personId });
  const P1 = await buildAssignment(s.db, { group: A, termId: prevTerm, subjectId: s1.id, teacherPersonId: t1.personId });
  const g = (a: { id: number }, st: { id: number }, value: string, kind: 'term' | 'exam' = 'term') =>
    buildTermGrade(s.db, { orgId, assignmentId: a.id, studentId: st.id, userId: t1.id, value, kind });
  await g(A1, a1, '5');
  await g(A1, a2, '4');
  await g(A1, a3, '2');
  await g(A1, a4, '3');
  await g(A1, a5, 'осв.');
  await g(A2, a1, '5');
  await g(A2, a1, '4', 'exam');
  await g(A2, a2, '5');
  await g(A2, a3, 'н/а');
  await g(A2, a4, '5');
  await g(A2, a5, '5');
  await g(B1, b1, '3');
  await g(B1, b2, '2');
  await g(P1, a1, '3');
  await g(P1, a2, '3');
  // Absences: a1 «н» twice (not excused), a2 «б», a3 «н» under a справка, a1 late (not hours).
  const l1 = await buildLesson(s.db, A1, { date: '2026-09-07' });
  const l2 = await buildLesson(s.db, A1, { date: '2026-09-15' });
  const m = (l: { id: number }, st: { id: number }, value: string) =>
    buildMark(s.db, { orgId, lessonId: l.id, studentId: st.id, userId: t1.id, value });
  await m(l1, a1, 'н');
  await m(l1, a2, 'б');
  await m(l1, a3, 'н');
  await m(l2, a1, 'н');
  await m(l2, a2, 'оп');
  await s.db
    .insertInto('absence_excuses')
    .values({
      organization_id: orgId,
      student_id: a3.id,
      from_date: '2026-09-07',
      to_date: '2026-09-08',
      reason: 'Болезнь',
      document: null,
      created_by_user_id: curator.id,
      created_at: nowIso(),
      revoked_at: null,
      revoked_by_user_id: null,
    })
    .execute();
  const login = (u: { login: string }) => new ApiClient(s.url).login(u.login, TEST_PASSWORD);
  return { orgId, term, prevTerm, yearId: year.id, A, B, t1, t2, chair, curator, deputy, a1, a3, login };
}

const row = (rows: PerformanceRow[], name: string | RegExp) => {
  const r = rows.find((x) => (typeof name === 'string' ? x.name === name : name.test(x.name)));
  if (!r) throw new Error(`no row ${String(name)} in ${rows.map((x) => x.name).join(', ')}`);
  return r;
};

let w: Awaited<ReturnType<typeof college>>;
beforeAll(async () => {
  w = await college();
});

describe('the performance report', () => {
  it('gives the administration every section with the figures worked out by hand', async () => {
    const d = await w.login(w.deputy);
    const r = await d.get<PerformanceReport>(`/performance?termId=${w.term}`);
    expect(r.status).toBe(200);
    const x = r.body;
    expect(x.whole).toBe(true);
    expect(x.period).toMatchObject({ kind: 'term', title: '1-й семестр 2026/2027' });
    expect(x.previous).toMatchObject({ kind: 'term', id: w.prevTerm });
    expect(x.sections.college[0].stats).toEqual({
      n: 6,
      counts: { '5': 1, '4': 2, '3': 1, '2': 2, 'н/а': 0 },
      passRate: 66.7,
      qualityRate: 50,
      average: 3.75,
      learningDegree: 49.3,
    });
    expect(x.sections.college[0].absences).toEqual({ excused: 4, unexcused: 4 });
    const A = row(x.sections.groups, 'ТА-26');
    expect(A.stats).toMatchObject({ n: 4, passRate: 75, qualityRate: 75, average: 4.17, learningDegree: 61 });
    expect(A.previous).toMatchObject({ n: 2, passRate: 100, qualityRate: 0, average: 3, learningDegree: 36 });
    expect(row(x.sections.groups, 'ТБ-26').stats).toMatchObject({ n: 2, passRate: 50, qualityRate: 0, average: 2.5, learningDegree: 26 });
    expect(row(x.sections.subjects, 'Микробиология').stats).toMatchObject({
      n: 5,
      passRate: 60,
      qualityRate: 40,
      average: 3.2,
      learningDegree: 46.4,
    });
    expect(row(x.sections.teachers, /^Второй/).stats).toMatchObject({
      n: 4,
      passRate: 75,
      qualityRate: 75,
      average: 4.67,
      learningDegree: 68,
    });
    expect(row(x.sections.commissions, 'Общепрофессиональные дисциплины').stats.n).toBe(5);
    expect(row(x.sections.commissions, 'Без ПЦК').stats.n).toBe(4);
    expect(row(x.sections.departments, 'Технологическое отделение').stats.n).toBe(4);
    expect(row(x.sections.departments, 'Без отделения').stats.n).toBe(2);
    expect(x.sections.students.map((s) => s.name)).not.toContainEqual(expect.stringMatching(/^Ушедшая/));
    const a3 = row(x.sections.students, /^Васина/);
    expect(a3).toMatchObject({ note: 'ТА-26', debts: ['ОГСЭ.03', 'ОП.01'], absences: { excused: 2, unexcused: 0 } });
    expect(row(x.sections.students, /^Авдеева/)).toMatchObject({ absences: { excused: 0, unexcused: 4 }, debts: [] });
    expect(x.absencesByWeek).toEqual([
      { week: '2026-09-07', excused: 4, unexcused: 2 },
      { week: '2026-09-14', excused: 0, unexcused: 2 },
    ]);
    expect(x.trend.map((t) => [t.title, t.passRate])).toEqual([
      ['1-й семестр 2025/2026', null],
      ['2-й семестр 2025/2026', 100],
      ['1-й семестр 2026/2027', 66.7],
    ]);
  });

  it('reports a year beside the year before', async () => {
    const d = await w.login(w.deputy);
    const r = await d.get<PerformanceReport>(`/performance?yearId=${w.yearId}`);
    expect(r.status).toBe(200);
    expect(r.body.period).toMatchObject({ kind: 'year', title: '2026/2027 учебный год' });
    expect(r.body.previous).toMatchObject({ kind: 'year', title: '2025/2026 учебный год' });
    expect(r.body.sections.college[0].stats.n).toBe(6);
    expect(row(r.body.sections.groups, 'ТА-26').previous).toMatchObject({ n: 2, passRate: 100 });
  });

  it('narrows to the caller’s reach: the teacher, the ПЦК chair, the curator', async () => {
    const t1 = await (await w.login(w.t1)).get<PerformanceReport>(`/performance?termId=${w.term}`);
    expect(t1.status, JSON.stringify(t1.body)).toBe(200);
    expect(t1.body.whole).toBe(false);
    expect(t1.body.sections.teachers.map((t) => t.name)).toEqual([expect.stringMatching(/^Первый/)]);
    expect(t1.body.sections.college[0].stats).toMatchObject({ n: 5, passRate: 60 });
    const chair = await (await w.login(w.chair)).get<PerformanceReport>(`/performance?termId=${w.term}`);
    expect(chair.body.sections.subjects.map((x) => x.note)).toEqual(['ОП.01 · ТА-26, ТБ-26']);
    const cur = await (await w.login(w.curator)).get<PerformanceReport>(`/performance?termId=${w.term}`);
    expect(cur.body.sections.groups.map((x) => [x.name, x.sheetGroupId])).toEqual([['ТА-26', w.A.id]]);
    expect(t1.body.sections.groups.map((x) => x.sheetGroupId)).toEqual([null, null]);
    expect(cur.body.sections.college[0].stats).toMatchObject({ n: 4, passRate: 75 });
  });

  it('shows a specialist only the students of their direction, and the сводная ведомость of a whole group only', async () => {
    const sp = await buildUser(s.db, { orgId: w.orgId, roles: ['specialist'] });
    await s.db
      .insertInto('specialist_directions')
      .values({ organization_id: w.orgId, person_id: sp.personId, group_id: null, student_id: w.a1.id })
      .execute();
    const c = await w.login(sp);
    const r = await c.get<PerformanceReport>(`/performance?termId=${w.term}`);
    expect(r.status).toBe(200);
    expect(r.body.sections.students.map((x) => x.name)).toEqual([expect.stringMatching(/^Авдеева/)]);
    expect(r.body.sections.college[0]).toMatchObject({
      stats: { n: 1, passRate: 100, qualityRate: 100 },
      absences: { excused: 0, unexcused: 4 },
    });
    expect(r.body.absencesByWeek).toEqual([
      { week: '2026-09-07', excused: 0, unexcused: 2 },
      { week: '2026-09-14', excused: 0, unexcused: 2 },
    ]);
    expect(r.body.sections.groups[0].sheetGroupId).toBeNull();
    expect((await c.get(`/performance/groups/${w.A.id}/sheet?termId=${w.term}`)).status).toBe(404);
    await s.db
      .insertInto('specialist_directions')
      .values({ organization_id: w.orgId, person_id: sp.personId, group_id: w.A.id, student_id: null })
      .execute();
    const whole = await w.login(sp);
    expect((await whole.get(`/performance/groups/${w.A.id}/sheet?termId=${w.term}`)).status).toBe(200);
  });

  it('checks its input: one of a term or a year, known to the college', async () => {
    const d = await w.login(w.deputy);
    const bad = await d.get<{ error: { fields: Record<string, string> } }>('/performance?termId=abc');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toContain('termId');
    expect((await d.get(`/performance?termId=${w.term}&yearId=${w.yearId}`)).status).toBe(400);
    expect((await d.get('/performance?termId=999999')).status).toBe(404);
    const other = await buildOrganization(s.db);
    const foreign = (await buildAcademicYear(s.db, other.id)).termIds[0];
    expect((await d.get(`/performance?termId=${foreign}`)).status).toBe(404);
  });

  it('downloads every table as XLSX and PDF', async () => {
    const d = await w.login(w.deputy);
    const x = await fetch(`${s.url}/api/v1/performance.xlsx?termId=${w.term}`, { headers: { cookie: d.cookie } });
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'Колледж',
      'Отделения',
      'ПЦК',
      'Группы',
      'Дисциплины',
      'Преподаватели',
      'Обучающиеся',
    ]);
    const groups = wb.getWorksheet('Группы')!;
    const values = groups.getSheetValues().flat().map(String);
    expect(values).toContain('ТА-26');
    expect(values).toContain('75 %');
    const p = await fetch(`${s.url}/api/v1/performance.pdf?termId=${w.term}`, { headers: { cookie: d.cookie } });
    expect(p.status).toBe(200);
    const pdf = Buffer.from(await p.arrayBuffer());
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // Read as printed: the heads whole (not «Проп.…» twice), each subject's row named by its code and groups before its name.
    const dir = mkdtempSync(join(tmpdir(), 'performance-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(text).not.toContain('…');
    expect(text).toMatch(/Проп\.\s+уваж\.,\s+ч/);
    expect(text).toMatch(/Проп\.\s+неуваж\.,\s+ч/);
    expect(text).toContain('ОП.01 · ТА-26, ТБ-26 · Микробиология');
  });
});

describe('the curator’s сводная ведомость', () => {
  it('lists every subject’s result of each student still in the group, with debtors', async () => {
    const c = await w.login(w.curator);
    const r = await c.get<GroupSheet>(`/performance/groups/${w.A.id}/sheet?termId=${w.term}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.subjects.map((x) => x.code)).toEqual(['ОГСЭ.03', 'ОП.01']);
    expect(r.body.students.map((x) => x.fullName.split(' ')[0])).toEqual(['Авдеева', 'Белова', 'Васина', 'Дронова']);
    const [ogse, op] = r.body.subjects.map((x) => x.key);
    expect(r.body.students[0].results).toEqual({ [ogse]: '4', [op]: '5' });
    expect(r.body.students[2].debts).toEqual(['ОГСЭ.03', 'ОП.01']);
    expect(r.body.stats).toMatchObject({ n: 4, passRate: 75 });
    const x = await fetch(`${s.url}/api/v1/performance/groups/${w.A.id}/sheet.xlsx?termId=${w.term}`, { headers: { cookie: c.cookie } });
    expect(x.status).toBe(200);
  });

  it('is not the teacher’s nor another curator’s', async () => {
    expect((await (await w.login(w.t1)).get(`/performance/groups/${w.A.id}/sheet?termId=${w.term}`)).status).toBe(404);
    expect((await (await w.login(w.curator)).get(`/performance/groups/${w.B.id}/sheet?termId=${w.term}`)).status).toBe(404);
  });
});
