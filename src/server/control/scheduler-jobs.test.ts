import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAcademicYear, buildOrganization } from '../../../test/factories.js';
import { buildTermCheckWorld } from '../../../test/factories-term-check.js';
import { ApiClient, startTestServer, TEST_NOW, type TestServer } from '../../../test/server.js';
import { setClock } from '../../domain/clock.js';
import { ACTIVITY_KIND, JOBS, PERFORMANCE_TERM_KIND, PERFORMANCE_YEAR_KIND, TERM_JOB } from './scheduler-jobs.js';
import { Scheduler } from './scheduler.js';

// The term, year and month reports made by the scheduler (issue 12 items 5, 6, 9): each once for
// the right period with two processes, and caught up after a restart.
let s: TestServer;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

const job = (name: string) => JOBS.filter((j) => j.name === name);
const checksOf = (orgId: number) =>
  s.db
    .selectFrom('term_checks')
    .select(['term_id', 'made_by_user_id', 'made_by_job'])
    .where('organization_id', '=', orgId)
    .orderBy('term_id')
    .execute();
const reportsOf = (orgId: number, kind: string) =>
  s.db
    .selectFrom('generated_reports')
    .select(['kind', 'period', 'title', 'made_by_job', 'made_by_user_id'])
    .where('organization_id', '=', orgId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

describe('scheduled term and year reports', () => {
  it('the day after a term ends, two processes make its check and performance report once; the year after its last term', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
    const w = await buildTermCheckWorld(s.db, org.id);
    const [t1, t2] = (await buildAcademicYearIds(org.id)).terms;
    expect(t1).toBe(w.termId);
    const a = new Scheduler(s.db, job(TERM_JOB));
    const b = new Scheduler(s.db, job(TERM_JOB));
    // 31 Dec 2026, 07:00 in Vladivostok: the 1st term ends today, nothing is due yet.
    await Promise.all([a.tick(new Date('2026-12-30T21:00:00Z')), b.tick(new Date('2026-12-30T21:00:00Z'))]);
    expect(await checksOf(org.id)).toEqual([]);
    // 1 Jan 2027, 07:00: the day after.
    await Promise.all([a.tick(new Date('2026-12-31T21:00:00Z')), b.tick(new Date('2026-12-31T21:00:00Z'))]);
    expect(await checksOf(org.id)).toEqual([{ term_id: t1, made_by_user_id: null, made_by_job: TERM_JOB }]);
    expect(await reportsOf(org.id, PERFORMANCE_TERM_KIND)).toEqual([
      {
        kind: PERFORMANCE_TERM_KIND,
        period: String(t1),
        title: 'Успеваемость и качество знаний: 1-й семестр 2026/2027',
        made_by_job: TERM_JOB,
        made_by_user_id: null,
      },
    ]);
    expect(await reportsOf(org.id, PERFORMANCE_YEAR_KIND)).toEqual([]);
    // Later ticks make nothing again.
    await Promise.all([a.tick(new Date('2027-01-01T21:00:00Z')), b.tick(new Date('2027-01-05T21:00:00Z'))]);
    expect(await checksOf(org.id)).toHaveLength(1);
    expect(await reportsOf(org.id, PERFORMANCE_TERM_KIND)).toHaveLength(1);

    // The deputy reads the check made by the job; its teachers and curator have their parts.
    const deputy = await as(w.users.deputy);
    const list = await deputy.call('GET /control/term-checks', { query: {} });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ termId: t1, madeBy: null, madeByJob: TERM_JOB, parts: 3, acknowledged: 0 }),
    ]);
    const c = await deputy.call('GET /control/term-checks/:id', { params: { id: list.body.items[0].id } });
    expect(c.body.rows.map((r) => r.code)).toEqual(['ОП.01', 'МДК.02']);
    const pdf = await deputy.call('GET /control/term-checks/:id/report.pdf', { params: { id: list.body.items[0].id } });
    expect(pdf.status).toBe(200);
    const mine = await (await as(w.teacherA)).call('GET /control/term-checks/mine', {});
    expect(mine.body.items.map((p) => [p.checkId, p.rows.length])).toEqual([[list.body.items[0].id, 1]]);
    // The director lists the performance report as made by the job.
    const director = await as(w.users.director);
    const reports = await director.call('GET /control/reports', { query: { kind: PERFORMANCE_TERM_KIND } });
    expect(reports.body.items).toEqual([expect.objectContaining({ period: String(t1), madeBy: null, madeByJob: TERM_JOB })]);
    // It is the college's report of that term, with nothing before it.
    const kept = await director.call('GET /control/reports/:id', { params: { id: reports.body.items[0].id } });
    expect(kept.body.data).toMatchObject({ period: { kind: 'term', id: t1 }, previous: null, whole: true });

    // 1 Jul 2027: the 2nd term, the last of the year, ended yesterday: its reports and the year's.
    await Promise.all([a.tick(new Date('2027-06-30T21:00:00Z')), b.tick(new Date('2027-06-30T21:00:00Z'))]);
    expect((await checksOf(org.id)).map((c) => c.term_id)).toEqual([t1, t2]);
    expect((await reportsOf(org.id, PERFORMANCE_TERM_KIND)).map((r) => r.period)).toEqual([String(t1), String(t2)]);
    const year = await reportsOf(org.id, PERFORMANCE_YEAR_KIND);
    expect(year.map((r) => [r.title, r.made_by_job])).toEqual([['Успеваемость и качество знаний: 2026/2027 учебный год', TERM_JOB]]);
  });

  it('a restart after the terms ended catches up each term missed, once', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Europe/Moscow' });
    const y = await buildAcademicYear(s.db, org.id, 2026);
    const sch = new Scheduler(s.db, job(TERM_JOB));
    // Ran on 20 Dec 2026 (nothing ended); the server was down until 5 Jul 2027.
    await sch.tick(new Date('2026-12-20T05:00:00Z'));
    expect(await checksOf(org.id)).toEqual([]);
    const restarted = new Scheduler(s.db, job(TERM_JOB));
    await restarted.tick(new Date('2027-07-05T05:00:00Z'));
    await restarted.tick(new Date('2027-07-05T06:00:00Z'));
    await new Scheduler(s.db, job(TERM_JOB)).tick(new Date('2027-07-06T05:00:00Z'));
    expect((await checksOf(org.id)).map((c) => [c.term_id, c.made_by_job])).toEqual(y.termIds.map((id) => [id, TERM_JOB]));
    expect((await reportsOf(org.id, PERFORMANCE_TERM_KIND)).map((r) => r.period)).toEqual(y.termIds.map(String));
    expect((await reportsOf(org.id, PERFORMANCE_YEAR_KIND)).map((r) => r.period)).toEqual([String(y.id)]);
  });

  it('a first run after deployment makes the reports of yesterday’s term only', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Europe/Moscow' });
    await buildAcademicYear(s.db, org.id, 2025);
    const y = await buildAcademicYear(s.db, org.id, 2026);
    await new Scheduler(s.db, job(TERM_JOB)).tick(new Date('2027-01-01T05:00:00Z'));
    expect((await checksOf(org.id)).map((c) => c.term_id)).toEqual([y.termIds[0]]);
    expect(await reportsOf(org.id, PERFORMANCE_YEAR_KIND)).toEqual([]);
  });
});

