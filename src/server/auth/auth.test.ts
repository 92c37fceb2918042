import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ loginMaxFailures: 3 });
});
afterAll(() => s.close());

describe('auth', () => {
  it('logs in, reports the person, roles and organization, and logs out', async () => {
    const org = await buildOrganization(s.db, { name: 'Колледж технологии и сервиса' });
    const u = await buildUser(s.db, { orgId: org.id, roles: ['teacher'], lastName: 'Ёлкин' });
    const c = new ApiClient(s.url);
    const r = await c.post<{ person: { fullName: string }; roles: { role: string }[]; organization: { name: string }; csrfToken: string }>(
      '/auth/login',
      { login: u.login, password: TEST_PASSWORD },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/ej_sid=.+HttpOnly.*SameSite=Strict/i);
    expect(r.body.person.fullName).toBe('Ёлкин Иван Петрович');
    expect(r.body.roles.map((x) => x.role)).toEqual(['teacher']);
    expect(r.body.organization.name).toBe('Колледж технологии и сервиса');
    c.csrf = r.body.csrfToken;
    expect((await c.get('/auth/me')).status).toBe(200);
    expect((await c.post('/auth/logout')).status).toBe(200);
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('accepts the login in any case and rejects a wrong password with 401', async () => {
    const u = await buildUser(s.db, { roles: ['director'] });
    expect((await new ApiClient(s.url).post('/auth/login', { login: u.login.toUpperCase(), password: TEST_PASSWORD })).status).toBe(200);
    const bad = await new ApiClient(s.url).post<{ error: { code: string } }>('/auth/login', { login: u.login, password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_credentials');
  });

  it('throttles repeated failures and logs them', async () => {
    const u = await buildUser(s.db, { roles: ['teacher'] });
    const c = new ApiClient(s.url);
    for (let i = 0; i < 3; i++) expect((await c.post('/auth/login', { login: u.login, password: 'nope' })).status).toBe(401);
    const r = await c.post<{ error: { code: string } }>('/auth/login', { login: u.login, password: TEST_PASSWORD });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('too_many_attempts');
    const logged = await s.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(u.id)).execute();
    expect(logged.filter((l) => l.action === 'auth.login_failed')).toHaveLength(3);
  });

  it('refuses writes without the CSRF token', async () => {
    const u = await buildUser(s.db, { roles: ['teacher'] });
    const c = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const token = c.csrf;
    c.csrf = '';
    const r = await c.post<{ error: { code: string } }>('/auth/logout');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('csrf');
    c.csrf = token;
    expect((await c.post('/auth/logout')).status).toBe(200);
  });

  it('forces a temporary password to be changed before anything else', async () => {
    const u = await buildUser(s.db, { roles: ['director'], mustChangePassword: true });
    const c = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const me = await c.get<{ user: { mustChangePassword: boolean } }>('/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await c.get<{ error: { code: string } }>('/organization');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    const weak = await c.post<{ error: { fields: Record<string, string> } }>('/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.newPassword).toBeTruthy();
    const wrong = await c.post<{ error: { fields: Record<string, string> } }>('/auth/password', {
      currentPassword: 'wrong',
      newPassword: 'Better-pass-42',
    });
    expect(wrong.body.error.fields.currentPassword).toBeTruthy();
    expect((await c.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Better-pass-42' })).status).toBe(200);
    expect((await c.get('/organization')).status).toBe(200);
    expect((await new ApiClient(s.url).post('/auth/login', { login: u.login, password: 'Better-pass-42' })).status).toBe(200);
  });

  it('logs out everywhere', async () => {
    const u = await buildUser(s.db, { roles: ['teacher'] });
    const a = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const b = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const r = await a.post<{ ended: number }>('/auth/logout-all');
    expect(r.body.ended).toBe(2);
    expect((await b.get('/auth/me')).status).toBe(401);
  });

  it('ends a session after the idle timeout', async () => {
    const u = await buildUser(s.db, { roles: ['teacher'] });
    const c = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const old = new Date(Date.now() - (s.config.sessionIdleMinutes + 2) * 60_000).toISOString();
    await s.db.updateTable('sessions').set({ last_seen_at: old }).where('user_id', '=', u.id).execute();
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('counts idleness from the last request, to the minute', async () => {
    const u = await buildUser(s.db, { roles: ['teacher'] });
    const c = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const lastSeen = async () =>
      (await s.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', u.id).executeTakeFirstOrThrow()).last_seen_at;
    // Last seen 30 s ago: the time is not rewritten on every request (at most once a minute).
    const recent = new Date(Date.now() - 30_000).toISOString();
    await s.db.updateTable('sessions').set({ last_seen_at: recent }).where('user_id', '=', u.id).execute();
    expect((await c.get('/auth/me')).status).toBe(200);
    expect(await lastSeen()).toBe(recent);
    // Last seen 70 s ago: a request now restarts the idle period from now, not from then.
    await s.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 70_000).toISOString() })
      .where('user_id', '=', u.id)
      .execute();
    const before = Date.now();
    expect((await c.get('/auth/me')).status).toBe(200);
    expect(Date.parse(await lastSeen())).toBeGreaterThanOrEqual(before - 1000);
    // Idle past the limit and the minute the last-seen time may lag: ended.
    await s.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - s.config.sessionIdleMinutes * 60_000 - 63_000).toISOString() })
      .where('user_id', '=', u.id)
      .execute();
    expect((await c.get('/auth/me')).status).toBe(401);
    expect(await s.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
  });

  it('marks every API answer but the public documents as not to be stored', async () => {
    const u = await buildUser(s.db, { roles: ['admin', 'director', 'teacher'] });
    const c = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const doc = await new ApiClient(s.url).get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json');
    expect(doc.headers.get('cache-control')).not.toBe('no-store');
    const gets = Object.entries(doc.body.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path.replace(/\{[^}]+\}/g, '1'));
    expect(gets.length).toBeGreaterThan(30);
    for (const path of gets) {
      const r = await c.get(path);
      expect({ path, cacheControl: r.headers.get('cache-control') }).toEqual({ path, cacheControl: 'no-store' });
    }
    expect((await new ApiClient(s.url).get('/auth/me')).headers.get('cache-control')).toBe('no-store');
    expect((await new ApiClient(s.url).post('/auth/login', { login: u.login, password: TEST_PASSWORD })).headers.get('cache-control')).toBe(
      'no-store',
    );
  });

  it('sets security headers', async () => {
    const r = await new ApiClient(s.url).get('/auth/me');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('errors are JSON 4xx, never 5xx', () => {
  it('malformed JSON, wrong types, unknown routes and oversize bodies', async () => {
    const c = new ApiClient(s.url);
    const bad = await c.request<{ error: { code: string; message: string } }>('POST', '/auth/login', '{"login":', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: 'bad_json', message: 'Тело запроса — некорректный JSON.' });
    const types = await c.post<{ error: { code: string; fields: Record<string, string> } }>('/auth/login', { login: 5, password: [] });
    expect(types.status).toBe(400);
    expect(types.body.error.code).toBe('validation');
    expect(Object.keys(types.body.error.fields)).toEqual(expect.arrayContaining(['login', 'password']));
    const missing = await c.get<{ error: { code: string } }>('/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const big = await c.post<{ error: { code: string } }>('/auth/login', { login: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
  });
});
