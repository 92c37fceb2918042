import { bumpRightsStampOn } from '../../platform/migrations/0900-rights-stamp.js';
import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// State final attestation and module exams (issue 16, decision 034): the demo exam, the thesis and
// the module exam of each student, every change of them kept as an event, and the secretaries of
// the state examination commission (ГЭК) appointed per group.
export async function up(db: MigrationDb): Promise<void> {
  const record = (name: string) =>
    orgTable(db, name)
      .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'));
  const stamp = (t: ReturnType<typeof record>) =>
    t
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('set_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('set_at', 'text', (c) => c.notNull());

  await stamp(
    record('gia_demo_exams')
      .addColumn('exam_date', 'text', (c) => c.notNull())
      .addColumn('competence', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull()) // base | profile
      .addColumn('points_x100', 'integer', (c) => c.notNull()) // hundredths of a point
      .addColumn('max_points', 'integer', (c) => c.notNull())
      .addColumn('modules', 'text') // JSON of DemoExamModule[] or null
      .addColumn('grade', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('gia_demo_exams_student')
    .on('gia_demo_exams')
    .columns(['organization_id', 'academic_year_id', 'student_id'])
    .unique()
    .execute();
  await db.schema.createIndex('gia_demo_exams_group').on('gia_demo_exams').columns(['group_id', 'academic_year_id']).execute();

  await stamp(
    record('gia_theses')
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('supervisor', 'text')
      .addColumn('reviewer', 'text')
      .addColumn('admission', 'text') // admitted | not_admitted | null (not decided yet)
      .addColumn('defense_date', 'text')
      .addColumn('grade', 'text'),
  ).execute();
  await db.schema
    .createIndex('gia_theses_student')
    .on('gia_theses')
    .columns(['organization_id', 'academic_year_id', 'student_id'])
    .unique()
    .execute();
  await db.schema.createIndex('gia_theses_group').on('gia_theses').columns(['group_id', 'academic_year_id']).execute();

  await stamp(
    record('gia_module_exams')
      .addColumn('curriculum_item_id', 'integer', (c) => c.notNull().references('curriculum_items.id'))
      .addColumn('exam_date', 'text')
      .addColumn('mastered', 'integer', (c) => c.notNull())
      .addColumn('grade', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('gia_module_exams_student')
    .on('gia_module_exams')
    .columns(['organization_id', 'academic_year_id', 'student_id', 'curriculum_item_id'])
    .unique()
    .execute();
  await db.schema.createIndex('gia_module_exams_group').on('gia_module_exams').columns(['group_id', 'academic_year_id']).execute();

  await orgTable(db, 'gia_events')
    .addColumn('record_kind', 'text', (c) => c.notNull()) // demo | thesis | module
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('academic_year_id', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('before', 'text') // JSON of the record before, null when new
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gia_events_group').on('gia_events').columns(['organization_id', 'group_id', 'academic_year_id']).execute();
  await db.schema.createIndex('gia_events_student').on('gia_events').columns(['organization_id', 'student_id']).execute();

  await orgTable(db, 'gia_secretaries')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('appointed_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('appointed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gia_secretaries_group_person')
    .on('gia_secretaries')
    .columns(['organization_id', 'group_id', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('gia_secretaries_person').on('gia_secretaries').columns(['organization_id', 'person_id']).execute();
  // A secretary writes the group's records: an appointment changes rights (decision 029).
  await bumpRightsStampOn(db, 'gia_secretaries', 'all');
}
