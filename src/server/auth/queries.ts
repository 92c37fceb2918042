import type { Db } from '../platform/db.js';

// Login attempts: a row is written before the password is checked, as a failure, and turned into
// a success only when the check passes (decision 014).

export async function insertAttempt(db: Db, v: { organizationId: number | null; login: string; ip: string; at: string }): Promise<number> {
  const r = await db.insertInto('login_attempts')
    .values({ organization_id: v.organizationId, login: v.login, ip: v.ip, success: 0, at: v.at })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Failed (or not yet checked) attempts since an instant: for one login, and from one address. */
export async function failuresSince(db: Db, since: string, login: string, ip: string) {
  const [byLogin, byIp] = await Promise.all([
    db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('login', '=', login).where('success', '=', 0).where('at', '>', since).executeTakeFirstOrThrow(),
    db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip).where('success', '=', 0).where('at', '>', since).executeTakeFirstOrThrow(),
  ]);
  return { login: Number(byLogin.n), ip: Number(byIp.n) };
}

export async function markAttemptSucceeded(db: Db, id: number) {
  await db.updateTable('login_attempts').set({ success: 1 }).where('id', '=', id).execute();
}

/** A refused attempt was never checked: it is not a failure of the login. */
export async function deleteAttempt(db: Db, id: number) {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

/** The session's CSRF token and expiry, for /auth/me. */
export async function sessionCsrf(db: Db, sessionId: string) {
  const s = await db.selectFrom('sessions').select(['csrf_token', 'expires_at']).where('id', '=', sessionId).executeTakeFirstOrThrow();
  return { csrfToken: s.csrf_token, expiresAt: s.expires_at };
}
