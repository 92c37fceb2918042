import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Direct messages, a curator's messages to the guardians of a group, and events (issue 14 items 9–11,
// п. 2.11, 3.13). Nothing here is ever deleted: a withdrawn message keeps its text for the record
// (152-ФЗ: who sent what to whom, when).
export async function up(db: MigrationDb): Promise<void> {
  // A thread: `direct` between two people (one per pair, `pair_key` «min:max»), or `group`: a curator's
  // message to every guardian of a group, whose replies go to private direct threads (`parent_thread_id`).
  await orgTable(db, 'message_threads')
    .addColumn('kind', 'text', (c) => c.notNull()) // direct | group
    .addColumn('pair_key', 'text')
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('subject', 'text')
    .addColumn('created_by_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_id', 'integer')
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_threads_pair').on('message_threads').columns(['organization_id', 'pair_key']).unique().execute();

  // Who is in a thread and how far they have read it (the read receipt and the unread count).
  await orgTable(db, 'thread_members')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('message_threads.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('last_read_message_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('thread_members_one').on('thread_members').columns(['thread_id', 'person_id']).unique().execute();
  await db.schema.createIndex('thread_members_person').on('thread_members').columns(['organization_id', 'person_id']).execute();

  await orgTable(db, 'messages')
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('message_threads.id'))
    .addColumn('author_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('messages_thread').on('messages').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('messages_op').on('messages').columns(['organization_id', 'op_id']).unique().execute();

  await orgTable(db, 'message_files')
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_files_message').on('message_files').column('message_id').execute();

  // Events and announcements of the college (group_id null) or of a group (п. 3.13).
  await orgTable(db, 'events')
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('time', 'text')
    .addColumn('place', 'text')
    .addColumn('author_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('events_date').on('events').columns(['organization_id', 'date']).execute();
}
