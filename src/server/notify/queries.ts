import type { Insertable } from 'kysely';
import { compiledOnce, type Db, type Tx } from '../platform/db.js';
import type { NotifyTables } from './tables.js';

type Q = Db | Tx;

// SQL of notifications: enqueueing (outbox, in-app), reading and marking in-app notifications,
// e-mail opt-outs and the unsubscribe secret. The worker's statements are in delivery-queries.ts.

/** The current e-mail and phone of some persons of a college. */
export const contactsOf = (db: Q, orgId: number, personIds: number[]) =>
  db.selectFrom('persons').select(['id', 'email', 'phone']).where('organization_id', '=', orgId).where('id', 'in', personIds).execute();

/** The e-mail opt-outs of some persons (kind '*' is every kind). */
export const optOutsOf = (db: Q, orgId: number, personIds: number[]) =>
  db
    .selectFrom('email_optouts')
    .select(['person_id', 'kind'])
    .where('organization_id', '=', orgId)
    .where('person_id', 'in', personIds)
    .execute();

/** Outbox rows; one already there with the same (organization, person, channel, key) is kept as it is. */
export async function insertOutboxRows(db: Q, rows: Insertable<NotifyTables['outbox']>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.columns(['organization_id', 'person_id', 'channel', 'key']).doNothing())
    .execute();
}

/** In-app notifications; one already there with the same (organization, person, key) is kept as it is. */
export async function insertNotifications(db: Q, rows: Insertable<NotifyTables['notifications']>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['organization_id', 'person_id', 'key']).doNothing())
    .execute();
}

/** A person's notifications, newest first. */
export const notificationsOf = (db: Q, orgId: number, personId: number, limit: number, offset: number) =>
  db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'text', 'link', 'student_id', 'created_at', 'read_at'])
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();

export async function notificationCount(db: Q, orgId: number, personId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The unread count, polled by every open page's header: compiled once (decision 029). */
const unread = compiledOnce((db, orgId: number, personId: number) =>
  db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null),
);
export async function unreadCount(db: Q, orgId: number, personId: number): Promise<number> {
  return Number((await unread(db, orgId, personId)).rows[0]?.n ?? 0);
}

/** Marks a person's notifications read (some by id, or all); the number marked. */
/** Marks a person's notifications read: these ids, all, or those leading to a page. */
export async function markRead(
  db: Q,
  orgId: number,
  personId: number,
  which: number[] | 'all' | { link: string },
  at: string,
): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null);
  if (Array.isArray(which)) q = q.where('id', 'in', which);
  else if (which !== 'all') q = q.where('link', '=', which.link);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function insertOptOut(db: Q, orgId: number, personId: number, kind: string, at: string): Promise<void> {
  await db
    .insertInto('email_optouts')
    .values({ organization_id: orgId, person_id: personId, kind, created_at: at })
    .onConflict((oc) => oc.columns(['organization_id', 'person_id', 'kind']).doNothing())
    .execute();
}

export async function deleteOptOut(db: Q, orgId: number, personId: number, kind: string): Promise<void> {
  await db
    .deleteFrom('email_optouts')
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .execute();
}

/** The organization's unsubscribe secret, made on first use (two processes racing keep the first one). */
export async function notifySecret(db: Q, orgId: number, fresh: string): Promise<string> {
  await db
    .insertInto('notify_secrets')
    .values({ organization_id: orgId, secret: fresh })
    .onConflict((oc) => oc.column('organization_id').doNothing())
    .execute();
  return (await db.selectFrom('notify_secrets').select('secret').where('organization_id', '=', orgId).executeTakeFirstOrThrow()).secret;
}

/** A person's name, for the unsubscribe page. */
export const personName = (db: Q, orgId: number, personId: number) =>
  db
    .selectFrom('persons')
    .select(['last_name', 'first_name', 'middle_name', 'email'])
    .where('organization_id', '=', orgId)
    .where('id', '=', personId)
    .executeTakeFirst();

export const organizationExists = async (db: Q, orgId: number) =>
  Boolean(await db.selectFrom('organizations').select('id').where('id', '=', orgId).executeTakeFirst());
