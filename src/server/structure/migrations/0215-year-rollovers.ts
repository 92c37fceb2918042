import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// A year rollover (п. 3.2) as one record: what it changed, so that it can be undone until the
// first mark of the new year (decision 015).
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'year_rollovers')
    .addColumn('from_year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
    .addColumn('new_year_id', 'integer', (c) => c.references('academic_years.id').onDelete('set null'))
    .addColumn('new_year_name', 'text', (c) => c.notNull())
    .addColumn('new_year_start', 'text', (c) => c.notNull())
    .addColumn('created_year', 'integer', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('order_no', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull()) // JSON: groups promoted and graduated, each graduate's memberships and event
    .addColumn('status', 'text', (c) => c.notNull()) // done undone
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('undone_at', 'text')
    .addColumn('undo_reason', 'text')
    .execute();
  await db.schema.createIndex('year_rollovers_org').on('year_rollovers').columns(['organization_id', 'created_at']).execute();
}
