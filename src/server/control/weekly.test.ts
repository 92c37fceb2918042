import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeeklyCheck, WeeklyList } from '../../contracts/control-weekly.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { buildWeeklyWorld } from '../../../test/factories-weekly.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { JOBS } from './scheduler-jobs.js';
import { Scheduler } from './scheduler.js';

// The deputy director's weekly check (issue 12 item 3, п. 5.2) on a hand-built week (test/factories-weekly.ts).
let s: TestServer;
let w: Awaited<ReturnType<typeof buildWeeklyWorld>>;
let other: Awaited<ReturnType<typeof buildRoleUsers>>;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
let made: WeeklyCheck;

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
  w = await buildWeeklyWorld(s.db, org.id);
  other = await buildRoleUsers(s.db, (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id);
});
afterAll(() => s.close());

const zero = { onDay: 0, late: 0, missing: 0, correctionsRequested: 0, correctionsApproved: 0, substitutions: 0, openRemarks: 0 };

describe('weekly check', () => {
  it('is made on demand for the week of any day: fill, grades, corrections, substitutions, open remarks', async () => {
    const r = await (await as(w.users.deputy)).call('POST /control/weekly', { body: { weekStart: '2026-11-26' } });
    expect(r.status).toBe(201);
    made = r.body as WeeklyCheck;
    expect(made).toMatchObject({ period: '2026-11-23', madeByJob: null, signed: null, canSign: true });
    expect(made.title).toBe('Еженедельный контроль журналов: 23.11.2026 — 29.11.2026');
    const d = made.data;
    expect(d.from).toBe('2026-11-23');
    expect(d.to).toBe('2026-11-29');
    expect(d.totals).toEqual({
      onDay: 2,
      late: 1,
      missing: 3,
      correctionsRequested: 1,
      correctionsApproved: 2,
      substitutions: 1,
      openRemarks: 2,
      grades: 4,
    });
    expect(d.teachers).toEqual([
      {
        ...zero,
        personId: w.teacherA.personId,
        name: expect.stringMatching(/^Арбузова /),
        onDay: 1,
        missing: 3,
        correctionsRequested: 1,
        correctionsApproved: 2,
        openRemarks: 1,
      },
      {
        ...zero,
        personId: w.teacherB.personId,
        name: expect.stringMatching(/^Борисенко /),
        onDay: 1,
        late: 1,
        substitutions: 1,
        openRemarks: 1,
      },
    ]);
    const [g1, g2] = d.groups;
    expect(d.groups.map((g) => g.name)).toEqual(['ИС-21', 'ПК-22']);
    expect(g1).toMatchObject({
      onDay: 2,
      late: 0,
      missing: 3,
      correctionsRequested: 1,
      correctionsApproved: 2,
      substitutions: 1,
      openRemarks: 1,
      grades: 3,
    });
    expect(g2).toMatchObject({ ...zero, late: 1, grades: 1 });
    expect(g1.subjects).toEqual([{ key: expect.any(String), code: 'ОП.01', name: 'Основы программирования' }]);
    const key = g1.subjects[0].key;
    expect(g1.students.map((x) => [x.name.split(' ')[0], x.grades[key], x.total])).toEqual([
      ['Белова', 2, 2],
      ['Волков', 1, 1],
    ]);
    expect(g2.students.map((x) => [x.name.split(' ')[0], x.total])).toEqual([['Гусев', 1]]);
  });

  it('is made every Monday for the week before, once, by the scheduler', async () => {
    const sched = new Scheduler(s.db, JOBS);
    const monday = new Date('2026-11-30T00:00:00Z'); // 10:00 in Vladivostok
    const runs = await sched.tick(monday);
    expect(runs.filter((r) => r.job === 'weekly-check' && !r.error).length).toBeGreaterThanOrEqual(1);
    expect((await new Scheduler(s.db, JOBS).tick(monday)).filter((r) => r.job === 'weekly-check')).toEqual([]);
    const list = await (await as(w.users.deputy)).call('GET /control/weekly');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((x) => x.period === '2026-11-23');
    expect(mine.map((x) => x.madeByJob).sort()).toEqual(['weekly-check', null].sort());
    expect(list.body).toMatchObject({ canMake: true, canSign: true });
    const byJob = mine.find((x) => x.madeByJob)!;
    const r = await (await as(w.users.director)).call('GET /control/weekly/:id', { params: { id: byJob.id } });
    expect(r.body.data.totals.missing).toBe(3);
    expect(r.body.canSign).toBe(false);
  });

  it('is signed off by the deputy once, and the sign-off is audited', async () => {
    expect((await (await as(w.users.methodist)).call('POST /control/weekly/:id/sign', { params: { id: made.id } })).status).toBe(403);
    const deputy = await as(w.users.deputy);
    const r = await deputy.call('POST /control/weekly/:id/sign', { params: { id: made.id } });
    expect(r.status).toBe(200);
    expect(r.body.signed).toEqual({ by: expect.any(String), at: expect.any(String) });
    expect(r.body.canSign).toBe(false);
    const again = await deputy.call('POST /control/weekly/:id/sign', { params: { id: made.id } });
    expect(again.status).toBe(409);
    const audit = await s.db.selectFrom('audit_log').select(['actor_user_id', 'entity_id']).where('action', '=', 'weekly.sign').execute();
    expect(audit).toEqual([{ actor_user_id: w.users.deputy.id, entity_id: String(made.id) }]);
    const makeAudit = await s.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'report.make')
      .where('entity_id', '=', String(made.id))
      .execute();
    expect(makeAudit).toEqual([{ actor_user_id: w.users.deputy.id }]);
    const list = (await deputy.get<WeeklyList>('/control/weekly')).body;
    expect(list.items.find((x) => x.id === made.id)?.signed).not.toBeNull();
  });

  it('downloads as PDF and XLSX', async () => {
    const c = await as(w.users.director);
    const pdf = await c.call('GET /control/weekly/:id/report.pdf', { params: { id: made.id } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    // The heads read whole on paper («Запросы исправлений», not «Запросы…»).
    const file = Buffer.from(
      await (await fetch(`${s.url}/api/v1/control/weekly/${made.id}/report.pdf`, { headers: { cookie: c.cookie } })).arrayBuffer(),
    );
    const dir = mkdtempSync(join(tmpdir(), 'weekly-'));
    writeFileSync(join(dir, 'w.pdf'), file);
    const text = execFileSync('pdftotext', [join(dir, 'w.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(text).toMatch(/Запросы\s+исправлений/);
    expect(text).toMatch(/Открытые\s+замечания/);
    const xlsx = await c.call('GET /control/weekly/:id/report.xlsx', { params: { id: made.id } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('refuses a week not yet begun', async () => {
    const r = await (
      await as(w.users.deputy)
    ).request<{ error: { fields: Record<string, string> } }>('POST', '/control/weekly', {
      weekStart: '2026-12-07',
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields)).toEqual(['weekStart']);
  });

  it('refuses a week of no academic year of the college', async () => {
    const d = await as(w.users.deputy);
    const r = await d.request<{ error: { fields: Record<string, string> } }>('POST', '/control/weekly', { weekStart: '1999-01-04' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.weekStart).toMatch(/не входит ни в один учебный год/);
  });

  it('asks for a login, the right role and the same college', async () => {
    const anon = new ApiClient(s.url);
    const id = made.id;
    for (const [method, path] of [
      ['GET', '/control/weekly'],
      ['GET', `/control/weekly/${id}`],
      ['POST', '/control/weekly'],
      ['POST', `/control/weekly/${id}/sign`],
      ['GET', `/control/weekly/${id}/report.pdf`],
      ['GET', `/control/weekly/${id}/report.xlsx`],
    ] as const) {
      expect((await anon.request(method, path, method === 'POST' ? { weekStart: '2026-11-23' } : undefined)).status).toBe(401);
    }
    const teacher = await as(w.teacherA);
    expect((await teacher.get('/control/weekly')).status).toBe(403);
    expect((await teacher.get(`/control/weekly/${id}`)).status).toBe(403);
    expect((await teacher.get(`/control/weekly/${id}/report.pdf`)).status).toBe(403);
    expect((await teacher.get(`/control/weekly/${id}/report.xlsx`)).status).toBe(403);
    expect((await teacher.post(`/control/weekly/${id}/sign`)).status).toBe(403);
    expect((await (await as(w.users.director)).post('/control/weekly', { weekStart: '2026-11-23' })).status).toBe(403);
    expect((await (await as(w.chair2)).get('/control/weekly')).status).toBe(403);
    const stranger = await as(other.deputy);
    expect((await stranger.get(`/control/weekly/${id}`)).status).toBe(404);
    expect((await stranger.get(`/control/weekly/${id}/report.pdf`)).status).toBe(404);
    expect((await stranger.post(`/control/weekly/${id}/sign`)).status).toBe(404);
    const theirs = (await stranger.get<WeeklyList>('/control/weekly')).body.items;
    expect(theirs.map((x) => x.madeByJob)).toEqual(['weekly-check']);
    expect(theirs.map((x) => x.id)).not.toContain(id);
  });
});
