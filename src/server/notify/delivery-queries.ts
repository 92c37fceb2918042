import { sql, type Db, type Engine, type Tx } from '../platform/db.js';
import type { OutboxChannel } from './tables.js';

// SQL of the delivery worker: taking due messages under a lease, settling each, the backlog.

const CLAIMED = [
  'id',
  'organization_id',
  'person_id',
  'channel',
  'kind',
  'key',
  'address',
  'title',
  'text',
  'sms',
  'link',
  'attachments',
  'message_id',
  'attempts',
  'send_started_at',
] as const;

/**
 * Takes up to `limit` due messages for this worker: pending ones whose time has come and those
 * whose worker's lease ran out (it died). PostgreSQL: the rows are locked with SKIP LOCKED, so two
 * processes take disjoint sets; SQLite: one UPDATE is atomic (one writer at a time).
 */
export async function claimDue(db: Db, engine: Engine, worker: string, at: string, leaseUntil: string, limit: number) {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit);
  return db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', leased_by: worker, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', engine === 'pg' ? due.forUpdate().skipLocked() : due)
    .returning([...CLAIMED])
    .execute();
}
export type Claimed = Awaited<ReturnType<typeof claimDue>>[number];

/**
 * Still ours right before sending (the lease may have run out during a slow round): extends it and
 * notes that sending begins; the ids still ours.
 */
export async function holdLeases(db: Db | Tx, ids: number[], worker: string, leaseUntil: string, at: string): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('outbox')
    .set({ lease_until: leaseUntil, send_started_at: at })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .where('leased_by', '=', worker)
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function markSent(
  db: Db,
  orgId: number,
  id: number,
  worker: string,
  at: string,
  providerId: string | null,
  note: string | null,
) {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, provider_id: providerId, lease_until: null, reason: note })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('leased_by', '=', worker)
    .execute();
}

/** Back to pending at a later time: a retry (an attempt spent) or a hold (quiet hours, a limit: not one). */
export async function reschedule(db: Db, orgId: number, id: number, worker: string, nextAt: string, reason: string, attemptSpent: boolean) {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'pending',
      next_attempt_at: nextAt,
      reason,
      lease_until: null,
      send_started_at: null,
      ...(attemptSpent ? {} : { attempts: eb('attempts', '-', 1) }),
    }))
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('leased_by', '=', worker)
    .execute();
}

/** Settled for good without sending: failed (after the last attempt, a permanent refusal) or skipped. */
export async function markUnsent(db: Db, orgId: number, id: number, worker: string, status: 'failed' | 'skipped', reason: string) {
  await db
    .updateTable('outbox')
    .set({ status, reason, lease_until: null, send_started_at: null })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('leased_by', '=', worker)
    .execute();
}

/** Which of these in-app notices (person and key) have been read: «person:key». */
export async function readNotices(db: Db, orgId: number, rows: { person_id: number; key: string }[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const read = await db
    .selectFrom('notifications')
    .select(['person_id', 'key'])
    .where('organization_id', '=', orgId)
    .where('person_id', 'in', [...new Set(rows.map((r) => r.person_id))])
    .where('key', 'in', [...new Set(rows.map((r) => r.key))])
    .where('read_at', 'is not', null)
    .execute();
  return new Set(read.map((r) => `${r.person_id}:${r.key}`));
}

/** The time zone and settings of organizations, for quiet hours and limits. */
export const orgRules = (db: Db, orgIds: number[]) =>
  db.selectFrom('organizations').select(['id', 'time_zone', 'settings']).where('id', 'in', orgIds).execute();

/**
 * Holds the hand-over of these persons' messages (keys of organization, channel and person) against
 * every other process until the transaction ends. PostgreSQL: transaction-level advisory locks, taken
 * in one order so that two workers cannot wait on each other; SQLite has one writer.
 */
export async function lockPersons(tx: Tx, engine: Engine, keys: string[]): Promise<void> {
  if (engine !== 'pg' || keys.length === 0) return;
  await sql`select pg_advisory_xact_lock(h) from (
    select distinct hashtext('outbox:' || k) as h from unnest(${keys}::text[]) as k order by h) as locks`.execute(tx);
}

/**
 * Messages of a channel that count against each of some persons' limit since an instant: sent
 * since then, and handed over for sending by any worker and not yet settled (they are going out
 * now). `except`: the messages being decided.
 */
export async function takenSince(tx: Tx, orgId: number, channel: OutboxChannel, personIds: number[], since: string, except: number[]) {
  const rows = await tx
    .selectFrom('outbox')
    .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', orgId)
    .where('channel', '=', channel)
    .where('person_id', 'in', personIds)
    .where('id', 'not in', except)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'sent'), eb('sent_at', '>=', since)]),
        eb.and([eb('status', '=', 'sending'), eb('send_started_at', 'is not', null)]),
      ]),
    )
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}

/** The oldest sent_at among a person's last `n` messages of a channel since an instant (when a window frees). */
export async function nthLatestSent(db: Db | Tx, orgId: number, channel: OutboxChannel, personId: number, since: string, n: number) {
  const rows = await db
    .selectFrom('outbox')
    .select('sent_at')
    .where('organization_id', '=', orgId)
    .where('channel', '=', channel)
    .where('person_id', '=', personId)
    .where('status', '=', 'sent')
    .where('sent_at', '>=', since)
    .orderBy('sent_at', 'desc')
    .limit(n)
    .execute();
  return rows.at(-1)?.sent_at ?? null;
}

/** Every college's outbox backlog: messages due now and the age of the oldest (for /health). */
export async function backlog(db: Db, at: string) {
  const r = await db
    .selectFrom('outbox')
    .select([(eb) => eb.fn.countAll<number>().as('due'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return { due: Number(r.due), oldest: (r.oldest as string | null) ?? null };
}
