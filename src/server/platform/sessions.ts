import { createHash, randomBytes } from 'node:crypto';
import { loadPrincipal, type Principal } from './access.js';
import type { Config } from './config.js';
import type { Db } from './db.js';

// Server-side sessions: the cookie holds a random token, the database its SHA-256, so a
// leaked database does not leak live sessions. Idle timeout (shared classroom computers,
// п. 3.13) plus an absolute expiry; any number of app processes share them.
export const SESSION_COOKIE = 'ej_sid';

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface ResolvedSession {
  id: string;
  csrfToken: string;
  expiresAt: string;
  principal: Principal;
}

export async function createSession(
  db: Db,
  config: Config,
  user: { id: number; organization_id: number },
  meta: { ip: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.sessionMaxHours * 3_600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: digest(token),
      organization_id: user.organization_id,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function resolveSession(db: Db, config: Config, token: string): Promise<ResolvedSession | null> {
  const id = digest(token);
  // Checked and touched in one statement, on every request: the idle timeout counts from the
  // last request exactly, and a session that has just expired cannot be revived by a racing one.
  const now = new Date();
  const s = await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', id)
    .where('last_seen_at', '>=', new Date(now.getTime() - config.sessionIdleMinutes * 60_000).toISOString())
    .where('expires_at', '>', now.toISOString())
    .returning(['user_id', 'csrf_token', 'expires_at'])
    .executeTakeFirst();
  if (!s) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const principal = await loadPrincipal(db, s.user_id);
  if (!principal) return null;
  return { id, csrfToken: s.csrf_token, expiresAt: s.expires_at, principal };
}

export const deleteSession = (db: Db, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

/** Ends every session of a user, optionally keeping one. */
export async function deleteUserSessions(db: Db, userId: number, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
