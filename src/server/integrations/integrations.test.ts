import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildOrganization, buildRegionalAdmin, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Service accounts with API tokens (issue 15 item 11, decision 039): an administrator creates an
// account, its token (shown once) reads through the same guard and reach as a person, a read-only
// token is refused on writes, a revoked one is 401, another college is out of reach, every use is a row.
let s: TestServer;
let admin: ApiClient;
let region: ApiClient;
let orgA: number;
let orgB: number;
let groupB: number;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
type Account = {
  id: number;
  name: string;
  state: string;
  tokenHint: string;
  lastUsedAt: string | null;
  uses: number;
  college: { id: number };
};
type Issued = { account: Account; token: string };

const bearer = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${s.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown, cookie: r.headers.get('set-cookie') }));

beforeAll(async () => {
  s = await startTestServer();
  orgA = (await buildOrganization(s.db, { name: 'Колледж А', region: 'Приморский край' })).id;
  orgB = (await buildOrganization(s.db, { name: 'Колледж Б', region: 'Приморский край' })).id;
  await buildGroup(s.db, { orgId: orgA, name: 'ПК-А1' });
  groupB = (await buildGroup(s.db, { orgId: orgB, name: 'ПК-Б1' })).id;
  const a = await buildUser(s.db, { orgId: orgA, roles: ['admin'] });
  admin = await new ApiClient(s.url).login(a.login, a.password);
  const r = await buildRegionalAdmin(s.db, 'Приморский край');
  region = await new ApiClient(s.url).login(r.login, r.password);
});
afterAll(() => s.close());

