import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Control (issue 12): scheduled jobs with their lease and last run (decision 021), and the
// reports they or a person made.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'scheduled_jobs')
    .addColumn('name', 'text', (c) => c.notNull())
    // The local date of the last occurrence that ran (e.g. the Monday of a weekly job).
    .addColumn('last_slot', 'text')
    .addColumn('last_run_at', 'text')
    .addColumn('last_error', 'text')
    // Which process holds the job now, and until when (ISO UTC): an expired lease may be taken.
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute();
  await db.schema.createIndex('scheduled_jobs_name').on('scheduled_jobs').columns(['organization_id', 'name']).unique().execute();

  await orgTable(db, 'generated_reports')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('made_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('made_by_job', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('generated_reports_kind')
    .on('generated_reports')
    .columns(['organization_id', 'kind', 'created_at'])
    .execute();
}
