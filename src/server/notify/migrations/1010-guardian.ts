import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// What guardians and students are told (issue 14 items 6–8, decision 032): their choices per child
// and channel, marks held a few minutes before they are told (a correction within them is told once,
// with its final value), absence episodes (each crossed once), and reports for a period.
export async function up(db: MigrationDb): Promise<void> {
  // A row per person, child and channel that differs from the defaults (domain/guardian-notices.ts).
  await orgTable(db, 'guardian_prefs')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms | app
    .addColumn('grades', 'text', (c) => c.notNull()) // all | twos | none
    .addColumn('absences', 'text', (c) => c.notNull()) // each | hours | days | none
    .addColumn('absence_threshold', 'integer', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('term_grades', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guardian_prefs_person')
    .on('guardian_prefs')
    .columns(['organization_id', 'person_id', 'student_id', 'channel'])
    .unique()
    .execute();
  await db.schema.createIndex('guardian_prefs_student').on('guardian_prefs').columns(['organization_id', 'student_id']).execute();

  // A mark written or changed, held until `due_at`; one row per mark while it waits.
  await orgTable(db, 'mark_notice_queue')
    .addColumn('mark_id', 'integer', (c) => c.notNull())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mark_notice_queue_mark').on('mark_notice_queue').column('mark_id').unique().execute();
  await db.schema.createIndex('mark_notice_queue_due').on('mark_notice_queue').column('due_at').execute();

  // An absence episode crossed: a run of days from its first day, or a month's unexcused hours.
  await orgTable(db, 'absence_episodes')
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // days | hours
    .addColumn('episode', 'text', (c) => c.notNull()) // first day of the run | the month
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seen_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('seen_at', 'text')
    .execute();
  await db.schema
    .createIndex('absence_episodes_key')
    .on('absence_episodes')
    .columns(['organization_id', 'student_id', 'kind', 'episode'])
    .unique()
    .execute();
  await db.schema
    .createIndex('absence_episodes_group')
    .on('absence_episodes')
    .columns(['organization_id', 'group_id', 'created_at'])
    .execute();

  // Reports of grades and attendance for a period (п. 3.12), once or on a schedule.
  await orgTable(db, 'period_report_orders')
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('recipient_person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('ordered_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('schedule', 'text', (c) => c.notNull()) // once | weekly | monthly
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('next_day', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema
    .createIndex('period_report_orders_recipient')
    .on('period_report_orders')
    .columns(['organization_id', 'recipient_person_id'])
    .execute();
  await db.schema
    .createIndex('period_report_orders_student')
    .on('period_report_orders')
    .columns(['organization_id', 'student_id'])
    .execute();

  await orgTable(db, 'period_reports')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('period_report_orders.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('recipient_person_id', 'integer', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('period_reports_order').on('period_reports').columns(['order_id', 'from_date']).unique().execute();
  await db.schema
    .createIndex('period_reports_recipient')
    .on('period_reports')
    .columns(['organization_id', 'recipient_person_id'])
    .execute();
}
