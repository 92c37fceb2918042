import { sql } from 'kysely';
import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The recorded lesson (issue: journal): its work types, homework files, and idempotent writes.
export async function up(db: MigrationDb): Promise<void> {
  // JSON array of work type codes done in the lesson (п. 3.13 «содержание и вид работы»).
  await db.schema.alterTable('lessons').addColumn('work_types', 'text').execute();

  // Homework files, kept in the database as base64 so a backup holds everything.
  await orgTable(db, 'lesson_files')
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lesson_files_lesson').on('lesson_files').column('lesson_id').execute();

  // A client-generated operation id: a write retried after a dropped connection is applied once.
  await db.schema.alterTable('mark_events').addColumn('op_id', 'text').execute();
  await db.schema.createIndex('mark_events_op').on('mark_events').columns(['organization_id', 'op_id']).unique().execute();

  // The correction request a change of a mark answers, and the event its approval wrote.
  await db.schema.alterTable('correction_requests').addColumn('mark_event_id', 'integer').execute();
  await db.schema.createIndex('correction_requests_lesson').on('correction_requests').columns(['lesson_id', 'student_id']).execute();
  // At most one absence mark per cell, even under concurrent writes.
  await db.schema
    .createIndex('marks_one_absence')
    .on('marks')
    .columns(['lesson_id', 'student_id'])
    .unique()
    .where(sql.ref('kind'), '=', 'absence')
    .execute();
  await db.schema.createIndex('absence_excuses_org').on('absence_excuses').columns(['organization_id', 'from_date']).execute();
}
