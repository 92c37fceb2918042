import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Notifications (issue 14): the outbox of e-mail and SMS written in the transaction of the change
// that causes it, drained by the delivery worker; in-app notifications; e-mail opt-outs.
// Nothing here is ever deleted: the outbox is also the delivery log (152-ФЗ).
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'outbox')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('student_id', 'integer', (c) => c.references('students.id'))
    .addColumn('sender_person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sms', 'text')
    .addColumn('link', 'text')
    .addColumn('attachments', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sending | sent | failed | skipped
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('outbox_idempotency', ['organization_id', 'person_id', 'channel', 'key'])
    .execute();
  // The worker's scan: due rows by status and time, across organizations.
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_log').on('outbox').columns(['organization_id', 'created_at']).execute();
  await db.schema.createIndex('outbox_person').on('outbox').columns(['organization_id', 'person_id', 'channel', 'sent_at']).execute();

  await orgTable(db, 'notifications')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('student_id', 'integer', (c) => c.references('students.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_idempotency', ['organization_id', 'person_id', 'key'])
    .execute();
  await db.schema.createIndex('notifications_person').on('notifications').columns(['organization_id', 'person_id', 'read_at']).execute();
  await db.schema
    .createIndex('notifications_person_time')
    .on('notifications')
    .columns(['organization_id', 'person_id', 'created_at'])
    .execute();

  await orgTable(db, 'email_optouts')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // a notice's kind, or '*' for every kind
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('email_optouts_unique', ['organization_id', 'person_id', 'kind'])
    .execute();

  await orgTable(db, 'notify_secrets')
    .addColumn('secret', 'text', (c) => c.notNull())
    .addUniqueConstraint('notify_secrets_org', ['organization_id'])
    .execute();
}
