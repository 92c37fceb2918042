import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The year-end archive (issue 13, п. 5.5; decision 028): who closed a year and when; background
// batches (a lease as the scheduler's, progress in steps); the files a batch made, kept in the
// database in chunks so that every process of a region reads them and none holds one whole.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('academic_years').addColumn('closed_at', 'text').execute();
  await db.schema
    .alterTable('academic_years')
    .addColumn('closed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await orgTable(db, 'batches')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull()) // JSON, as the kind reads it
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued running done failed
    .addColumn('total_steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('batches_status').on('batches').columns(['status', 'lease_until']).execute();
  await db.schema.createIndex('batches_org').on('batches').columns(['organization_id', 'kind', 'created_at']).execute();

  await orgTable(db, 'batch_files')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id').onDelete('cascade'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('batch_files_batch').on('batch_files').columns(['batch_id', 'step']).execute();

  await orgTable(db, 'batch_file_chunks')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('batch_files.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data_base64', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('batch_file_chunks_file').on('batch_file_chunks').columns(['file_id', 'seq']).unique().execute();
}
