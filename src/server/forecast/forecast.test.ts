import { monitorEventLoopDelay } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitTermModels, MIN_TRAINING_ROWS } from '../../domain/term-forecast-train.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildOrganization,
  buildRoleUsers,
  buildStudent,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { FORECAST_JOB, JOBS } from '../control/scheduler-jobs.js';
import { Scheduler } from '../control/scheduler.js';
import { seedDemo } from '../demo/seed.js';
import { fitInWorker } from './fit-worker.js';
import { TRAINING_TERMS, trainingRows } from './models.js';
import { termsOf } from './queries.js';

// Forecasts of term grades on the demo college (issue 16 items 2, 3, 5, 6, 8): the prior before any
// training, the nightly training once per slot with its backtest, what each role reaches, and what a
// student and a guardian see (advice, no probabilities).
let s: TestServer;
let orgId: number;
const as = (login: string) => new ApiClient(s.url).login(login, 'demo');
beforeAll(async () => {
  s = await startTestServer();
  orgId = (await seedDemo(s.db, { students: 240, seed: 7 })).orgId;
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const studentOf = async (login: string) =>
  (
    await s.db
      .selectFrom('users as u')
      .innerJoin('students as st', 'st.person_id', 'u.person_id')
      .select('st.id')
      .where('u.login', '=', login)
      .executeTakeFirstOrThrow()
  ).id;

describe('term grade forecasts', () => {
  it('forecast with the built-in prior before any training: groups with intervals of успеваемость and качество', async () => {
    const deputy = await as('deputy');
    const r = await deputy.call('GET /forecast/groups');
    expect(r.status).toBe(200);
    expect(r.body.model.source).toBe('prior');
    expect(r.body.groups.length).toBeGreaterThan(5);
    for (const g of r.body.groups) {
      if (!g.pass || !g.quality) continue;
      expect(g.pass.from).toBeLessThanOrEqual(g.pass.expected);
      expect(g.pass.expected).toBeLessThanOrEqual(g.pass.to);
      expect(g.quality.expected).toBeLessThanOrEqual(g.pass.expected + 1e-9);
    }
  });

  it('the nightly job trains on the college history once per slot and keeps the backtest beside the naive forecast', async () => {
    const a = new Scheduler(
      s.db,
      JOBS.filter((j) => j.name === FORECAST_JOB),
    );
    const b = new Scheduler(
      s.db,
      JOBS.filter((j) => j.name === FORECAST_JOB),
    );
    const at = new Date('2026-11-28T19:30:00Z'); // 04:30 in Vladivostok
    await Promise.all([a.tick(at), b.tick(at)]);
    await a.tick(new Date('2026-11-28T20:00:00Z'));
    const models = await s.db
      .selectFrom('forecast_models')
      .select(['kind', 'source', 'rows'])
      .where('organization_id', '=', orgId)
      .execute();
    expect(models.map((m) => m.kind).sort()).toEqual(['five', 'gia_demo', 'gia_thesis', 'pass']);
    const five = models.find((m) => m.kind === 'five')!;
    expect(five.source).toBe('history');
    expect(five.rows).toBeGreaterThan(300);
    // Pass/fail subjects (зачёт) learn from the college's history too, not only from the built-in prior.
    const pass = models.find((m) => m.kind === 'pass')!;
    expect(pass.rows).toBeGreaterThanOrEqual(MIN_TRAINING_ROWS);
    expect(pass.source).toBe('history');

    const deputy = await as('deputy');
    const list = await deputy.call('GET /forecast/models');
    expect(list.status).toBe(200);
    const bt = list.body.items.find((i) => i.kind === 'five')!.backtest;
    const by = Object.fromEntries(bt.rows.map((r) => [r.method, r]));
    expect(Object.keys(by).sort()).toEqual(['model', 'naive', 'prior']);
    expect(by.model.brier).toBeLessThan(by.naive.brier);
    expect(by.model.accuracy).toBeGreaterThan(0.4);
    expect(by.model.reliability.length).toBeGreaterThan(2);
    const groups = await deputy.call('GET /forecast/groups');
    expect(groups.body.model.source).toBe('history');
  });

  it('the fitting runs in a worker thread, off the event loop, and gives what fitting in place gives', async () => {
    const terms = (await termsOf(s.db, orgId)).filter((t) => t.end_date < '2026-11-29').slice(-TRAINING_TERMS);
    const rows = (await Promise.all(terms.map((t) => trainingRows(s.db, orgId, t)))).flat();
    const input = { rows, backtestTerms: terms.slice(-2).map((t) => t.id) };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // The histogram measures from its first sample: let it take one before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const { fit, threadId: worker } = await fitInWorker({ task: 'term', input });
    loop.disable();
    expect(worker).not.toBe(threadId);
    expect(worker).toBeGreaterThan(0);
    // The worker only moved the work: the same models and backtest as fitting on this thread.
    expect(fit).toEqual(JSON.parse(JSON.stringify(fitTermModels(input))));
    expect(fit.pass.source).toBe('history');
    expect(loop.max / 1e6).toBeLessThan(200);
  });

  it('the curator sees their group only: its subjects and students, the at-risk list riskiest first with reasons', async () => {
    const curator = await as('curator');
    const groups = await curator.call('GET /forecast/groups');
    expect(groups.status).toBe(200);
    const curated = await s.db
      .selectFrom('groups as g')
      .innerJoin('users as u', 'u.person_id', 'g.curator_person_id')
      .select('g.id')
      .where('u.login', '=', 'curator')
      .execute();
    const own = new Set(curated.map((g) => g.id));
    // The demo curator also teaches: their groups are those they curate or teach in.
    expect(groups.body.groups.some((g) => own.has(g.group.id))).toBe(true);
    const gid = [...own][0];
    const detail = await curator.call('GET /forecast/groups/:id', { params: { id: gid } });
    expect(detail.status).toBe(200);
    expect(detail.body.subjects.length).toBeGreaterThan(3);
    expect(detail.body.students.length).toBeGreaterThan(5);
    for (const st of detail.body.students)
      for (const g of st.grades) expect(['2', '3', '4', '5', 'зачтено', 'не зачтено']).toContain(g.likely);

    const risk = await curator.call('GET /forecast/at-risk', { query: { groupId: gid } });
    expect(risk.status).toBe(200);
    const items = risk.body.items;
    expect(items.length).toBeGreaterThan(0);
    for (let i = 1; i < items.length; i++) expect(items[i - 1].outlook.risk).toBeGreaterThanOrEqual(items[i].outlook.risk);
    for (const it of items) {
      expect(it.group.id).toBe(gid);
      expect(it.outlook.risk).toBeGreaterThanOrEqual(risk.body.threshold);
      expect(it.reasons.length).toBeGreaterThan(0);
      for (const r of it.reasons) expect(r.text).toMatch(/[а-яё]/);
      const sum = it.outlook.probabilities.reduce((x, p) => x + p.p, 0);
      expect(sum).toBeCloseTo(1, 2);
    }

    // Another group of the college is out of the curator's reach.
    const other = await s.db
      .selectFrom('groups')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('id', 'not in', [...own])
      .execute();
    const taught = new Set(groups.body.groups.map((g) => g.group.id));
    const outside = other.find((g) => !taught.has(g.id))!;
    expect((await curator.call('GET /forecast/groups/:id', { params: { id: outside.id } })).status).toBe(404);
    const foreign = await curator.call('GET /forecast/at-risk', { query: { groupId: outside.id } });
    expect(foreign.body.items).toEqual([]);
  });

  it('a student and a guardian see what is needed for a better grade, without probabilities; nobody else’s child', async () => {
    const studentId = await studentOf('student');
    const student = await as('student');
    const r = await student.call('GET /forecast/students/:id', { params: { id: studentId } });
    expect(r.status).toBe(200);
    expect(r.body.subjects.length).toBeGreaterThan(3);
    expect(JSON.stringify(r.body)).not.toMatch(/probabilit|risk/);
    expect(r.body.subjects.some((x) => x.steps.length > 0)).toBe(true);
    const parent = await as('parent');
    expect((await parent.call('GET /forecast/students/:id', { params: { id: studentId } })).status).toBe(200);
    const someoneElse = (await s.db.selectFrom('students').select('id').where('id', '!=', studentId).limit(1).executeTakeFirstOrThrow()).id;
    expect((await student.call('GET /forecast/students/:id', { params: { id: someoneElse } })).status).toBe(404);
    expect((await parent.call('GET /forecast/students/:id', { params: { id: someoneElse } })).status).toBe(404);
    expect((await student.call('GET /forecast/groups')).status).toBe(403);
    expect((await (await as('teacher')).call('GET /forecast/students/:id', { params: { id: studentId } })).status).toBe(403);
  });

  it('another college: its groups and students are out of reach; it forecasts with its own (prior) model', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
    const year = await buildAcademicYear(s.db, org.id);
    const users = await buildRoleUsers(s.db, org.id);
    const group = await buildGroup(s.db, { orgId: org.id, name: 'ЧУЖ-26' });
    const student = await buildStudent(s.db, group);
    await buildAssignment(s.db, { group, termId: year.termIds[0] });
    const deputy = await as('deputy');
    expect((await deputy.call('GET /forecast/groups/:id', { params: { id: group.id } })).status).toBe(404);
    expect((await deputy.call('GET /forecast/groups')).body.groups.some((g) => g.group.id === group.id)).toBe(false);
    expect((await (await as('parent')).call('GET /forecast/students/:id', { params: { id: student.id } })).status).toBe(404);
    const theirs = await new ApiClient(s.url).login(users.deputy.login, users.deputy.password);
    const r = await theirs.call('GET /forecast/groups');
    expect(r.status).toBe(200);
    expect(r.body.groups.map((g) => g.group.name)).toEqual(['ЧУЖ-26']);
    expect(r.body.model.source).toBe('prior');
  });

  it('bad input names the field', async () => {
    const deputy = await as('deputy');
    const bad = await deputy.request<{ error: { fields?: Record<string, string> } }>('GET', '/forecast/groups?termId=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('termId');
    const missing = await deputy.request<{ error: { fields?: Record<string, string> } }>('GET', '/forecast/at-risk?termId=999999');
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('termId');
  });
});
