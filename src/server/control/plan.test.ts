import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlPlan, PlanLine } from '../../contracts/control-plan.js';
import { buildAcademicYear, buildGroup, buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { buildWeeklyWorld } from '../../../test/factories-weekly.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// The plan of intra-college control (issue 12 item 8, п. 2.12) on the weekly world (test clock:
// Sunday 29 Nov 2026 in Vladivostok; year 2026/2027, term 1 ends 31 Dec).
let s: TestServer;
let w: Awaited<ReturnType<typeof buildWeeklyWorld>> & { orgId: number };
let other: Awaited<ReturnType<typeof buildRoleUsers>>;
let otherGroupId: number;
let yearId: number;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
const lines: Record<'weekly' | 'term' | 'ktp', PlanLine> = {} as never;

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
  w = { ...(await buildWeeklyWorld(s.db, org.id)), orgId: org.id };
  yearId = (await s.db.selectFrom('academic_years').select('id').where('organization_id', '=', org.id).executeTakeFirstOrThrow()).id;
  const otherOrg = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
  other = await buildRoleUsers(s.db, otherOrg.id);
  otherGroupId = (await buildGroup(s.db, { orgId: otherOrg.id, name: 'ЧУЖ-1' })).id;
});
afterAll(() => s.close());

const occ = (l: PlanLine, from: string) => l.occurrences.find((o) => o.from === from)!;

