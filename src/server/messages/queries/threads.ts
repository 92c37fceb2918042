import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

// SQL of threads, their members, messages and files. Every statement filters by the organization.

export const threadById = (db: Q, orgId: number, id: number) =>
  db.selectFrom('message_threads').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const threadByPair = (db: Q, orgId: number, pairKey: string) =>
  db.selectFrom('message_threads').selectAll().where('organization_id', '=', orgId).where('pair_key', '=', pairKey).executeTakeFirst();

export const insertThread = (
  db: Q,
  v: {
    orgId: number;
    kind: 'direct' | 'group';
    pairKey: string | null;
    groupId: number | null;
    subject: string | null;
    by: number;
    at: string;
  },
) =>
  db
    .insertInto('message_threads')
    .values({
      organization_id: v.orgId,
      kind: v.kind,
      pair_key: v.pairKey,
      group_id: v.groupId,
      subject: v.subject,
      created_by_person_id: v.by,
      created_at: v.at,
      last_message_id: null,
      last_message_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

export const insertMembers = (db: Q, orgId: number, threadId: number, personIds: readonly number[]) =>
  personIds.length
    ? db
        .insertInto('thread_members')
        .values(personIds.map((p) => ({ organization_id: orgId, thread_id: threadId, person_id: p, read_at: null })))
        .execute()
    : Promise.resolve([]);

export const threadMembers = (db: Q, orgId: number, threadId: number) =>
  db
    .selectFrom('thread_members as tm')
    .innerJoin('persons as p', 'p.id', 'tm.person_id')
    .select(['tm.person_id', 'tm.last_read_message_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('tm.organization_id', '=', orgId)
    .where('tm.thread_id', '=', threadId)
    .execute();

export const membership = (db: Q, orgId: number, threadId: number, personId: number) =>
  db
    .selectFrom('thread_members')
    .select(['last_read_message_id'])
    .where('organization_id', '=', orgId)
    .where('thread_id', '=', threadId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const messageByOp = (db: Q, orgId: number, opId: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'thread_id', 'author_person_id'])
    .where('organization_id', '=', orgId)
    .where('op_id', '=', opId)
    .executeTakeFirst();

export async function insertMessage(
  db: Q,
  v: {
    orgId: number;
    threadId: number;
    personId: number;
    userId: number;
    text: string;
    searchText: string;
    opId: string | null;
    at: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('messages')
    .values({
      organization_id: v.orgId,
      thread_id: v.threadId,
      author_person_id: v.personId,
      author_user_id: v.userId,
      text: v.text,
      search_text: v.searchText,
      op_id: v.opId,
      created_at: v.at,
      withdrawn_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('message_threads')
    .set({ last_message_id: id, last_message_at: v.at })
    .where('organization_id', '=', v.orgId)
    .where('id', '=', v.threadId)
    .execute();
  return id;
}

export const insertFiles = (
  db: Q,
  orgId: number,
  messageId: number,
  files: { fileName: string; contentType: string; content: Buffer }[],
) =>
  files.length
    ? db
        .insertInto('message_files')
        .values(
          files.map((f) => ({
            organization_id: orgId,
            message_id: messageId,
            file_name: f.fileName,
            content_type: f.contentType,
            size: f.content.length,
            content_base64: f.content.toString('base64'),
          })),
        )
        .execute()
    : Promise.resolve([]);

/** Marks a thread read by a person up to a message (never back). */
export const markRead = (db: Q, orgId: number, threadId: number, personId: number, upTo: number, at: string) =>
  db
    .updateTable('thread_members')
    .set({ last_read_message_id: upTo, read_at: at })
    .where('organization_id', '=', orgId)
    .where('thread_id', '=', threadId)
    .where('person_id', '=', personId)
    .where('last_read_message_id', '<', upTo)
    .execute();

export const threadMessages = (db: Q, orgId: number, threadId: number, authorPersonId?: number) =>
  db
    .selectFrom('messages as m')
    .innerJoin('persons as p', 'p.id', 'm.author_person_id')
    .select(['m.id', 'm.author_person_id', 'm.text', 'm.created_at', 'm.withdrawn_at', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('m.organization_id', '=', orgId)
    .where('m.thread_id', '=', threadId)
    .$if(authorPersonId !== undefined, (q) => q.where('m.author_person_id', '=', authorPersonId!))
    .orderBy('m.id')
    .execute();

export const filesOfMessages = (db: Q, orgId: number, messageIds: readonly number[]) =>
  messageIds.length
    ? db
        .selectFrom('message_files')
        .select(['id', 'message_id', 'file_name', 'content_type', 'size'])
        .where('organization_id', '=', orgId)
        .where('message_id', 'in', messageIds)
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

export const messageFile = (db: Q, orgId: number, fileId: number) =>
  db
    .selectFrom('message_files as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .innerJoin('message_threads as t', 't.id', 'm.thread_id')
    .select([
      'f.file_name',
      'f.content_type',
      'f.content_base64',
      'm.thread_id',
      'm.author_person_id',
      'm.withdrawn_at',
      't.kind',
      't.created_by_person_id',
    ])
    .where('f.organization_id', '=', orgId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();

export const messageById = (db: Q, orgId: number, id: number) =>
  db.selectFrom('messages').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const withdrawMessage = (db: Q, orgId: number, id: number, at: string) =>
  db
    .updateTable('messages')
    .set({ withdrawn_at: at })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
    .then((r) => Number(r.numUpdatedRows) > 0);

/** Messages to a person not yet read by them (not their own, not withdrawn), per thread. */
const unreadOf = (db: Q, orgId: number, personId: number) =>
  db
    .selectFrom('thread_members as tm')
    .innerJoin('messages as m', (j) => j.onRef('m.thread_id', '=', 'tm.thread_id').onRef('m.id', '>', 'tm.last_read_message_id'))
    .where('tm.organization_id', '=', orgId)
    .where('tm.person_id', '=', personId)
    .where('m.author_person_id', '<>', personId)
    .where('m.withdrawn_at', 'is', null);

export const unreadCount = (db: Q, orgId: number, personId: number) =>
  unreadOf(db, orgId, personId)
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export const unreadByThread = (db: Q, orgId: number, personId: number) =>
  unreadOf(db, orgId, personId)
    .select(['tm.thread_id', (e) => e.fn.countAll<number>().as('n')])
    .groupBy('tm.thread_id')
    .execute();

/**
 * A person's threads, newest first, with the last message and the other member of a direct thread;
 * `key` finds threads by a message's text or the other member's name, `withPerson` by a member.
 */
export const myThreads = (db: Q, orgId: number, personId: number, o: { key?: string; withPerson?: number; limit: number }) =>
  db
    .selectFrom('thread_members as me')
    .innerJoin('message_threads as t', 't.id', 'me.thread_id')
    .leftJoin('messages as lm', 'lm.id', 't.last_message_id')
    .leftJoin('thread_members as other', (j) =>
      j.onRef('other.thread_id', '=', 't.id').on('other.person_id', '<>', personId).on('t.kind', '=', 'direct'),
    )
    .leftJoin('persons as op', 'op.id', 'other.person_id')
    .leftJoin('groups as g', 'g.id', 't.group_id')
    .select([
      't.id',
      't.kind',
      't.subject',
      't.created_by_person_id',
      't.last_message_at',
      'lm.text as last_text',
      'lm.withdrawn_at as last_withdrawn',
      'op.last_name',
      'op.first_name',
      'op.middle_name',
      'g.name as group_name',
    ])
    .where('me.organization_id', '=', orgId)
    .where('me.person_id', '=', personId)
    .$if(!!o.key, (q) =>
      q.where((w) =>
        w.or([
          w('op.sort_key', 'like', `%${o.key}%`),
          w.exists(
            w
              .selectFrom('messages as sm')
              .select(sql`1`.as('x'))
              .whereRef('sm.thread_id', '=', 't.id')
              .where('sm.withdrawn_at', 'is', null)
              .where('sm.search_text', 'like', `%${o.key}%`),
          ),
        ]),
      ),
    )
    .$if(o.withPerson !== undefined, (q) =>
      q.where((w) =>
        w.exists(
          w
            .selectFrom('thread_members as wp')
            .select(sql`1`.as('x'))
            .whereRef('wp.thread_id', '=', 't.id')
            .where('wp.person_id', '=', o.withPerson!),
        ),
      ),
    )
    .orderBy('t.last_message_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(o.limit)
    .execute();

/** The record of messages for the administrator (152-ФЗ), newest first. */
export const messageLog = (db: Q, orgId: number, o: { personId?: number; from?: string; to?: string; limit: number }) =>
  db
    .selectFrom('messages as m')
    .innerJoin('persons as p', 'p.id', 'm.author_person_id')
    .select([
      'm.id',
      'm.thread_id',
      'm.author_person_id',
      'm.text',
      'm.created_at',
      'm.withdrawn_at',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('m.organization_id', '=', orgId)
    .$if(!!o.from, (q) => q.where('m.created_at', '>=', o.from!))
    .$if(!!o.to, (q) => q.where('m.created_at', '<', o.to!))
    .$if(o.personId !== undefined, (q) =>
      q.where((w) =>
        w.or([
          w('m.author_person_id', '=', o.personId!),
          w.exists(
            w
              .selectFrom('thread_members as lm')
              .select(sql`1`.as('x'))
              .whereRef('lm.thread_id', '=', 'm.thread_id')
              .where('lm.person_id', '=', o.personId!),
          ),
        ]),
      ),
    )
    .orderBy('m.id', 'desc')
    .limit(o.limit)
    .execute();

/** The members of several threads with their names (the log's recipients). */
export const membersOfThreads = (db: Q, orgId: number, threadIds: readonly number[]) =>
  threadIds.length
    ? db
        .selectFrom('thread_members as tm')
        .innerJoin('persons as p', 'p.id', 'tm.person_id')
        .select(['tm.thread_id', 'tm.person_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
        .where('tm.organization_id', '=', orgId)
        .where('tm.thread_id', 'in', threadIds)
        .execute()
    : Promise.resolve([]);
