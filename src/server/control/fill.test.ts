import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FillDay, FillTeachers, MyUnrecorded } from '../../contracts/control-fill.js';
import { buildOrganization } from '../../../test/factories.js';
import { buildFillWorld } from '../../../test/factories-control.js';
import { JOBS } from './scheduler-jobs.js';
import { Scheduler } from './scheduler.js';
import type { JobList, ReportDetail, ReportList } from '../../contracts/control-reports.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Daily fill control (issue 12 item 1) on a hand-built week where the right numbers are known.
let s: TestServer;
let w: Awaited<ReturnType<typeof buildFillWorld>>;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
  w = await buildFillWorld(s.db, org.id);
});
afterAll(() => s.close());

describe('daily fill control', () => {
  it('opens on yesterday: ended lessons not recorded, late ones apart, cancelled ones left out', async () => {
    const r = await (await as(w.users.methodist)).get<FillDay>('/control/fill');
    expect(r.status).toBe(200);
    expect(r.body.date).toBe('2026-11-28');
    expect(r.body.today).toBe('2026-11-29');
    expect(r.body.counts).toEqual({ lessons: 3, ended: 3, onDay: 1, late: 1, missing: 1 });
    expect(r.body.missing).toEqual([
      expect.objectContaining({
        lessonId: w.lessons.a28p2.id,
        pairNo: 2,
        endsAt: '11:40',
        state: 'missing',
        group: 'ИС-21',
        subject: 'ОП.01 Основы программирования',
        teacher: { personId: w.teacherA.personId, name: expect.stringMatching(/^Арбузова /) },
      }),
    ]);
    expect(r.body.late.map((x) => x.lessonId)).toEqual([w.lessons.b28p1.id]);
  });

  it('today counts only lessons that have ended by their bells', async () => {
    const r = await (await as(w.users.deputy)).get<FillDay>('/control/fill?date=2026-11-29');
    expect(r.body.counts).toEqual({ lessons: 1, ended: 0, onDay: 0, late: 0, missing: 0 });
    expect(r.body.missing).toEqual([]);
  });

  it("the chair sees their commission's lessons only", async () => {
    const r = await (await as(w.chair2)).get<FillDay>('/control/fill?date=2026-11-28');
    expect(r.body.counts).toEqual({ lessons: 1, ended: 1, onDay: 0, late: 1, missing: 0 });
    expect(r.body.missing).toEqual([]);
  });

  it('per teacher over the term: unrecorded now, the longest streak, the share on the day', async () => {
    const r = await (await as(w.users.director)).get<FillTeachers>('/control/fill/teachers');
    expect(r.status).toBe(200);
    const a = r.body.items.find((x) => x.personId === w.teacherA.personId);
    const b = r.body.items.find((x) => x.personId === w.teacherB.personId);
    expect(a).toMatchObject({ ended: 4, onDay: 1, late: 0, missing: 3, longestStreak: 2, onDayShare: 0.25 });
    expect(b).toMatchObject({ ended: 1, onDay: 0, late: 1, missing: 0, longestStreak: 0, onDayShare: 0 });
    expect(r.body.items[0].personId).toBe(w.teacherA.personId);
  });

  it("a teacher sees their own ended unrecorded lessons, not today's to come", async () => {
    const r = await (await as(w.teacherA)).get<MyUnrecorded>('/control/fill/mine');
    expect(r.body.items.map((x) => x.lessonId)).toEqual([w.lessons.a26.id, w.lessons.a27.id, w.lessons.a28p2.id]);
    expect((await (await as(w.teacherB)).get<MyUnrecorded>('/control/fill/mine')).body.items).toEqual([]);
  });

  it('refuses roles without control and a date that is not a date', async () => {
    expect((await (await as(w.teacherA)).get('/control/fill')).status).toBe(403);
    expect((await (await as(w.users.curator)).get('/control/fill/teachers')).status).toBe(403);
    expect((await (await as(w.users.student)).get('/control/fill/mine')).status).toBe(403);
    const bad = await (
      await as(w.users.methodist)
    ).get<{ error: { code: string; fields: Record<string, string> } }>('/control/fill?date=2026-02-30');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toContain('date');
  });

  it('«Записано N из M» and «отстаёт» count only lessons that have ended', async () => {
    // Teacher A: five lessons up to today, the one today not yet held; one recorded.
    const list = await (
      await as(w.users.methodist)
    ).get<{ items: { id: number; lessons: number; recorded: number }[] }>(`/journal/assignments?termId=${w.termId}`);
    expect(list.body.items.find((x) => x.id === w.assignments.a.id)).toMatchObject({ lessons: 4, recorded: 1 });
    const f = await (
      await as(w.users.deputy)
    ).get<{ rows: { assignmentId: number; dueToDate: number; delivered: number; behind: number }[] }>(`/fulfilment?termId=${w.termId}`);
    expect(f.body.rows.find((x) => x.assignmentId === w.assignments.a.id)).toMatchObject({ dueToDate: 8, delivered: 2, behind: 6 });
  });
});

describe('reports kept with who or what made them', () => {
  it("the morning job keeps yesterday's fill control; a person can keep another day's", async () => {
    // 06:30 on Sunday 29 Nov in Vladivostok: the daily job is due for the 29th and reports the 28th.
    await new Scheduler(s.db, JOBS).tick(new Date('2026-11-28T20:30:00Z'));
    const deputy = await as(w.users.deputy);
    const list = await deputy.get<ReportList>('/control/reports?kind=fill-daily');
    const byJob = list.body.items.find((r) => r.madeByJob === 'fill-daily');
    expect(byJob).toMatchObject({ period: '2026-11-28', title: 'Контроль заполнения журнала за 28.11.2026', madeBy: null });
    const detail = await deputy.get<ReportDetail>(`/control/reports/${byJob!.id}`);
    expect((detail.body.data as { counts: unknown }).counts).toEqual({ lessons: 3, ended: 3, onDay: 1, late: 1, missing: 1 });

    const made = await (await as(w.users.methodist)).post<ReportDetail>('/control/fill/reports', { date: '2026-11-27' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ period: '2026-11-27', madeByJob: null, madeBy: expect.any(String) });
    expect((made.body.data as { counts: { missing: number } }).counts.missing).toBe(1);
    const jobs = await (await as(w.users.admin)).get<JobList>('/control/jobs');
    expect(jobs.body.items.find((j) => j.name === 'fill-daily')).toEqual(
      expect.objectContaining({ name: 'fill-daily', lastSlot: '2026-11-29', lastError: null }),
    );
  });

  it('refuses a report of today, a chair keeping the college-wide list, and a teacher reading reports', async () => {
    const today = await (
      await as(w.users.methodist)
    ).post<{ error: { fields: Record<string, string> } }>('/control/fill/reports', { date: '2026-11-29' });
    expect(today.status).toBe(400);
    expect(Object.keys(today.body.error.fields)).toEqual(['date']);
    expect((await (await as(w.chair2)).post('/control/fill/reports', { date: '2026-11-27' })).status).toBe(403);
    expect((await (await as(w.teacherA)).get('/control/reports')).status).toBe(403);
  });
});