describe('scheduled monthly activity report', () => {
  // The report reads the clock (a month not yet begun is refused): the clock is the tick's instant.
  const both = async (schedulers: Scheduler[], iso: string) => {
    setClock(iso);
    try {
      const runs = (await Promise.all(schedulers.map((x) => x.tick(new Date(iso))))).flat();
      expect(runs.filter((r) => r.error)).toEqual([]);
    } finally {
      setClock(TEST_NOW);
    }
  };

  it('on the 1st two processes make the month before once; a restart makes the latest month once', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
    const a = new Scheduler(s.db, job('activity-monthly'));
    const b = new Scheduler(s.db, job('activity-monthly'));
    // 1 Dec 2026, 05:00 in Vladivostok: not yet 06:00, the latest due is 1 Nov (October's report).
    await both([a, b], '2026-11-30T19:00:00Z');
    expect((await reportsOf(org.id, ACTIVITY_KIND)).map((r) => r.period)).toEqual(['2026-10']);
    // 06:30: November's.
    await both([a, b], '2026-11-30T20:30:00Z');
    await both([a, b], '2026-12-15T20:30:00Z');
    expect(await reportsOf(org.id, ACTIVITY_KIND)).toEqual([
      expect.objectContaining({ period: '2026-10' }),
      {
        kind: ACTIVITY_KIND,
        period: '2026-11',
        title: 'Активность в электронном журнале: ноябрь 2026',
        made_by_job: 'activity-monthly',
        made_by_user_id: null,
      },
    ]);
    // Down over 1 Jan and 1 Feb; restarted on 3 Feb 2027: January's only.
    await both([new Scheduler(s.db, job('activity-monthly'))], '2027-02-03T01:00:00Z');
    expect((await reportsOf(org.id, ACTIVITY_KIND)).map((r) => r.period)).toEqual(['2026-10', '2026-11', '2027-01']);
  });
});

async function buildAcademicYearIds(orgId: number) {
  const terms = await s.db.selectFrom('terms').select('id').where('organization_id', '=', orgId).orderBy('start_date').execute();
  return { terms: terms.map((t) => t.id) };
}