describe('a college administrator’s service account', () => {
  let readOnly: Issued;
  let writer: Issued;

  it('is created with a token shown once; only its hash is kept; more than the creator may grant is 400 naming the field', async () => {
    const beyond = await admin.call('POST /integrations/accounts', { body: { name: 'Портал', permissions: ['region:read'] } });
    expect(beyond.status).toBe(400);
    expect(Object.keys((beyond.body as unknown as Err).error.fields ?? {})).toContain('permissions');
    const none = await admin.call('POST /integrations/accounts', { body: { name: 'Портал', permissions: [] } });
    expect(Object.keys((none.body as unknown as Err).error.fields ?? {})).toContain('permissions');
    const other = await admin.call('POST /integrations/accounts', {
      body: { name: 'Портал', collegeId: orgB, permissions: ['structure:read'] },
    });
    expect(other.status).toBe(403);

    const r = await admin.call('POST /integrations/accounts', {
      body: { name: 'Портал региона', permissions: ['structure:read', 'people:read'] },
    });
    expect(r.status).toBe(201);
    readOnly = r.body as Issued;
    expect(readOnly.token).toMatch(/^ej_[A-Za-z0-9_-]{43}$/);
    expect(readOnly.account).toMatchObject({ name: 'Портал региона', state: 'active', readOnly: true, college: { id: orgA } });
    expect(readOnly.token.startsWith(readOnly.account.tokenHint.slice(0, -1))).toBe(true);
    const stored = await s.db.selectFrom('service_accounts').selectAll().where('id', '=', readOnly.account.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(readOnly.token.slice(3));
    const list = await admin.call('GET /integrations/accounts');
    expect(JSON.stringify(list.body)).not.toContain(readOnly.token);
    expect(list.body.grantable.college.map((g) => g.permission)).toContain('structure:write');
    expect(list.body.grantable.region).toEqual([]);
    const dup = await admin.call('POST /integrations/accounts', { body: { name: 'Портал региона', permissions: ['structure:read'] } });
    expect(Object.keys((dup.body as unknown as Err).error.fields ?? {})).toContain('name');

    const w = await admin.call('POST /integrations/accounts', {
      body: { name: 'Расписание', permissions: ['structure:read', 'structure:write'], readOnly: false, expiryDate: '2027-06-30' },
    });
    expect(w.status).toBe(201);
    writer = w.body as Issued;
  });

  it('reads its college through the token: no session, no cookie; a route of a permission it lacks is 403', async () => {
    const r = await bearer(readOnly.token, 'GET', '/groups');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain('ПК-А1');
    expect(JSON.stringify(r.body)).not.toContain('ПК-Б1');
    expect(r.cookie).toBeNull();
    expect((await bearer(readOnly.token, 'GET', '/journal/assignments')).status).toBe(403);
    expect((await bearer(readOnly.token, 'GET', '/auth/me')).status).toBe(403);
    const sessions = await s.db.selectFrom('sessions').select('id').where('organization_id', '=', orgA).execute();
    expect(sessions).toHaveLength(1); // the administrator's own
  });

  it('a read-only token is refused on any write (403), a token with the right writes without a CSRF header, named in the audit', async () => {
    const body = { name: 'ПЦК информатики', chairPersonId: null };
    const refused = await bearer(readOnly.token, 'POST', '/commissions', body);
    expect(refused.status).toBe(403);
    expect((refused.body as Err).error.code).toBe('read_only_token');
    const made = await bearer(writer.token, 'POST', '/commissions', body);
    expect(made.status).toBe(200);
    const user = await s.db.selectFrom('service_accounts').select('user_id').where('id', '=', writer.account.id).executeTakeFirstOrThrow();
    const rows = await s.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'organization_id'])
      .where('entity', '=', 'subject_commission')
      .execute();
    expect(rows).toContainEqual({ actor_user_id: user.user_id, organization_id: orgA });
  });

  it('never reaches another college: B’s group is not found, B’s lists are A’s', async () => {
    const put = await bearer(writer.token, 'PUT', `/groups/${groupB}`, {
      name: 'Чужая',
      programId: 1,
      intakeYear: 2026,
      course: 1,
      curatorPersonId: null,
    });
    expect([403, 404, 400]).toContain(put.status);
    const b = await s.db.selectFrom('groups').select('name').where('id', '=', groupB).executeTakeFirstOrThrow();
    expect(b.name).toBe('ПК-Б1');
    const list = await bearer(writer.token, 'GET', '/groups');
    expect(JSON.stringify(list.body)).not.toContain('ПК-Б1');
  });

  it('records every use (route, method, status), shows the last use, and the log to the administrator', async () => {
    const uses = await admin.call('GET /integrations/accounts/:id/uses', { params: { id: readOnly.account.id } });
    expect(uses.status).toBe(200);
    const seen = uses.body.uses.map((u) => `${u.method} ${u.route} ${u.status}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /api/v1/groups 200',
        'GET /api/v1/journal/assignments 403',
        'GET /api/v1/auth/me 403',
        'POST /api/v1/commissions 403',
      ]),
    );
    const list = await admin.call('GET /integrations/accounts');
    const a = list.body.accounts.find((x) => x.id === readOnly.account.id)!;
    expect(a.lastUsedAt).not.toBeNull();
    expect(a.uses).toBe(uses.body.total);
  });

  it('revoked: the next request is 401 with a JSON body, and the refusal is recorded; revoking twice is 409', async () => {
    const r = await admin.call('POST /integrations/accounts/:id/revoke', { params: { id: readOnly.account.id } });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('revoked');
    const after = await bearer(readOnly.token, 'GET', '/groups');
    expect(after.status).toBe(401);
    expect((after.body as Err).error.message).toContain('отозван');
    expect((await admin.call('POST /integrations/accounts/:id/revoke', { params: { id: readOnly.account.id } })).status).toBe(409);
    const uses = await admin.call('GET /integrations/accounts/:id/uses', { params: { id: readOnly.account.id } });
    expect(uses.body.uses[0]).toMatchObject({ route: '/api/v1/groups', status: 401 });
    const audit = await s.db.selectFrom('audit_log').select('action').where('entity', '=', 'service_account').execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['integrations.account_created', 'integrations.account_revoked']));
  });

  it('an unknown or malformed token is 401 with a JSON body; an expired one too', async () => {
    const unknown = await bearer(`ej_${'x'.repeat(43)}`, 'GET', '/groups');
    expect(unknown.status).toBe(401);
    expect((unknown.body as Err).error.code).toBe('unauthorized');
    expect((await bearer('not-a-token', 'GET', '/groups')).status).toBe(401);
    await s.db.updateTable('service_accounts').set({ expires_on: '2026-11-01' }).where('id', '=', writer.account.id).execute();
    const expired = await bearer(writer.token, 'GET', '/groups');
    expect(expired.status).toBe(401);
    expect((expired.body as Err).error.message).toContain('истёк');
  });

  it('another college’s administrator does not see or revoke A’s accounts', async () => {
    const b = await buildUser(s.db, { orgId: orgB, roles: ['admin'] });
    const other = await new ApiClient(s.url).login(b.login, b.password);
    const list = await other.call('GET /integrations/accounts');
    expect(list.body.accounts).toEqual([]);
    expect((await other.call('POST /integrations/accounts/:id/revoke', { params: { id: writer.account.id } })).status).toBe(404);
    expect((await other.call('GET /integrations/accounts/:id/uses', { params: { id: writer.account.id } })).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('declares the bearer scheme beside the session, so a portal can use the token', async () => {
    const doc = (
      await new ApiClient(s.url).get<{
        components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
        security: Record<string, unknown>[];
      }>('/openapi.json')
    ).body;
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual(expect.arrayContaining([{ apiToken: [] }, { session: [] }]));
  });
});

describe('the regional administrator’s accounts', () => {
  it('makes one for a college of the region (no more than its administrator holds) and one for the region', async () => {
    const noCollege = await region.call('POST /integrations/accounts', {
      body: { name: 'Колледж без выбора', permissions: ['structure:read'] },
    });
    expect(Object.keys((noCollege.body as unknown as Err).error.fields ?? {})).toContain('collegeId');
    const c = await region.call('POST /integrations/accounts', {
      body: { name: 'Портал колледжа Б', collegeId: orgB, permissions: ['structure:read'] },
    });
    expect(c.status).toBe(201);
    const token = (c.body as Issued).token;
    const groups = await bearer(token, 'GET', '/groups');
    expect(JSON.stringify(groups.body)).toContain('ПК-Б1');
    expect(JSON.stringify(groups.body)).not.toContain('ПК-А1');

    const r = await region.call('POST /integrations/accounts', {
      body: { name: 'Портал региона', scope: 'region', permissions: ['region:read'] },
    });
    expect(r.status).toBe(201);
    const overview = await bearer((r.body as Issued).token, 'GET', '/region/organizations');
    expect(overview.status).toBe(200);
    expect(JSON.stringify(overview.body)).toContain('Колледж Б');
    expect((await bearer((r.body as Issued).token, 'GET', '/groups')).status).toBe(403);

    const list = await region.call('GET /integrations/accounts');
    expect(list.body.colleges.map((x) => x.id)).toEqual(expect.arrayContaining([orgA, orgB]));
    // What the regional administrator holds across the region, and the observer's reading of it.
    expect(list.body.grantable.region.map((g) => g.permission).sort()).toEqual([
      'backup:make',
      'backup:read',
      'region:colleges',
      'region:read',
      'region:reports',
      'sso:providers',
    ]);
    expect(list.body.accounts.map((a) => a.name)).toEqual(expect.arrayContaining(['Портал колледжа Б', 'Портал региона', 'Расписание']));
  });

  it('a college’s administrator cannot make an account of the region', async () => {
    const r = await admin.call('POST /integrations/accounts', { body: { name: 'Регион', scope: 'region', permissions: ['region:read'] } });
    expect(r.status).toBe(403);
  });
});

describe('failed tokens are throttled by address (decision 014)', () => {
  it('after ten times the login limit of unknown tokens from one address: 429, while a valid token still works', async () => {
    const t = await startTestServer({ loginMaxFailures: 1 });
    try {
      const orgId = (await buildOrganization(t.db)).id;
      const u = await buildUser(t.db, { orgId, roles: ['admin'] });
      const a = await new ApiClient(t.url).login(u.login, u.password);
      const made = await a.call('POST /integrations/accounts', { body: { name: 'Портал', permissions: ['structure:read'] } });
      const token = (made.body as Issued).token;
      const get = (tok: string) => fetch(`${t.url}/api/v1/groups`, { headers: { authorization: `Bearer ${tok}` } });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await get(`ej_${String(i).padStart(43, 'q')}`)).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      const throttled = await get(`ej_${'w'.repeat(43)}`);
      expect(statuses[10]).toBe(429);
      expect(throttled.status).toBe(429);
      expect(((await throttled.json()) as Err).error.code).toBe('too_many_attempts');
      expect((await get(token)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
