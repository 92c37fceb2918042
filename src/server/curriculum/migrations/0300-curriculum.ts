import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Curriculum hours per term, lesson plans (КТП) and their lines (issue: curriculum).
export async function up(db: MigrationDb): Promise<void> {
  // Hours of a curriculum item in one term of the program (term_no 1..8) by kind, and the
  // attestation form of that term (Э, ДЗ, З, КР, КП, Эк, ДЭ or none).
  await orgTable(db, 'curriculum_item_terms')
    .addColumn('curriculum_item_id', 'integer', (c) => c.notNull().references('curriculum_items.id').onDelete('cascade'))
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('theory_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('practical_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('laboratory_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('course_project_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('practice_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('self_study_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consultation_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exam_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attestation_form', 'text')
    .addUniqueConstraint('curriculum_item_terms_item_term', ['curriculum_item_id', 'term_no'])
    .execute();

  await db.schema.createIndex('curricula_program').on('curricula').columns(['organization_id', 'program_id', 'intake_year']).execute();
  await db.schema.createIndex('assignments_item').on('assignments').column('curriculum_item_id').execute();

  // A КТП: the shared base of a subject (group_id null, п. 2.4) or a group's (subgroup's) copy.
  await orgTable(db, 'lesson_plans')
    .addColumn('curriculum_item_id', 'integer', (c) => c.notNull().references('curriculum_items.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('subgroup_id', 'integer', (c) => c.references('subgroups.id').onDelete('cascade'))
    .addColumn('based_on_plan_id', 'integer', (c) => c.references('lesson_plans.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | submitted | approved | returned
    .addColumn('remarks', 'text')
    .addColumn('author_person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lesson_plans_item').on('lesson_plans').columns(['curriculum_item_id', 'group_id']).execute();
  await db.schema.createIndex('lesson_plans_org_status').on('lesson_plans').columns(['organization_id', 'status']).execute();

  await orgTable(db, 'lesson_plan_items')
    .addColumn('lesson_plan_id', 'integer', (c) => c.notNull().references('lesson_plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('lesson_type', 'text', (c) => c.notNull())
    .addColumn('self_study_task', 'text')
    .addColumn('self_study_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('lesson_plan_items_plan').on('lesson_plan_items').columns(['lesson_plan_id', 'position']).execute();
}
