import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { jobRows } from './scheduler-queries.js';
import { Scheduler, type Job } from './scheduler.js';

// Scheduled work (issue 12 item 9, decision 021): exactly once across processes, caught up after a restart.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

function countingJob(name: string, runs: string[], slow = 0): Job {
  return {
    name,
    every: { kind: 'weekly', weekday: 1, at: '07:00' },
    async run(_db, org, slot) {
      if (slow) await new Promise((r) => setTimeout(r, slow));
      runs.push(`${org.id}:${slot}`);
    },
  };
}

describe('scheduler', () => {
  it('two schedulers on one database run a due job once', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
    const runs: string[] = [];
    const job = countingJob('weekly-a', runs, 50);
    const a = new Scheduler(s.db, [job]);
    const b = new Scheduler(s.db, [job]);
    // Monday 30 Nov 2026, 09:00 in Vladivostok (UTC+10).
    const at = new Date('2026-11-29T23:00:00Z');
    const [ra, rb] = await Promise.all([a.tick(at), b.tick(at)]);
    const mine = [...ra, ...rb].filter((r) => r.organizationId === org.id);
    expect(mine).toEqual([{ organizationId: org.id, job: 'weekly-a', slot: '2026-11-30' }]);
    expect(runs.filter((r) => r.startsWith(`${org.id}:`))).toEqual([`${org.id}:2026-11-30`]);
    // Later the same week neither runs it again.
    const later = new Date('2026-12-02T03:00:00Z');
    await Promise.all([a.tick(later), b.tick(later)]);
    expect(runs.filter((r) => r.startsWith(`${org.id}:`))).toHaveLength(1);
  });

  it('a restart after a missed Monday runs it once, for the latest Monday', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
    const runs: string[] = [];
    const job = countingJob('weekly-b', runs);
    // Ran on Monday 23 Nov; the server was down over Monday 30 Nov and restarts on Wednesday 2 Dec.
    await new Scheduler(s.db, [job]).tick(new Date('2026-11-22T22:00:00Z'));
    expect(runs.filter((r) => r.startsWith(`${org.id}:`))).toEqual([`${org.id}:2026-11-23`]);
    const restarted = new Scheduler(s.db, [job]);
    await restarted.tick(new Date('2026-12-02T01:00:00Z'));
    await restarted.tick(new Date('2026-12-02T02:00:00Z'));
    expect(runs.filter((r) => r.startsWith(`${org.id}:`))).toEqual([`${org.id}:2026-11-23`, `${org.id}:2026-11-30`]);
    const row = (await jobRows(s.db, org.id)).find((r) => r.name === 'weekly-b');
    expect(row?.last_slot).toBe('2026-11-30');
  });

  it('a failed run is kept with its error and retried on the next tick', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Europe/Moscow' });
    let fail = true;
    const runs: string[] = [];
    const job: Job = {
      name: 'daily-c',
      every: { kind: 'daily', at: '06:00' },
      async run(_db, o, slot) {
        if (o.id !== org.id) return;
        if (fail) throw new Error('нет связи');
        runs.push(slot);
      },
    };
    const sch = new Scheduler(s.db, [job]);
    const at = new Date('2026-11-30T04:00:00Z'); // 07:00 in Moscow
    const first = (await sch.tick(at)).find((r) => r.organizationId === org.id);
    expect(first?.error).toBe('нет связи');
    expect((await jobRows(s.db, org.id))[0]).toMatchObject({ name: 'daily-c', last_slot: null, last_error: 'нет связи' });
    fail = false;
    await sch.tick(new Date('2026-11-30T04:01:00Z'));
    expect(runs).toEqual(['2026-11-30']);
  });

  it('a lease held by a live process keeps others off; an expired one is taken over', async () => {
    const org = await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' });
    const runs: string[] = [];
    const job = countingJob('weekly-d', runs);
    await s.db
      .insertInto('scheduled_jobs')
      .values({ organization_id: org.id, name: 'weekly-d', lease_owner: 'dead-process', lease_until: '2026-11-29T23:05:00.000Z' })
      .execute();
    const sch = new Scheduler(s.db, [job]);
    await sch.tick(new Date('2026-11-29T23:00:00Z'));
    expect(runs.filter((r) => r.startsWith(`${org.id}:`))).toEqual([]);
    await sch.tick(new Date('2026-11-29T23:06:00Z'));
    expect(runs.filter((r) => r.startsWith(`${org.id}:`))).toEqual([`${org.id}:2026-11-30`]);
  });
});
