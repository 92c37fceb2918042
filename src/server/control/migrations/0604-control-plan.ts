import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The plan of intra-college control (issue 12 item 8, п. 2.12): the year's lines — what is checked,
// where, when (a date, a period or a repeat) and by whom — and the occurrences marked done by hand.
// Occurrences fulfilled by a kept check (a signed weekly check, a term-check справка, a fill report)
// are derived when the plan is read and stored nowhere.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'control_plan_lines')
    .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('target_ids', 'text', (c) => c.notNull()) // JSON array of group, assignment or commission ids
    .addColumn('repeat', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('control_plan_lines_year')
    .on('control_plan_lines')
    .columns(['organization_id', 'academic_year_id'])
    .execute();

  await orgTable(db, 'control_plan_marks')
    .addColumn('line_id', 'integer', (c) => c.notNull().references('control_plan_lines.id').onDelete('cascade'))
    .addColumn('occurrence_from', 'text', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.references('generated_reports.id').onDelete('set null'))
    .addColumn('remark_id', 'integer', (c) => c.references('remarks.id').onDelete('set null'))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('marked_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('control_plan_marks_occurrence')
    .on('control_plan_marks')
    .columns(['line_id', 'occurrence_from'])
    .unique()
    .execute();
}
