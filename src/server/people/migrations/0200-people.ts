import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// People and structure (issue: people): student movement, curators' contact changes and the
// personal-data view log (152-ФЗ).
export async function up(db: MigrationDb): Promise<void> {
  // Movement of a student (п. 3.4): every event has an effective date, an order and a reason;
  // group_memberships and subgroup_memberships are closed and opened in the same transaction.
  await orgTable(db, 'enrollment_events')
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // enrol transfer leave return expel reinstate graduate
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('from_group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('to_group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('to_subgroup_id', 'integer', (c) => c.references('subgroups.id').onDelete('set null'))
    .addColumn('order_no', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enrollment_events_student').on('enrollment_events').columns(['student_id', 'effective_date']).execute();
  await db.schema
    .createIndex('enrollment_events_org_date')
    .on('enrollment_events')
    .columns(['organization_id', 'effective_date'])
    .execute();

  // Contact changes by curators (п. 3.12): applied at once or awaiting the administrator.
  await orgTable(db, 'contact_changes')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.references('students.id').onDelete('cascade'))
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // applied pending approved rejected
    .addColumn('requested_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('contact_changes_org_status').on('contact_changes').columns(['organization_id', 'status']).execute();

  // Who opened whose card (152-ФЗ): read by the administrator.
  await orgTable(db, 'person_views')
    .addColumn('viewer_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_views_org_at').on('person_views').columns(['organization_id', 'at']).execute();
  await db.schema.createIndex('person_views_person').on('person_views').columns(['person_id', 'at']).execute();

  await db.schema.createIndex('persons_org_snils').on('persons').columns(['organization_id', 'snils']).execute();
  await db.schema.createIndex('group_memberships_org_open').on('group_memberships').columns(['organization_id', 'end_date']).execute();
  await db.schema.createIndex('subgroup_memberships_student').on('subgroup_memberships').column('student_id').execute();
}
