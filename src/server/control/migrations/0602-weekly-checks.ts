import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The deputy director's sign-off of a weekly check (issue 12 item 3, п. 5.2): one per report.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'weekly_signoffs')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('generated_reports.id'))
    .addColumn('signed_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('weekly_signoffs_report').on('weekly_signoffs').columns(['organization_id', 'report_id']).unique().execute();
}
