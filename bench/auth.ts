import { apiUrl, cannon, loginHttp, startServerProcess } from './lib.js';

/** Login (argon2id-bound) and /auth/me (the per-request session and role lookup). */
export async function authBench(): Promise<void> {
  const s = await startServerProcess({ students: 600 });
  try {
    await cannon('POST /auth/login', {
      url: apiUrl(s.url, 'POST /auth/login'),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'teacher', password: 'demo' }),
      connections: 4,
    });
    const { cookie } = await loginHttp(s.url, 'curator');
    await cannon('GET /auth/me', { url: apiUrl(s.url, 'GET /auth/me'), headers: { cookie }, connections: 20 });
  } finally {
    await s.stop();
  }
}
