import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildRegionalAdmin, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Decision 042: backups are the installation's. The regional administrator keeps them; a college's
// administrator too while the installation has one college, and no longer once a second one exists.
let s: TestServer;
let admin: ApiClient;
let region: ApiClient;
beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db)).id;
  const a = await buildUser(s.db, { orgId, roles: ['admin'] });
  const r = await buildRegionalAdmin(s.db);
  admin = await new ApiClient(s.url).login(a.login, a.password);
  region = await new ApiClient(s.url).login(r.login, r.password);
});
afterAll(() => s.close());

const abilities = async (c: ApiClient) => (await c.call('GET /auth/me')).body.abilities;

describe('backups of the installation', () => {
  it('with one college: its administrator and the regional administrator both see them', async () => {
    expect((await admin.call('GET /backups')).status).toBe(200);
    expect((await region.call('GET /backups')).status).toBe(200);
    expect(await abilities(admin)).toMatchObject({ 'backup:read': ['org'], 'backup:make': ['org'] });
    expect(await abilities(region)).toMatchObject({ 'backup:read': ['region'], 'backup:make': ['region'] });
  });

  it('with a second college: the regional administrator only; a college administrator gets 403 with the reason', async () => {
    await buildOrganization(s.db);
    const read = await admin.call('GET /backups');
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).toContain('региональный администратор');
    expect((await admin.call('POST /backups')).status).toBe(403);
    const mine = await abilities(admin);
    expect(mine['backup:read']).toBeUndefined();
    expect(mine['backup:make']).toBeUndefined();
    expect((await region.call('GET /backups')).status).toBe(200);
    expect(await abilities(region)).toMatchObject({ 'backup:read': ['region'] });
    // The installation's copy is not made for a college's administrator, and nothing was started.
    expect(await s.db.selectFrom('backups').select('id').execute()).toEqual([]);
  });
});
