import { withId, type MigrationDb } from '../../platform/migrations/helpers.js';

// Backups of the installation (issue 15, п. 3.3; decision 037): each backup made, where it went, and
// the schedule's lease so that of several processes one makes each slot.
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('backups'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('slot', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('schema_version', 'text')
    .addColumn('product_version', 'text', (c) => c.notNull())
    .addColumn('destinations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error', 'text')
    .addColumn('made_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('pruned_at', 'text')
    .execute();
  await db.schema.createIndex('backups_started').on('backups').columns(['started_at']).execute();

  await db.schema
    .createTable('backup_schedule')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_slot', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute();
  await db.insertInto('backup_schedule').values({ name: 'backup' }).execute();
}
