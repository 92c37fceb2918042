import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The journal (issue: journal). Marks are append-only events; `marks` holds the current value
// derived from them, written in the same transaction (п. 3.13 «накапливаемость оценок»).
export async function up(db: MigrationDb): Promise<void> {
  // Current marks of a cell (lesson × student): any number of grades, at most one absence.
  await orgTable(db, 'marks')
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'grade' | 'absence'
    .addColumn('value', 'text', (c) => c.notNull()) // 5 4 3 2 зач незач | н б уп оп
    .addColumn('work_type', 'text') // grades: устный ответ, контрольная … (code)
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('hours', 'integer') // absences: academic hours missed
    .addColumn('comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('marks_lesson_student').on('marks').columns(['lesson_id', 'student_id']).execute();
  await db.schema.createIndex('marks_student').on('marks').columns(['student_id', 'lesson_id']).execute();

  // Every change of a mark: who, when, old → new, why, and through which correction request.
  await orgTable(db, 'mark_events')
    .addColumn('mark_id', 'integer', (c) => c.notNull())
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // 'create' | 'update' | 'delete'
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('old_work_type', 'text')
    .addColumn('new_work_type', 'text')
    .addColumn('old_weight', 'real')
    .addColumn('new_weight', 'real')
    .addColumn('reason', 'text')
    .addColumn('correction_request_id', 'integer')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mark_events_cell').on('mark_events').columns(['lesson_id', 'student_id']).execute();
  await db.schema.createIndex('mark_events_mark').on('mark_events').column('mark_id').execute();

  // A curator excuses «н» for a range of dates with a document; the teacher's mark is kept.
  await orgTable(db, 'absence_excuses')
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('document', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('absence_excuses_student').on('absence_excuses').columns(['student_id', 'from_date']).execute();

  // A late change: what, old → new, why; only an approval changes the record (п. 3.13).
  await orgTable(db, 'correction_requests')
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('mark_id', 'integer') // null: a new mark is asked for
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text') // null: removal
    .addColumn('new_work_type', 'text')
    .addColumn('new_weight', 'real')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')) // pending | approved | rejected
    .addColumn('requested_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .execute();
  await db.schema.createIndex('correction_requests_status').on('correction_requests').columns(['organization_id', 'status']).execute();

  // Term, exam and final grades per student × assignment (п. 2.2, 4.1–4.2).
  await orgTable(db, 'term_grades')
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'term' | 'exam' | 'final'
    .addColumn('value', 'text', (c) => c.notNull()) // 5 4 3 2 | зачтено не зачтено | н/а | осв.
    .addColumn('override_reason', 'text') // set despite a failed objectivity check
    .addColumn('missing', 'text') // JSON: what the objectivity check found missing
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('set_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('term_grades_cell', ['assignment_id', 'student_id', 'kind'])
    .execute();

  await orgTable(db, 'term_grade_events')
    .addColumn('term_grade_id', 'integer', (c) => c.notNull())
    .addColumn('assignment_id', 'integer', (c) => c.notNull())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('term_grade_events_cell').on('term_grade_events').columns(['assignment_id', 'student_id']).execute();
}
