import { sql } from 'kysely';
import { isPg, orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The end-of-term check made by a scheduled job the day after the term ends (issue 12 item 9,
// decision 030): it has no user, so `made_by_user_id` may be empty and `made_by_job` names the job.
// SQLite cannot drop a NOT NULL in place: both tables are rebuilt and their rows copied.
export async function up(db: MigrationDb): Promise<void> {
  if (isPg(db)) {
    await sql`ALTER TABLE term_checks ALTER COLUMN made_by_user_id DROP NOT NULL`.execute(db);
    await db.schema.alterTable('term_checks').addColumn('made_by_job', 'text').execute();
  } else {
    await orgTable(db, 'term_checks_next')
      .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('made_by_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('made_by_job', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO term_checks_next (id, organization_id, term_id, title, made_by_user_id, created_at, data)
      SELECT id, organization_id, term_id, title, made_by_user_id, created_at, data FROM term_checks`.execute(db);
    // The new parts refer to the new checks (renaming the table renames the reference): dropping
    // the old checks then cascades to the old parts only.
    await orgTable(db, 'term_check_parts_next')
      .addColumn('term_check_id', 'integer', (c) => c.notNull().references('term_checks_next.id').onDelete('cascade'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .execute();
    await sql`INSERT INTO term_check_parts_next (id, organization_id, term_check_id, person_id, role, acknowledged_at)
      SELECT id, organization_id, term_check_id, person_id, role, acknowledged_at FROM term_check_parts`.execute(db);
    await db.schema.dropTable('term_check_parts').execute();
    await db.schema.dropTable('term_checks').execute();
    await db.schema.alterTable('term_checks_next').renameTo('term_checks').execute();
    await db.schema.alterTable('term_check_parts_next').renameTo('term_check_parts').execute();
    await db.schema.createIndex('term_checks_org_term').on('term_checks').columns(['organization_id', 'term_id']).execute();
    await db.schema.createIndex('term_check_parts_check').on('term_check_parts').column('term_check_id').execute();
    await db.schema.createIndex('term_check_parts_person').on('term_check_parts').columns(['organization_id', 'person_id']).execute();
  }
}
