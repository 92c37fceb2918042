import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Decision 014: attempts are counted before the password is checked, per login and per address.
let s: TestServer;
let peer: { url: string; close(): Promise<void> };
beforeAll(async () => {
  s = await startTestServer({ loginMaxFailures: 5 });
  peer = await s.peer();
});
afterAll(async () => {
  await peer.close();
  await s.close();
});

describe('login throttling', () => {
  it('checks at most the limit of 100 parallel wrong passwords sent to two app processes', async () => {
    const u = await buildUser(s.db, { roles: ['teacher'] });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        new ApiClient(i % 2 ? peer.url : s.url).post('/auth/login', { login: u.login, password: `wrong-${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x !== 401 && x !== 429)).toEqual([]);
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(5);
    const failed = await s.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.login_failed')
      .where('entity_id', '=', String(u.id))
      .execute();
    expect(failed.length).toBeLessThanOrEqual(5);
    const attempts = await s.db.selectFrom('login_attempts').select('id').where('login', '=', u.login).execute();
    expect(attempts.length).toBeLessThanOrEqual(5);
    // Refused attempts do not count: whatever the burst left unused can still be tried, one by one,
    // and then the login stays closed for the window, even for the right password.
    let checked = statuses.filter((x) => x === 401).length;
    for (let i = 0; i < 10; i++)
      if ((await new ApiClient(s.url).post('/auth/login', { login: u.login, password: `again-${i}` })).status === 401) checked++;
    expect(checked).toBe(5);
    expect((await new ApiClient(s.url).post('/auth/login', { login: u.login, password: TEST_PASSWORD })).status).toBe(429);
  });

  it('slows one address guessing many logins, yet lets in a user with no failures of their own', async () => {
    const org = await buildOrganization(s.db);
    const victims = await Promise.all(Array.from({ length: 60 }, () => buildUser(s.db, { orgId: org.id, roles: [] })));
    for (const v of victims)
      expect((await new ApiClient(s.url).post('/auth/login', { login: v.login, password: 'Qwerty-123' })).status).toBe(401);
    // A second guess at an already guessed login from this address is refused without a check.
    const again = await new ApiClient(s.url).post<{ error: { code: string } }>('/auth/login', {
      login: victims[0].login,
      password: 'Password-1',
    });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('too_many_attempts');
    // Another person behind the same address, with the right password, gets in.
    const teacher = await buildUser(s.db, { orgId: org.id, roles: ['teacher'] });
    expect((await new ApiClient(s.url).post('/auth/login', { login: teacher.login, password: TEST_PASSWORD })).status).toBe(200);
    expect((await new ApiClient(peer.url).post('/auth/login', { login: victims[1].login, password: TEST_PASSWORD })).status).toBe(429);
  });
});
