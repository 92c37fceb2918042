import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerformanceReport } from '../../contracts/performance.js';
import type { CollegeFigures, RegionReport } from '../../contracts/region-reports.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildOrganization,
  buildRegionalAdmin,
  buildStudent,
  buildSubject,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { buildTermGrade } from '../../../test/factories-attestation.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { Scheduler } from '../control/scheduler.js';
import { JOBS } from '../control/scheduler-jobs.js';
import { ExcelJS } from '../platform/documents.js';
import { FIGURES_JOB, runFiguresJob } from './figures.js';

// The regional reports from kept figures (issue 15 item 3, decision 041), through real HTTP.
let s: TestServer;
const REGION = 'Приморский край';
const login = (u: { login: string }) => new ApiClient(s.url).login(u.login, TEST_PASSWORD);

/**
 * A college of the region. Term 1 of 2026/27: group Big (6 students), Mid (5), Tiny (2), each with
 * two subjects whose term grades follow `grades`; the previous term (2 of 2025/26) gives Big's
 * students «3» in one subject. Absences and lessons in Big; a guardian of Big's first student.
 */
async function college(name: string, region = REGION) {
  const org = await buildOrganization(s.db, { name, region });
  const orgId = org.id;
  const [prevTerm] = (await buildAcademicYear(s.db, orgId, 2025)).termIds.slice(1);
  const term = (await buildAcademicYear(s.db, orgId, 2026)).termIds[0];
  const teacher = await buildUser(s.db, { orgId, roles: ['teacher'] });
  const deputy = await buildUser(s.db, { orgId, roles: ['deputy'] });
  const admin = await buildUser(s.db, { orgId, roles: ['admin'] });
  const observer = await buildUser(s.db, { orgId, roles: ['observer'] });
  const grades: Record<string, string[][]> = {
    Big: [
      ['5', '5'],
      ['5', '4'],
      ['4', '4'],
      ['3', '4'],
      ['2', '5'],
      ['н/а', 'н/а'],
    ],
    Mid: [
      ['5', '5'],
      ['4', '3'],
      ['3', '3'],
      ['5', 'осв.'],
      ['4', '4'],
    ],
    Tiny: [
      ['5', '5'],
      ['2', '3'],
    ],
  };
  const groups: Record<string, { id: number; students: { id: number }[]; a: { id: number; orgId: number; teacherPersonId: number }[] }> =
    {};
  for (const [gname, rows] of Object.entries(grades)) {
    const g = await buildGroup(s.db, { orgId, name: `${gname}-${orgId}`, course: gname === 'Big' ? 1 : 2 });
    const subj = [await buildSubject(s.db, orgId, { programId: g.programId }), await buildSubject(s.db, orgId, { programId: g.programId })];
    const a = await Promise.all(
      subj.map((x) => buildAssignment(s.db, { group: g, termId: term, subjectId: x.id, teacherPersonId: teacher.personId })),
    );
    const students = [];
    for (const [i, vs] of rows.entries()) {
      const st = await buildStudent(s.db, g, { lastName: `Студентка${gname}${i}`, since: '2025-09-01' });
      students.push(st);
      for (const [j, v] of vs.entries())
        await buildTermGrade(s.db, { orgId, assignmentId: a[j].id, studentId: st.id, userId: teacher.id, value: v, kind: 'term' });
    }
    groups[gname] = { id: g.id, students, a };
  }
  const big = groups.Big;
  const prev = await buildAssignment(s.db, {
    group: { id: big.id, orgId, programId: undefined },
    termId: prevTerm,
    teacherPersonId: teacher.personId,
  });
  for (const st of big.students)
    await buildTermGrade(s.db, { orgId, assignmentId: prev.id, studentId: st.id, userId: teacher.id, value: '3' });
  const l1 = await buildLesson(s.db, big.a[0], { date: '2026-10-05' });
  await buildLesson(s.db, big.a[0], { date: '2026-10-06' });
  await s.db.updateTable('lessons').set({ recorded_at: '2026-10-05T03:00:00.000Z' }).where('id', '=', l1.id).execute();
  await buildMark(s.db, { orgId, lessonId: l1.id, studentId: big.students[0].id, userId: teacher.id, value: 'н' });
  await buildMark(s.db, { orgId, lessonId: l1.id, studentId: big.students[1].id, userId: teacher.id, value: 'б' });
  await buildGuardian(s.db, orgId, [big.students[0].id]);
  return { orgId, term, prevTerm, teacher, deputy, admin, observer, groups };
}

