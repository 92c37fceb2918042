import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The end-of-term check (issue 12, п. 5.3, 5.4): the report to the director, kept, and each
// teacher's and curator's part with the time they acknowledged it («ознакомлен»).
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'term_checks')
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('made_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('term_checks_org_term').on('term_checks').columns(['organization_id', 'term_id']).execute();

  await orgTable(db, 'term_check_parts')
    .addColumn('term_check_id', 'integer', (c) => c.notNull().references('term_checks.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // teacher | curator
    .addColumn('acknowledged_at', 'text')
    .execute();
  await db.schema.createIndex('term_check_parts_check').on('term_check_parts').column('term_check_id').execute();
  await db.schema.createIndex('term_check_parts_person').on('term_check_parts').columns(['organization_id', 'person_id']).execute();
}
