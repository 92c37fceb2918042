import type { MigrationDb } from '../../platform/migrations/helpers.js';

// Term grades (issue: journal, item 7). Each event of a term grade keeps whether it was set
// despite the objectivity check of п. 4.2 and what was missing then, so the deputy director
// sees every override even after the grade has changed.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('term_grade_events')
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('term_grade_events').addColumn('missing', 'text').execute();
  await db.schema.createIndex('term_grade_events_override').on('term_grade_events').columns(['organization_id', 'override']).execute();
  await db.schema.createIndex('term_grades_assignment').on('term_grades').columns(['assignment_id', 'kind']).execute();
  await db.schema.createIndex('term_grades_student').on('term_grades').column('student_id').execute();
}
