import { sql } from 'kysely';
import type { MigrationDb } from '../../platform/migrations/helpers.js';

// The performance report's absences (decision 048): a partial index of the absence marks that holds
// every column the report reads of them, so it walks the period's lessons and this index alone and
// never the marks table. Only an absence's write changes it; a grade's does not.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('marks_absence_hours')
    .on('marks')
    .columns(['lesson_id', 'student_id', 'organization_id', 'value', 'hours'])
    .where(sql.ref('kind'), '=', 'absence')
    .execute();
}
