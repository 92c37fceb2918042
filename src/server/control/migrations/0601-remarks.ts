import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Remarks on keeping the journal (issue 12, п. 3.11, 5.4): on a journal, a lesson or a teacher,
// with a due date, and every step of each kept.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'remarks')
    .addColumn('target_kind', 'text', (c) => c.notNull()) // journal | lesson | teacher
    .addColumn('assignment_id', 'integer', (c) => c.references('assignments.id'))
    .addColumn('lesson_id', 'integer', (c) => c.references('lessons.id'))
    .addColumn('teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('commission_id', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | fixed | confirmed
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remarks_org_status').on('remarks').columns(['organization_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('remarks_teacher').on('remarks').columns(['organization_id', 'teacher_person_id']).execute();

  await orgTable(db, 'remark_events')
    .addColumn('remark_id', 'integer', (c) => c.notNull().references('remarks.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull()) // create | fix | confirm | reopen
    .addColumn('comment', 'text')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remark_events_remark').on('remark_events').column('remark_id').execute();
}
