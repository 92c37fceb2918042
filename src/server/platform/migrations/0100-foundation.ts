import { orgTable, withId, type MigrationDb } from './helpers.js';

// The core of the data model (issue: foundation). Every table carries organization_id.
// Timestamps are ISO-8601 UTC text, calendar dates are 'YYYY-MM-DD' text, booleans are 0/1.
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('organizations'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await orgTable(db, 'academic_years')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addUniqueConstraint('academic_years_org_name', ['organization_id', 'name'])
    .execute();

  await orgTable(db, 'terms')
    .addColumn('academic_year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addUniqueConstraint('terms_year_number', ['academic_year_id', 'number'])
    .execute();

  await orgTable(db, 'persons')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('gender', 'text')
    .addColumn('snils', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_org_sort').on('persons').columns(['organization_id', 'sort_key']).execute();

  await orgTable(db, 'users')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text')
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('users_person').on('users').column('person_id').execute();

  await orgTable(db, 'departments')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('head_person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .execute();

  await orgTable(db, 'programs')
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('qualification', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('specialty'))
    .addColumn('duration_terms', 'integer', (c) => c.notNull().defaultTo(8))
    .addUniqueConstraint('programs_org_code', ['organization_id', 'code'])
    .execute();

  await orgTable(db, 'subject_commissions')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('chair_person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .execute();

  // Staff roles (administrator, director, deputy, methodist, chair, specialist, teacher, observer).
  // Curator, student and guardian follow from groups, students and guardian links.
  await orgTable(db, 'staff_roles')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('commission_id', 'integer', (c) => c.references('subject_commissions.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .execute();
  await db.schema.createIndex('staff_roles_person').on('staff_roles').column('person_id').execute();

  await orgTable(db, 'groups')
    .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intake_year', 'integer', (c) => c.notNull())
    .addColumn('course', 'integer', (c) => c.notNull())
    .addColumn('curator_person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_curator').on('groups').column('curator_person_id').execute();

  await orgTable(db, 'subgroups')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await orgTable(db, 'students')
    .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('persons.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('record_book_no', 'text')
    .execute();

  // Membership over time: a student is in a group's lists only between start_date and end_date.
  await orgTable(db, 'group_memberships')
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .execute();
  await db.schema.createIndex('group_memberships_group').on('group_memberships').columns(['group_id', 'start_date']).execute();
  await db.schema.createIndex('group_memberships_student').on('group_memberships').column('student_id').execute();

  await orgTable(db, 'subgroup_memberships')
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('subgroup_id', 'integer', (c) => c.notNull().references('subgroups.id').onDelete('cascade'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .execute();
  await db.schema.createIndex('subgroup_memberships_subgroup').on('subgroup_memberships').column('subgroup_id').execute();

  await orgTable(db, 'guardian_links')
    .addColumn('guardian_person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull().defaultTo('parent'))
    .addUniqueConstraint('guardian_links_pair', ['guardian_person_id', 'student_id'])
    .execute();
  await db.schema.createIndex('guardian_links_student').on('guardian_links').column('student_id').execute();

  // The skeleton the curriculum, timetable and journal areas build on.
  await orgTable(db, 'curricula')
    .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
    .addColumn('intake_year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .execute();

  await orgTable(db, 'curriculum_items')
    .addColumn('curriculum_id', 'integer', (c) => c.notNull().references('curricula.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('curriculum_items.id').onDelete('cascade'))
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('discipline'))
    .addColumn('commission_id', 'integer', (c) => c.references('subject_commissions.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('curriculum_items_curriculum').on('curriculum_items').column('curriculum_id').execute();

  await orgTable(db, 'assignments')
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('subgroup_id', 'integer', (c) => c.references('subgroups.id'))
    .addColumn('curriculum_item_id', 'integer', (c) => c.notNull().references('curriculum_items.id'))
    .addColumn('teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('hours', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('assignments_teacher').on('assignments').columns(['teacher_person_id', 'term_id']).execute();
  await db.schema.createIndex('assignments_group').on('assignments').columns(['group_id', 'term_id']).execute();

  // A concrete class on a date: the row a journal is kept in.
  await orgTable(db, 'lessons')
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('pair_no', 'integer')
    .addColumn('hours', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('planned_teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('teacher_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('room', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('timetable'))
    .addColumn('unscheduled_reason', 'text')
    .addColumn('topic', 'text')
    .addColumn('work_done', 'text')
    .addColumn('homework', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('recorded_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_assignment_date').on('lessons').columns(['assignment_id', 'date']).execute();
  await db.schema.createIndex('lessons_teacher_date').on('lessons').columns(['teacher_person_id', 'date']).execute();
  await db.schema.createIndex('lessons_org_date').on('lessons').columns(['organization_id', 'date']).execute();

  // Sessions, login throttling and the audit log.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('login_attempts'))
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('success', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_login_at').on('login_attempts').columns(['login', 'at']).execute();
  await db.schema.createIndex('login_attempts_ip_at').on('login_attempts').columns(['ip', 'at']).execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('ip', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_org_at').on('audit_log').columns(['organization_id', 'at']).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}
