import { createHash, randomBytes } from 'node:crypto';
import { loadPrincipal, type Principal } from './access.js';
import type { Config } from './config.js';
import { compiledOnce, type Db } from './db.js';

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

/** How long a session's last-seen time may lag behind its last request: it is rewritten at most this often. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * Principals kept between requests, each with the rights stamp of its organization it was loaded
 * at (decision 029): the database bumps the stamp whenever what a principal or a reach is made of
 * changes, so a revoked right is gone on the next request. One map per database.
 */
const principals = new WeakMap<Db, Map<number, { stamp: number; principal: Principal }>>();
const MAX_PRINCIPALS = 10_000;

async function principalAt(db: Db, userId: number, stamp: number): Promise<Principal | null> {
  let cache = principals.get(db);
  if (!cache) principals.set(db, (cache = new Map()));
  const kept = cache.get(userId);
  if (kept && kept.stamp === stamp) return kept.principal;
  // Loaded after the stamp was read: a change that commits in between leaves a newer principal
  // under the older stamp, which the next request reloads.
  const principal = await loadPrincipal(db, userId);
  if (cache.size >= MAX_PRINCIPALS) cache.clear();
  if (principal) cache.set(userId, { stamp, principal });
  else cache.delete(userId);
  return principal;
}

const sessionById = compiledOnce((db, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select(['s.user_id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'o.rights_stamp', 'o.time_zone', 'o.region', 'o.status'])
    .where('s.id', '=', id),
);

/**
 * `touch`: the request is the person's own doing. A page's background poll (the bell's unread
 * count, header `X-Background: 1`) is not: it neither keeps the session from idling out.
 */
export async function resolveSession(db: Db, config: Config, token: string, touch = true): Promise<ResolvedSession | null> {
  const id = digest(token);
  const now = new Date();
  // The last-seen time may lag the last request by up to a minute (it is written at most once a
  // minute), so the idle period is counted from a minute after it: a session never ends before
  // the idle period since its last request has passed (the web app warns a minute before that).
  const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000 - TOUCH_EVERY_MS).toISOString();
  // One read on every request: the session, and its organization's rights stamp and clock.
  const s = (await sessionById(db, id)).rows[0];
  // A suspended college's sessions end at once, whichever process serves them (decision 038).
  let alive = !!s && s.status === 'active' && s.last_seen_at >= idleSince && s.expires_at > now.toISOString();
  // Touched when a minute has passed since the last write: checked and touched in one statement,
  // so a session that has just expired cannot be revived by a racing request.
  if (s && alive && touch && Date.parse(s.last_seen_at) <= now.getTime() - TOUCH_EVERY_MS) {
    const touched = await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .where('last_seen_at', '>=', idleSince)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    alive = Number(touched.numUpdatedRows) > 0;
  }
  if (!s || !alive) {
    if (s) await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const principal = await principalAt(db, s.user_id, Number(s.rights_stamp));
  if (!principal) return null;
  return {
    id,
    csrfToken: s.csrf_token,
    expiresAt: s.expires_at,
    principal: { ...principal, timeZone: s.time_zone, region: s.region },
  };
}

export const deleteSession = (db: Db, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

/** Ends every session of a user, optionally keeping one. */
export async function deleteUserSessions(db: Db, userId: number, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
