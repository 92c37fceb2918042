import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The lesson's text (topic, work done, homework) saves in the background like the marks: each
// save is an event with the client's operation id, so a save retried after a lost answer is
// applied once, and the text keeps its history.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'lesson_text_events')
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    /** The lesson's version this save produced. */
    .addColumn('version', 'integer', (c) => c.notNull())
    /** JSON of the fields this save changed: { field: [old, new] }. */
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lesson_text_events_op').on('lesson_text_events').columns(['organization_id', 'op_id']).unique().execute();
  await db.schema.createIndex('lesson_text_events_lesson').on('lesson_text_events').columns(['lesson_id', 'id']).execute();
}