let A: Awaited<ReturnType<typeof college>>;
let B: Awaited<ReturnType<typeof college>>;
let far: Awaited<ReturnType<typeof college>>;
const tz = 'Asia/Vladivostok';

beforeAll(async () => {
  s = await startTestServer();
  A = await college('Колледж А');
  B = await college('Колледж Б');
  far = await college('Дальний колледж', 'Камчатский край');
  for (const c of [A, B, far]) await runFiguresJob(s.db, { id: c.orgId, timeZone: tz }, '2026-11-29T05', null);
}, 120_000);
afterAll(() => s.close());

describe('the observer’s regional report', () => {
  it('lists the colleges of the observer’s region only, each figure beside the previous term’s', async () => {
    const c = await login(A.observer);
    const r = await c.get<RegionReport>('/region/reports');
    expect(r.status).toBe(200);
    expect(r.body.period).toMatchObject({ yearName: '2026/2027', termNumber: 1, title: '1-й семестр 2026/2027' });
    expect(r.body.previous).toMatchObject({ yearName: '2025/2026', termNumber: 2 });
    expect(r.body.colleges.map((x) => x.name)).toEqual(['Колледж А', 'Колледж Б']);
    const a = r.body.colleges[0];
    expect(a.now).toMatchObject({ groups: 3, students: 13, lessons: 2, lessonsOnTime: 1, fillRate: 50, guardians: 1 });
    expect(a.before).toMatchObject({ students: 13, attested: 6, passRate: 100, qualityRate: 0, average: 3 });
    expect(a.computedAt).toEqual(expect.any(String));
    expect(r.body.total.now!.students).toBe(26);
    expect(JSON.stringify(r.body)).not.toContain('Студентка');
    const year = await c.get<RegionReport>('/region/reports?year=2026/2027');
    expect(year.body.period).toMatchObject({ termNumber: 0, title: '2026/2027 учебный год' });
    expect(year.body.total.now!.students).toBe(26);
    const bad = await c.get<{ error: { fields: Record<string, string> } }>('/region/reports?year=2026&term=9');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['year', 'term']));
    const backwards = await c.get<{ error: { fields: Record<string, string> } }>('/region/reports?year=2030/2020');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields.year).toContain('второй год следует за первым');
  });

  it('the figures are those of the college’s own performance report of the term', async () => {
    const perf = await (await login(A.deputy)).get<PerformanceReport>(`/performance?termId=${A.term}`);
    const college = perf.body.sections.college[0].stats;
    const mine = (await (await login(A.observer)).get<RegionReport>('/region/reports')).body.colleges[0].now!;
    expect(mine).toMatchObject({
      attested: college.n,
      passRate: college.passRate,
      qualityRate: college.qualityRate,
      average: college.average,
    });
    const drill = await (await login(A.observer)).get<CollegeFigures>(`/region/reports/colleges/${A.orgId}`);
    expect(drill.status).toBe(200);
    const big = perf.body.sections.groups.find((g) => g.name === `Big-${A.orgId}`)!;
    const row = drill.body.groups.find((g) => g.name === `Big-${A.orgId}`)!;
    expect(row.now).toMatchObject({
      attested: big.stats.n,
      passRate: big.stats.passRate,
      qualityRate: big.stats.qualityRate,
      average: big.stats.average,
    });
    expect(row.now).toMatchObject({ excused: big.absences.excused, unexcused: big.absences.unexcused });
    expect(row.before).toMatchObject({ students: 6, attested: 6, passRate: 100 });
  });

  it('drills into a college by group and course; a group below five students is never shown apart', async () => {
    const r = await (await login(A.observer)).get<CollegeFigures>(`/region/reports/colleges/${B.orgId}`);
    expect(r.status).toBe(200);
    // Tiny (2) is merged with the smallest other group (Mid, 5): «Прочие группы» of 7.
    expect(r.body.groups.map((g) => [g.name, g.now!.students])).toEqual([
      [`Big-${B.orgId}`, 6],
      ['Прочие группы', 7],
    ]);
    expect(r.body.courses.map((g) => [g.name, g.now!.students])).toEqual([
      ['1 курс', 6],
      ['2 курс', 7],
    ]);
    expect(r.body.total.now!.students).toBe(13);
    expect(JSON.stringify(r.body)).not.toContain('Студентка');
    expect((await (await login(A.observer)).get(`/region/reports/colleges/${far.orgId}`)).status).toBe(404);
  });

  it('XLSX and PDF of both, with the date of the figures', async () => {
    const c = await login(A.observer);
    const raw = (path: string) => fetch(`${s.url}/api/v1${path}`, { headers: { cookie: c.cookie } });
    const x = await raw('/region/reports.xlsx');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('Колледж Б');
    expect(text).toContain('Всего по региону');
    expect(text).toContain('Без долгов');
    expect(text).toMatch(/Данные на \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    const p = await raw(`/region/reports/colleges/${A.orgId}/report.pdf`);
    expect(p.status).toBe(200);
    expect(p.headers.get('content-type')).toContain('application/pdf');
    expect((await p.arrayBuffer()).byteLength).toBeGreaterThan(0);
    for (const path of [`/region/reports/colleges/${A.orgId}/report.xlsx`, '/region/reports.pdf']) {
      const r = await raw(path);
      expect(r.status).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('a college’s administrator and deputy see no regional report, and no other college', async () => {
    for (const u of [A.admin, A.deputy]) {
      const c = await login(u);
      expect((await c.get('/region/reports')).status).toBe(403);
      expect((await c.get(`/region/reports/colleges/${B.orgId}`)).status).toBe(403);
      expect((await c.post(`/region/reports/colleges/${B.orgId}/recompute`, {})).status).toBe(403);
    }
  });
});

describe('keeping the figures', () => {
  it('an hourly run recomputes a college only when its journal was written since; a new day recomputes all', async () => {
    const org = { id: A.orgId, timeZone: tz };
    const stamp = async () =>
      (
        await s.db
          .selectFrom('region_figures')
          .select('computed_at')
          .where('organization_id', '=', A.orgId)
          .where('period_id', '=', A.term)
          .executeTakeFirstOrThrow()
      ).computed_at;
    const first = await stamp();
    await new Promise((r) => setTimeout(r, 5));
    await runFiguresJob(s.db, org, '2026-11-29T06', '2026-11-29T05');
    expect(await stamp()).toBe(first); // nothing written: kept as it was
    const observer = await login(A.observer);
    const noDebts = async () => (await observer.get<RegionReport>('/region/reports')).body.colleges[0].now!.noDebts;
    const was = await noDebts();
    // A teacher corrects a «2» to «4» through the API (Tiny's second student): the college is dirty.
    const tiny = A.groups.Tiny;
    const t = await login(A.teacher);
    const put = await t.put(`/attestation/assignments/${tiny.a[0].id}/students/${tiny.students[1].id}/grades/term`, {
      value: '4',
      version: 1,
      reason: 'Пересдача по результатам консультации',
    });
    expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    await runFiguresJob(s.db, org, '2026-11-29T07', '2026-11-29T06');
    expect(await stamp()).not.toBe(first);
    expect(await noDebts()).toBe(was + 1);
    // The day's first run recomputes the earlier periods too (the previous term's row is new).
    const prevStamp = async () =>
      (
        await s.db
          .selectFrom('region_figures')
          .select('computed_at')
          .where('organization_id', '=', A.orgId)
          .where('period_id', '=', A.prevTerm)
          .where('period_kind', '=', 'term')
          .executeTakeFirstOrThrow()
      ).computed_at;
    const before = await prevStamp();
    await runFiguresJob(s.db, org, '2026-11-30T00', '2026-11-29T07');
    expect(await prevStamp()).not.toBe(before);
  });

  it('the job runs once for a slot across two processes, and the regional administrator may recompute at once', async () => {
    const job = JOBS.filter((j) => j.name === FIGURES_JOB);
    const at = new Date('2026-11-30T00:15:00Z'); // 10:15 in Vladivostok
    const runs = (await Promise.all([new Scheduler(s.db, job).tick(at), new Scheduler(s.db, job).tick(at)])).flat();
    expect(runs.filter((r) => r.organizationId === A.orgId)).toHaveLength(1);
    expect(runs.every((r) => !r.error)).toBe(true);
    const region = await login(await buildRegionalAdmin(s.db, REGION));
    const res = await region.post<{ collegeId: number; rows: number }>(`/region/reports/colleges/${B.orgId}/recompute`, {});
    expect(res.status).toBe(200);
    expect(res.body.rows).toBeGreaterThan(0);
    expect((await region.get('/region/reports')).status).toBe(200);
    expect((await region.post(`/region/reports/colleges/${far.orgId}/recompute`, {})).status).toBe(404);
  });
});
