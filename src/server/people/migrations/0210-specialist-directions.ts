import { sql } from 'kysely';
import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// A specialist's direction of work (п. 2.6): the groups and the students whose journals,
// absences and cards they read. One row names either a group or a student.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'specialist_directions')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.references('students.id').onDelete('cascade'))
    .addCheckConstraint('specialist_directions_one_target', sql`(group_id is null) <> (student_id is null)`)
    .execute();
  await db.schema
    .createIndex('specialist_directions_person')
    .on('specialist_directions')
    .columns(['organization_id', 'person_id'])
    .execute();
}
