import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { seedDemo } from '../demo/seed.js';
import { trainGiaModels } from './gia.js';

// Forecasts of the demo exam and the thesis defence on the demo college (issue 16 item 4, decision 044):
// the models trained on the demo's past graduates with their backtest, the deputy's table of a
// graduating group, a curator's reach, the at-risk list, and what a graduating student sees.
let s: TestServer;
let orgId: number;
const as = (login: string, password = 'demo') => new ApiClient(s.url).login(login, password);
beforeAll(async () => {
  s = await startTestServer();
  orgId = (await seedDemo(s.db, { students: 240, seed: 7 })).orgId;
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const curatorOf = (groupName: string) =>
  s.db
    .selectFrom('groups as g')
    .innerJoin('users as u', 'u.person_id', 'g.curator_person_id')
    .select(['g.id', 'u.login'])
    .where('g.organization_id', '=', orgId)
    .where('g.name', '=', groupName)
    .executeTakeFirstOrThrow();

describe('ГИА forecasts', () => {
  it('forecast with the built-in prior before training; the models learn from the past graduates with a backtest', async () => {
    const deputy = await as('deputy');
    const before = await deputy.call('GET /forecast/gia');
    expect(before.status).toBe(200);
    expect(before.body.models.demo.source).toBe('prior');
    expect(before.body.groups.map((g) => g.group.name).sort()).toEqual(['ГД-23', 'ПВ-23', 'ПК-23', 'ТГ-23', 'ТП-23']);

    const trained = await trainGiaModels(s.db, orgId, before.body.asOf, { job: null, userId: null });
    // Fitted in a worker thread, not on the event loop that serves requests.
    expect(trained.threadId).toBeGreaterThan(0);
    expect(trained.demo.source).toBe('history');
    expect(trained.demo.rows).toBeGreaterThanOrEqual(40);
    const by = Object.fromEntries(trained.demo.backtest.rows.map((r) => [r.method, r]));
    expect(Object.keys(by).sort()).toEqual(['model', 'naive', 'prior']);
    expect(by.model.rows).toBe(trained.demo.rows);
    for (const r of Object.values(by)) {
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
      // One probability per grade and row in the reliability table.
      expect(r.reliability.reduce((n, b) => n + b.n, 0)).toBe(r.rows * 4);
    }

    const models = await deputy.call('GET /forecast/models');
    expect(models.body.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['gia_demo', 'gia_thesis']));
    const after = await deputy.call('GET /forecast/gia');
    expect(after.body.models.demo).toMatchObject({ source: 'history', rows: trained.demo.rows });
    for (const g of after.body.groups) {
      expect(g.students).toBeGreaterThan(0);
      expect(g.demoExam.expected).toBeGreaterThanOrEqual(2);
      expect(g.demoExam.expected).toBeLessThanOrEqual(5);
    }
  });

  it('the deputy reads a graduating group per student: the grade, its interval and points band by the cut-offs, reasons', async () => {
    const deputy = await as('deputy');
    const { id } = await curatorOf('ПК-23');
    const r = await deputy.call('GET /forecast/gia/groups/:id', { params: { id } });
    expect(r.status).toBe(200);
    expect(r.body.cutoffs).toEqual([20, 40, 70]);
    expect(r.body.students.length).toBeGreaterThan(5);
    const band = { 2: [0, 19.99], 3: [20, 39.99], 4: [40, 69.99], 5: [70, 100] } as Record<string, [number, number]>;
    for (const st of r.body.students) {
      const d = st.demoExam;
      expect(d.outlook.probabilities.map((p) => p.grade)).toEqual(['2', '3', '4', '5']);
      expect(d.outlook.probabilities.reduce((a, p) => a + p.p, 0)).toBeCloseTo(1, 2);
      expect([d.likelyPoints.from, d.likelyPoints.to]).toEqual(band[d.outlook.likely]);
      expect(d.intervalPoints.from).toBeLessThanOrEqual(d.likelyPoints.from);
      expect(d.intervalPoints.to).toBeGreaterThanOrEqual(d.likelyPoints.to);
      expect(Number(d.outlook.interval.from)).toBeLessThanOrEqual(Number(d.outlook.likely));
      expect(st.thesis.outlook).not.toBeNull();
    }
    const texts = r.body.students.flatMap((st) => st.demoExam.reasons.map((x) => x.text));
    expect(texts.some((t) => /средний балл по|пропущено|практик/.test(t))).toBe(true);
    expect(r.body.students.some((st) => st.demoExam.changes.length > 0)).toBe(true);
  });

  it('a curator sees their graduating group only; a group not graduating this year is not found', async () => {
    const own = await curatorOf('ПК-23');
    const other = await curatorOf('ПВ-23');
    const curator = await as(own.login);
    const list = await curator.call('GET /forecast/gia');
    expect(list.status).toBe(200);
    expect(list.body.groups.map((g) => g.group.name)).toEqual(['ПК-23']);
    expect((await curator.call('GET /forecast/gia/groups/:id', { params: { id: own.id } })).status).toBe(200);
    expect((await curator.call('GET /forecast/gia/groups/:id', { params: { id: other.id } })).status).toBe(404);
    const notGraduating = await curatorOf('ПК-25');
    expect((await (await as('deputy')).call('GET /forecast/gia/groups/:id', { params: { id: notGraduating.id } })).status).toBe(404);
    const atRisk = await curator.call('GET /forecast/at-risk');
    expect(atRisk.status).toBe(200);
    for (const item of atRisk.body.gia) {
      expect(item.group.name).toBe('ПК-23');
      expect(item.outlook.risk).toBeGreaterThanOrEqual(0.25);
    }
  });

  it('who sees ГИА forecasts: the deputy and the curator, not a ГЭК secretary who enters the group’s records, nor a teacher', async () => {
    const { id: groupId } = await curatorOf('ПК-23');
    const deputy = await as('deputy');
    const teacher = await buildUser(s.db, { orgId, roles: ['teacher'], lastName: 'Секретарёва' });
    expect(
      (await deputy.call('POST /gia/groups/:id/secretaries', { params: { id: groupId }, body: { personId: teacher.personId } })).status,
    ).toBe(200);
    const secretary = await as(teacher.login, TEST_PASSWORD);
    const page = await secretary.call('GET /gia/groups/:id', { params: { id: groupId } });
    expect(page.status).toBe(200);
    expect(page.body.canWrite).toBe(true);
    expect((await secretary.call('GET /forecast/gia')).status).toBe(403);
    expect((await secretary.call('GET /forecast/gia/groups/:id', { params: { id: groupId } })).status).toBe(403);
    const risk = await secretary.call('GET /forecast/at-risk');
    expect(risk.status).toBe(200);
    expect(risk.body.gia).toEqual([]);
    expect((await deputy.call('GET /forecast/gia/groups/:id', { params: { id: groupId } })).status).toBe(200);
  });

  it('the thesis forecast reads the supervisor’s and the reviewer’s grades, with the reason in Russian', async () => {
    const { id: groupId } = await curatorOf('ПК-23');
    const deputy = await as('deputy');
    const before = await deputy.call('GET /forecast/gia/groups/:id', { params: { id: groupId } });
    const target = before.body.students.find((st) => st.thesis.outlook && !st.thesis.outlook.given && st.thesis.outlook.likely !== '2')!;
    const page = await deputy.call('GET /gia/groups/:id', { params: { id: groupId } });
    const t = page.body.students.find((st) => st.studentId === target.student.id)!.thesis!;
    const put = await deputy.call('PUT /gia/theses', {
      body: {
        yearId: page.body.year.id,
        groupId,
        studentId: target.student.id,
        version: t.version,
        topic: t.topic,
        supervisor: t.supervisor,
        reviewer: 'Морозова Е. В.',
        supervisorGrade: '3',
        reviewerGrade: '2',
        admission: t.admission,
        defenseDate: t.defenseDate,
        grade: null,
        reason: null,
      },
    });
    expect(put.status).toBe(200);
    const after = await deputy.call('GET /forecast/gia/groups/:id', { params: { id: groupId } });
    const mine = after.body.students.find((st) => st.student.id === target.student.id)!;
    expect(mine.thesis.reasons.map((r) => r.text)).toContain('рецензент оценил работу на 2');
    expect(mine.thesis.outlook!.expected).toBeLessThan(target.thesis.outlook!.expected);
  });

  it('the at-risk list of the deputy carries ГИА risks, riskiest first, with reasons', async () => {
    const r = await (await as('deputy')).call('GET /forecast/at-risk');
    expect(r.status).toBe(200);
    const risks = r.body.gia.map((i) => i.outlook.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    for (const i of r.body.gia) expect(['demo', 'thesis']).toContain(i.exam);
  });

  it('a graduating student sees the grade to aim at and the steps, no probabilities; not someone else’s', async () => {
    const { id: groupId } = await curatorOf('ПК-23');
    const member = await s.db
      .selectFrom('group_memberships as gm')
      .innerJoin('students as st', 'st.id', 'gm.student_id')
      .select(['st.id', 'st.person_id'])
      .where('gm.group_id', '=', groupId)
      .where('gm.end_date', 'is', null)
      .executeTakeFirstOrThrow();
    const user = await buildUser(s.db, { orgId, personId: member.person_id, login: 'graduate1' });
    const student = await as(user.login, TEST_PASSWORD);
    const r = await student.call('GET /forecast/gia/students/:id', { params: { id: member.id } });
    expect(r.status).toBe(200);
    expect(r.body.student.id).toBe(member.id);
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/probabilit|risk|"p"|expected|interval/);
    expect(r.body.demoExam.target === null || ['3', '4', '5'].includes(r.body.demoExam.target)).toBe(true);
    if (r.body.demoExam.target) expect(r.body.demoExam.steps.length).toBeGreaterThan(0);
    const someoneElse = await s.db
      .selectFrom('group_memberships')
      .select('student_id')
      .where('group_id', '=', groupId)
      .where('student_id', '!=', member.id)
      .executeTakeFirstOrThrow();
    expect((await student.call('GET /forecast/gia/students/:id', { params: { id: someoneElse.student_id } })).status).toBe(404);
    expect((await student.call('GET /forecast/gia')).status).toBe(403);
    expect((await student.call('GET /forecast/gia/groups/:id', { params: { id: groupId } })).status).toBe(403);
  });
});
