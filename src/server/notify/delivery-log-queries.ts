import type { Db, Tx } from '../platform/db.js';
import type { OutboxStatus } from './tables.js';

type Q = Db | Tx;

// SQL of the delivery log (the administrator's «Рассылки»): the outbox with its people, a retry,
// the college's delivery settings.

export interface LogFilter {
  status?: OutboxStatus;
  channel?: 'email' | 'sms';
  /** A search key (text.ts searchKey) of the recipient's name, as a LIKE pattern. */
  nameLike?: string;
  /** Instants (ISO) bounding created_at. */
  fromAt?: string;
  toAt?: string;
  id?: number;
}

function logBase(db: Q, orgId: number, f: LogFilter) {
  let q = db
    .selectFrom('outbox as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('students as st', 'st.id', 'o.student_id')
    .leftJoin('persons as sp', 'sp.id', 'st.person_id')
    .leftJoin('persons as snd', 'snd.id', 'o.sender_person_id')
    .where('o.organization_id', '=', orgId);
  if (f.id !== undefined) q = q.where('o.id', '=', f.id);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  if (f.nameLike) q = q.where('p.sort_key', 'like', f.nameLike);
  if (f.fromAt) q = q.where('o.created_at', '>=', f.fromAt);
  if (f.toAt) q = q.where('o.created_at', '<', f.toAt);
  return q;
}

export const logRows = (db: Q, orgId: number, f: LogFilter, limit: number, offset: number) =>
  logBase(db, orgId, f)
    .select([
      'o.id',
      'o.channel',
      'o.kind',
      'o.status',
      'o.person_id',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'sp.last_name as student_last',
      'sp.first_name as student_first',
      'sp.middle_name as student_middle',
      'snd.last_name as sender_last',
      'snd.first_name as sender_first',
      'snd.middle_name as sender_middle',
      'o.address',
      'o.title',
      'o.text',
      'o.attempts',
      'o.reason',
      'o.created_at',
      'o.sent_at',
      'o.next_attempt_at',
    ])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
export type LogRow = Awaited<ReturnType<typeof logRows>>[number];

export async function logCount(db: Q, orgId: number, f: LogFilter): Promise<number> {
  const r = await logBase(db, orgId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function failedCount(db: Q, orgId: number): Promise<number> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The college's backlog: messages due now and the oldest one's creation. */
export async function orgBacklog(db: Q, orgId: number, at: string) {
  const r = await db
    .selectFrom('outbox')
    .select([(eb) => eb.fn.countAll<number>().as('due'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('organization_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return { due: Number(r.due), oldest: (r.oldest as string | null) ?? null };
}

/** A failed or skipped message due again now, with a fresh count of attempts and the address given. */
export async function requeue(tx: Tx, orgId: number, id: number, address: string, at: string): Promise<boolean> {
  const r = await tx
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      address,
      reason: null,
      lease_until: null,
      leased_by: null,
      send_started_at: null,
    })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'skipped'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A message's recipient's current contacts. */
export const recipientOf = (db: Q, orgId: number, id: number) =>
  db
    .selectFrom('outbox as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.status', 'o.channel', 'o.kind', 'o.person_id', 'p.email', 'p.phone'])
    .where('o.organization_id', '=', orgId)
    .where('o.id', '=', id)
    .executeTakeFirst();
