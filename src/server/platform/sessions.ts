import { createHash, randomBytes } from 'node:crypto';
import { loadPrincipal, type Principal } from './access.js';
import type { Config } from './config.js';
import type { Db } from './db.js';

// Server-side sessions: the cookie holds a random token, the database its SHA-256, so a
// leaked database does not leak live sessions. Idle timeout (shared classroom computers,
// п. 3.13) plus an absolute expiry; any number of app processes share them.
export const SESSION_COOKIE = 'ej_sid';
const TOUCH_EVERY_MS = 60_000;

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
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  const now = Date.now();
  const idleLimit = Date.parse(s.last_seen_at) + config.sessionIdleMinutes * 60_000;
  if (now > Date.parse(s.expires_at) || now > idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const principal = await loadPrincipal(db, s.user_id);
  if (!principal) return null;
  if (now - Date.parse(s.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute();
  }
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
