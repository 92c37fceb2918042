import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Bells, the weekly timetable and its one-date changes (issue: timetable, п. 3.11, 3.13, 5.3).
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'bell_schedules')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await orgTable(db, 'bell_periods')
    .addColumn('bell_schedule_id', 'integer', (c) => c.notNull().references('bell_schedules.id').onDelete('cascade'))
    .addColumn('pair_no', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull()) // 'HH:MM'
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bell_periods_pair', ['bell_schedule_id', 'pair_no'])
    .execute();

  // A date that runs on another schedule (a shortened day).
  await orgTable(db, 'bell_days')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('bell_schedule_id', 'integer', (c) => c.notNull().references('bell_schedules.id').onDelete('cascade'))
    .addUniqueConstraint('bell_days_date', ['organization_id', 'date'])
    .execute();

  await orgTable(db, 'timetable_entries')
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('subgroup_id', 'integer', (c) => c.references('subgroups.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull()) // 1 = Monday … 6 = Saturday
    .addColumn('pair_no', 'integer', (c) => c.notNull())
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
    .addColumn('teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('room', 'text')
    .addColumn('parity', 'text', (c) => c.notNull().defaultTo('all')) // all | odd (числитель) | even (знаменатель)
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timetable_entries_term').on('timetable_entries').columns(['organization_id', 'term_id']).execute();
  await db.schema.createIndex('timetable_entries_group').on('timetable_entries').columns(['group_id', 'valid_from']).execute();
  await db.schema.createIndex('timetable_entries_teacher').on('timetable_entries').columns(['teacher_person_id']).execute();

  // One date of one entry: cancelled, moved, another subject, or another teacher.
  await orgTable(db, 'timetable_changes')
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('timetable_entries.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // cancel | move | replace | substitute
    .addColumn('to_date', 'text')
    .addColumn('to_pair_no', 'integer')
    .addColumn('room', 'text')
    .addColumn('assignment_id', 'integer', (c) => c.references('assignments.id'))
    .addColumn('teacher_person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('reason', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('timetable_changes_slot', ['entry_id', 'date'])
    .execute();
  await db.schema.createIndex('timetable_changes_org_date').on('timetable_changes').columns(['organization_id', 'date']).execute();

  // Lessons remember the slot they were generated from; a lesson with records whose slot is
  // gone is kept and marked detached (slot_date cleared) instead of being deleted.
  await db.schema.alterTable('lessons').addColumn('timetable_entry_id', 'integer').execute();
  await db.schema.alterTable('lessons').addColumn('slot_date', 'text').execute();
  await db.schema.alterTable('lessons').addColumn('change_id', 'integer').execute();
  await db.schema
    .alterTable('lessons')
    .addColumn('detached', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('lessons_slot').on('lessons').columns(['timetable_entry_id', 'slot_date']).unique().execute();
  await db.schema.createIndex('lessons_org_slot_date').on('lessons').columns(['organization_id', 'slot_date']).execute();
}