describe('plan of intra-college control', () => {
  it('the deputy adds lines: a weekly check, the end-of-term check, a one-off КТП check of a group', async () => {
    const deputy = await as(w.users.deputy);
    const base = { yearId, scope: 'college' as const, targetIds: [] as number[], note: '' };
    const weekly = await deputy.call('POST /control/plan/lines', {
      body: { ...base, kind: 'weekly', subject: '', repeat: 'weekly', personId: w.users.deputy.personId },
    });
    expect(weekly.status).toBe(201);
    lines.weekly = weekly.body as PlanLine;
    expect(lines.weekly).toMatchObject({ what: 'Еженедельная проверка журналов', where: 'Весь колледж', when: 'еженедельно' });
    // The year starts on Tue 1 Sep 2026: weeks from Mon 31 Aug to the week of 31 Aug 2027.
    expect(lines.weekly.occurrences[0]).toMatchObject({ from: '2026-08-31', to: '2026-09-06', due: '2026-09-11' });
    expect(lines.weekly.occurrences).toHaveLength(53);
    expect(occ(lines.weekly, '2026-11-16')).toMatchObject({ due: '2026-11-27', state: 'overdue', done: null });
    expect(occ(lines.weekly, '2026-11-23')).toMatchObject({ due: '2026-12-04', state: 'due' });
    expect(occ(lines.weekly, '2026-11-30').state).toBe('planned');

    const term = await deputy.call('POST /control/plan/lines', {
      body: { ...base, kind: 'term', subject: '', repeat: 'term', personId: w.users.methodist.personId },
    });
    lines.term = term.body as PlanLine;
    expect(lines.term.occurrences).toEqual([
      { from: '2026-09-01', to: '2026-12-31', due: '2027-01-14', state: 'due', done: null },
      { from: '2027-01-12', to: '2027-06-30', due: '2027-07-14', state: 'planned', done: null },
    ]);

    const ktp = await deputy.call('POST /control/plan/lines', {
      body: {
        ...base,
        kind: 'ktp',
        subject: 'соответствие записей тем КТП',
        scope: 'groups',
        targetIds: [w.assignments.a.groupId],
        repeat: 'once',
        startDate: '2026-10-01',
        endDate: '2026-10-15',
        personId: w.users.methodist.personId,
        note: 'по итогам сентября',
      },
    });
    lines.ktp = ktp.body as PlanLine;
    expect(lines.ktp).toMatchObject({
      what: 'Проверка КТП и выполнения рабочих программ: соответствие записей тем КТП',
      where: 'ИС-21',
      when: '01.10.2026 — 15.10.2026',
      counts: { done: 0, overdue: 1, due: 0, planned: 0 },
    });
    const audit = await s.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'control_plan.line_created').execute();
    expect(audit.map((a) => a.actor_user_id)).toEqual([w.users.deputy.id, w.users.deputy.id, w.users.deputy.id]);
  });

  it('the weekly check of the week, once signed, fulfils that week of the weekly line', async () => {
    const deputy = await as(w.users.deputy);
    const made = await deputy.call('POST /control/weekly', { body: { weekStart: '2026-11-23' } });
    let plan = (await deputy.call('GET /control/plan', { query: {} })).body as ControlPlan;
    expect(
      occ(
        plan.lines.find((l) => l.id === lines.weekly.id)!,
        '2026-11-23',
      ).state,
    ).toBe('due'); // made, not yet signed
    await deputy.call('POST /control/weekly/:id/sign', { params: { id: made.body.id } });
    plan = (await deputy.call('GET /control/plan', { query: { yearId } })).body as ControlPlan;
    const o = occ(
      plan.lines.find((l) => l.id === lines.weekly.id)!,
      '2026-11-23',
    );
    expect(o.state).toBe('done');
    expect(o.done).toMatchObject({ link: { kind: 'weekly', id: made.body.id }, markId: null, what: made.body.title });
    expect(
      occ(
        plan.lines.find((l) => l.id === lines.weekly.id)!,
        '2026-11-16',
      ).state,
    ).toBe('overdue');
  });

  it('the checker marks an overdue occurrence done by hand with a remark; the mark is audited and can be taken back', async () => {
    const director = await as(w.users.director);
    expect((await director.post(`/control/plan/lines/${lines.ktp.id}/done`, { from: '2026-10-01', comment: 'Проверено' })).status).toBe(
      403,
    );
    const methodist = await as(w.users.methodist);
    const remark = await s.db.selectFrom('remarks').select('id').where('status', '=', 'open').executeTakeFirstOrThrow();
    const r = await methodist.call('POST /control/plan/lines/:id/done', {
      params: { id: lines.ktp.id },
      body: { from: '2026-10-01', remarkId: remark.id, comment: 'Темы не совпадают с КТП в двух журналах' },
    });
    expect(r.status).toBe(200);
    const o = r.body.occurrences[0];
    expect(o.state).toBe('done');
    expect(o.done).toMatchObject({ what: 'Замечание: Замечание', link: { kind: 'remark', id: remark.id }, canUndo: true });
    expect(r.body.counts).toEqual({ done: 1, overdue: 0, due: 0, planned: 0 });
    const again = await methodist.post(`/control/plan/lines/${lines.ktp.id}/done`, { from: '2026-10-01', comment: 'Ещё раз' });
    expect(again.status).toBe(409);
    const undone = await methodist.call('DELETE /control/plan/marks/:id', { params: { id: o.done!.markId! } });
    expect(undone.body.occurrences[0].state).toBe('overdue');
    const redo = await methodist.call('POST /control/plan/lines/:id/done', {
      params: { id: lines.ktp.id },
      body: { from: '2026-10-01', comment: 'Проверено повторно' },
    });
    expect(redo.body.occurrences[0].done).toMatchObject({ what: 'Отмечено проверяющим', comment: 'Проверено повторно', link: null });
    const actions = await s.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('action', 'in', ['control_plan.done', 'control_plan.undone'])
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['control_plan.done', 'control_plan.undone', 'control_plan.done']);
    expect(actions.every((a) => a.actor_user_id === w.users.methodist.id)).toBe(true);
  });

  it('shows counts per month and the overdue occurrences for the deputy’s home', async () => {
    const plan = (await (await as(w.users.director)).call('GET /control/plan', { query: { yearId } })).body as ControlPlan;
    expect(plan.canWrite).toBe(false);
    expect(plan.months).toHaveLength(12);
    const nov = plan.months.find((m) => m.month === '2026-11')!;
    expect(nov).toEqual({ month: '2026-11', label: 'ноябрь 2026', done: 0, overdue: 4, due: 0, planned: 0 });
    const dec = plan.months.find((m) => m.month === '2026-12')!;
    expect(dec).toMatchObject({ done: 1, overdue: 0, due: 0, planned: 3 });
    // Weeks from 31 Aug to 16 Nov (12 weeks) are overdue; the КТП check is done.
    expect(plan.totals).toEqual({ done: 2, overdue: 12, due: 1, planned: 41 });
    const overdue = (await (await as(w.users.deputy)).call('GET /control/plan/overdue')).body;
    expect(overdue.items).toHaveLength(12);
    expect(overdue.items[0]).toMatchObject({ lineId: lines.weekly.id, from: '2026-08-31', due: '2026-09-11' });
    expect(overdue.items.at(-1)).toMatchObject({ from: '2026-11-16', due: '2026-11-27' });
  });

  it("the end-of-term справка fulfils the term's occurrence of the term line", async () => {
    const made = await (await as(w.users.methodist)).call('POST /control/term-checks', { body: { termId: w.termId } });
    expect(made.status).toBe(201);
    const plan = (await (await as(w.users.deputy)).call('GET /control/plan', { query: { yearId } })).body as ControlPlan;
    const term = plan.lines.find((l) => l.id === lines.term.id)!;
    expect(term.occurrences.map((o) => o.state)).toEqual(['done', 'planned']);
    expect(term.occurrences[0].done).toMatchObject({ link: { kind: 'term-check', id: made.body.id }, markId: null, canUndo: false });
  });

  it('a line is edited and removed, each audited', async () => {
    const deputy = await as(w.users.deputy);
    const made = await deputy.call('POST /control/plan/lines', {
      body: {
        yearId,
        kind: 'other',
        subject: 'Журналы практики',
        scope: 'college',
        targetIds: [],
        repeat: 'monthly',
        personId: w.users.deputy.personId,
        note: '',
      },
    });
    expect(made.body.occurrences.map((o) => o.from).slice(0, 2)).toEqual(['2026-09-01', '2026-10-01']);
    const edited = await deputy.call('PUT /control/plan/lines/:id', {
      params: { id: made.body.id },
      body: {
        kind: 'objectivity',
        subject: '',
        scope: 'commission',
        targetIds: [w.commissions.c1],
        repeat: 'monthly',
        startDate: '2027-02-01',
        endDate: '2027-03-31',
        personId: w.users.methodist.personId,
        note: '',
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ where: 'ПЦК информационных технологий', when: 'ежемесячно, 01.02.2027 — 31.03.2027' });
    expect(edited.body.occurrences.map((o) => [o.from, o.to])).toEqual([
      ['2027-02-01', '2027-02-28'],
      ['2027-03-01', '2027-03-31'],
    ]);
    expect((await deputy.call('DELETE /control/plan/lines/:id', { params: { id: made.body.id } })).status).toBe(200);
    const audit = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'control_plan_line')
      .where('entity_id', '=', String(made.body.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['control_plan.line_created', 'control_plan.line_updated', 'control_plan.line_deleted']);
  });

  it('refuses bad input with the field named', async () => {
    const deputy = await as(w.users.deputy);
    const good = {
      yearId,
      kind: 'ktp',
      subject: '',
      scope: 'college',
      targetIds: [],
      repeat: 'once',
      personId: w.users.methodist.personId,
      note: '',
    };
    const fields = async (body: unknown) => {
      const r = await deputy.request<{ error: { fields?: Record<string, string> } }>('POST', '/control/plan/lines', body);
      expect(r.status).toBe(400);
      return Object.keys(r.body.error.fields ?? {});
    };
    expect((await deputy.request('POST', '/control/plan/lines', {})).status).toBe(400);
    expect(await fields({ ...good, startDate: '2027-09-01' })).toEqual(['startDate']);
    expect(await fields({ ...good, startDate: '2026-10-01', endDate: '2027-09-15' })).toEqual(['endDate']);
    expect(await fields({ ...good, startDate: '2026-10-10', endDate: '2026-10-01' })).toEqual(['endDate']);
    expect(await fields(good)).toEqual(['startDate']);
    expect(await fields({ ...good, startDate: '2026-10-01', personId: w.teacherA.personId })).toEqual(['personId']);
    expect(await fields({ ...good, startDate: '2026-10-01', personId: other.deputy.personId })).toEqual(['personId']);
    expect(await fields({ ...good, startDate: '2026-10-01', scope: 'groups', targetIds: [otherGroupId] })).toEqual(['targetIds']);
    expect(await fields({ ...good, startDate: '2026-10-01', scope: 'groups', targetIds: [] })).toEqual(['targetIds']);
    expect(await fields({ ...good, startDate: '2026-10-01', kind: 'other' })).toEqual(['subject']);
    expect(await fields({ ...good, startDate: '2026-10-01', endDate: '31.12.2026' })).toEqual(['endDate']);
    const methodist = await as(w.users.methodist);
    const r = await methodist.request<{ error: { fields: Record<string, string> } }>('POST', `/control/plan/lines/${lines.term.id}/done`, {
      from: '2027-01-12',
      comment: 'Рано',
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields)).toEqual(['from']);
  });

  it('downloads as PDF and XLSX', async () => {
    const c = await as(w.users.methodist);
    const pdf = await c.call('GET /control/plan/report.pdf', { query: { yearId } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const xlsx = await c.call('GET /control/plan/report.xlsx', { query: {} });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('starts next year’s plan from a copy of this one, once', async () => {
    const next = await buildAcademicYear(s.db, w.orgId, 2027);
    const deputy = await as(w.users.deputy);
    const r = await deputy.call('POST /control/plan/copy', { body: { yearId: next.id, fromYearId: yearId } });
    expect(r.status).toBe(200);
    expect(r.body.year?.name).toBe('2027/2028');
    expect(r.body.lines.map((l) => [l.kind, l.startDate, l.endDate, l.where])).toEqual([
      ['weekly', null, null, 'Весь колледж'],
      ['term', null, null, 'Весь колледж'],
      ['ktp', '2027-10-01', '2027-10-15', 'ИС-21'],
    ]);
    expect(r.body.totals.done).toBe(0);
    expect((await deputy.post('/control/plan/copy', { yearId: next.id, fromYearId: yearId })).status).toBe(409);
  });

  it('asks for a login, the right role and the same college', async () => {
    const anon = new ApiClient(s.url);
    const id = lines.ktp.id;
    for (const [method, path] of [
      ['GET', '/control/plan'],
      ['GET', '/control/plan/overdue'],
      ['POST', '/control/plan/lines'],
      ['PUT', `/control/plan/lines/${id}`],
      ['DELETE', `/control/plan/lines/${id}`],
      ['POST', '/control/plan/copy'],
      ['POST', `/control/plan/lines/${id}/done`],
      ['DELETE', '/control/plan/marks/1'],
      ['GET', '/control/plan/report.pdf'],
      ['GET', '/control/plan/report.xlsx'],
    ] as const) {
      expect((await anon.request(method, path, method === 'POST' || method === 'PUT' ? {} : undefined)).status).toBe(401);
    }
    const teacher = await as(w.teacherA);
    expect((await teacher.get('/control/plan')).status).toBe(403);
    expect((await teacher.get('/control/plan/report.pdf')).status).toBe(403);
    expect((await teacher.post(`/control/plan/lines/${id}/done`, { from: '2026-10-01', comment: 'x' })).status).toBe(403);
    const methodist = await as(w.users.methodist);
    expect((await methodist.post('/control/plan/lines', {})).status).toBe(403);
    expect((await methodist.delete(`/control/plan/lines/${id}`)).status).toBe(403);
    expect((await (await as(w.users.director)).put(`/control/plan/lines/${id}`, {})).status).toBe(403);
    expect((await (await as(w.chair2)).get('/control/plan')).status).toBe(403);
    const stranger = await as(other.deputy);
    const edit = { kind: 'ktp', subject: '', scope: 'college', targetIds: [], repeat: 'weekly', personId: other.deputy.personId, note: '' };
    expect((await stranger.put(`/control/plan/lines/${id}`, edit)).status).toBe(404);
    expect((await stranger.delete(`/control/plan/lines/${id}`)).status).toBe(404);
    expect((await stranger.post(`/control/plan/lines/${id}/done`, { from: '2026-10-01', comment: 'x' })).status).toBe(404);
    expect((await stranger.get(`/control/plan?yearId=${yearId}`)).status).toBe(404);
    const mark = await s.db.selectFrom('control_plan_marks').select('id').executeTakeFirstOrThrow();
    expect((await stranger.delete(`/control/plan/marks/${mark.id}`)).status).toBe(404);
    expect((await stranger.post('/control/plan/lines', { ...edit, yearId })).status).toBe(400);
    const theirs = (await stranger.get<ControlPlan>('/control/plan')).body;
    expect(theirs).toMatchObject({ year: null, lines: [], canWrite: true });
  });
});
