import type { MigrationDb } from '../../platform/migrations/helpers.js';

// The student's and guardian's view reads one student's marks and their history across lessons.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('mark_events_student').on('mark_events').columns(['student_id', 'lesson_id']).execute();
}
