import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildRegionalAdmin, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { Scheduler } from '../control/scheduler.js';
import { nowIso } from '../platform/db.js';
import { DEFAULT_USES_KEEP_DAYS, pruneTokenUses, USES_RETENTION, USES_RETENTION_JOB, usesKeepDays, usesKeptFrom } from './retention.js';

// The service accounts' use log is kept for a stated period (decision 039): a nightly job deletes the
// older rows of each college and of its region's office, once across processes, catching up after a restart.
let s: TestServer;
let orgA: number;
let orgB: number;
let office: number;
const accounts: Record<string, number> = {};

async function account(orgId: number, name: string, scope: 'college' | 'region') {
  const u = await buildUser(s.db, { orgId });
  const r = await s.db
    .insertInto('service_accounts')
    .values({
      organization_id: orgId,
      scope,
      name,
      permissions: '[]',
      read_only: 1,
      user_id: u.id,
      token_hash: `hash-${name}`,
      token_hint: 'ej_…',
      created_by_user_id: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const use = (orgId: number, accountId: number, at: string) =>
  s.db
    .insertInto('service_account_uses')
    .values({ organization_id: orgId, account_id: accountId, at, method: 'GET', route: '/api/v1/groups', status: 200, ip: null })
    .execute();

const usesOf = async (accountId: number) =>
  (await s.db.selectFrom('service_account_uses').select('at').where('account_id', '=', accountId).orderBy('at').execute()).map((r) => r.at);

beforeAll(async () => {
  s = await startTestServer();
  orgA = (await buildOrganization(s.db, { name: 'Колледж А', region: 'Северный край', timeZone: 'Europe/Moscow' })).id;
  orgB = (await buildOrganization(s.db, { name: 'Колледж Б', region: 'Южный край', timeZone: 'Europe/Moscow' })).id;
  office = (await buildRegionalAdmin(s.db, 'Северный край')).orgId;
  accounts.a = await account(orgA, 'Расписание', 'college');
  accounts.office = await account(office, 'Портал региона', 'region');
  accounts.b = await account(orgB, 'Портал Б', 'college');
});
afterAll(() => s.close());

describe('how long the use log is kept', () => {
  it('is 180 days unless SERVICE_ACCOUNT_USES_KEEP_DAYS says otherwise; a bad value stops the start', () => {
    expect(DEFAULT_USES_KEEP_DAYS).toBe(180);
    expect(usesKeepDays({})).toBe(180);
    expect(usesKeepDays({ SERVICE_ACCOUNT_USES_KEEP_DAYS: '30' })).toBe(30);
    expect(() => usesKeepDays({ SERVICE_ACCOUNT_USES_KEEP_DAYS: 'полгода' })).toThrow(/SERVICE_ACCOUNT_USES_KEEP_DAYS/);
    expect(usesKeptFrom('2026-11-29', 180)).toBe('2026-06-02T00:00:00.000Z');
  });

  it('the administrator is told the period with the accounts', async () => {
    const a = await buildUser(s.db, { orgId: orgA, roles: ['admin'] });
    const admin = await new ApiClient(s.url).login(a.login, a.password);
    const r = await admin.call('GET /integrations/accounts');
    expect(r.status).toBe(200);
    expect(r.body.usesKeptDays).toBe(180);
  });

  it('a college’s run deletes its own and its region office’s old uses, never another region’s or a newer one', async () => {
    await use(orgA, accounts.a, '2026-01-10T08:00:00.000Z');
    await use(orgA, accounts.a, '2026-06-02T00:00:00.000Z');
    await use(office, accounts.office, '2026-03-01T08:00:00.000Z');
    await use(office, accounts.office, '2026-11-20T08:00:00.000Z');
    await use(orgB, accounts.b, '2026-01-10T08:00:00.000Z');
    expect(await pruneTokenUses(s.db, orgA, '2026-11-29', 180)).toBe(2);
    expect(await usesOf(accounts.a)).toEqual(['2026-06-02T00:00:00.000Z']);
    expect(await usesOf(accounts.office)).toEqual(['2026-11-20T08:00:00.000Z']);
    expect(await usesOf(accounts.b)).toEqual(['2026-01-10T08:00:00.000Z']);
    expect(await pruneTokenUses(s.db, orgA, '2026-11-29', 180)).toBe(0);
  });

  it('two processes run the nightly job once for each college; a restart after missed nights catches up once', async () => {
    const a = new Scheduler(s.db, [USES_RETENTION]);
    const b = new Scheduler(s.db, [USES_RETENTION]);
    // 1 Dec 2026, 04:00 in Moscow: the night's run of 03:30 is due.
    const night = new Date('2026-12-01T01:00:00Z');
    const runs = (await Promise.all([a.tick(night), b.tick(night)])).flat().filter((r) => r.job === USES_RETENTION_JOB);
    expect(runs.filter((r) => r.organizationId === orgA)).toEqual([{ organizationId: orgA, job: USES_RETENTION_JOB, slot: '2026-12-01' }]);
    expect(runs.filter((r) => r.organizationId === orgB)).toHaveLength(1);
    expect(runs.every((r) => !r.error)).toBe(true);
    // Kept from 4 Jun 2026: orgA's row of 2 June and Б's of January go.
    expect(await usesOf(accounts.a)).toEqual([]);
    expect(await usesOf(accounts.b)).toEqual([]);
    expect(await usesOf(accounts.office)).toEqual(['2026-11-20T08:00:00.000Z']);

    // A use that turns old while the server is down; the same night again does nothing.
    await use(orgA, accounts.a, '2026-06-05T08:00:00.000Z');
    expect((await new Scheduler(s.db, [USES_RETENTION]).tick(night)).filter((r) => r.organizationId === orgA)).toEqual([]);
    expect(await usesOf(accounts.a)).toEqual(['2026-06-05T08:00:00.000Z']);
    // Back up on 5 Dec at noon after four missed nights: one run, and everything past the period is gone.
    const restarted = new Scheduler(s.db, [USES_RETENTION]);
    const later = (await restarted.tick(new Date('2026-12-05T09:00:00Z'))).filter((r) => r.organizationId === orgA);
    expect(later).toEqual([{ organizationId: orgA, job: USES_RETENTION_JOB, slot: '2026-12-05' }]);
    expect(await usesOf(accounts.a)).toEqual([]);
    expect(await restarted.tick(new Date('2026-12-05T10:00:00Z'))).toEqual([]);
  });
});
