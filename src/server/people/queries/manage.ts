import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** What each person is in the college: staff roles, curated groups, a student record, guardian links. */
export async function rolesOfPersons(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return { staff: [], curators: [], students: [], links: [] };
  const [staff, curators, students, links] = await Promise.all([
    db
      .selectFrom('staff_roles')
      .select(['person_id', 'role'])
      .where('organization_id', '=', orgId)
      .where('person_id', 'in', personIds)
      .execute(),
    db
      .selectFrom('groups')
      .select('curator_person_id')
      .where('organization_id', '=', orgId)
      .where('status', '=', 'active')
      .where('curator_person_id', 'in', personIds)
      .execute(),
    db
      .selectFrom('students')
      .select(['id', 'person_id'])
      .where('organization_id', '=', orgId)
      .where('person_id', 'in', personIds)
      .execute(),
    db
      .selectFrom('guardian_links')
      .select(['guardian_person_id', 'student_id'])
      .where('organization_id', '=', orgId)
      .where('guardian_person_id', 'in', personIds)
      .execute(),
  ]);
  return { staff, curators: curators.map((c) => c.curator_person_id!), students, links };
}

/** Which of the students are in one of the groups on a date (by their dated memberships). */
export async function studentsInGroupsOn(
  db: Q,
  orgId: number,
  groupIds: number[],
  studentIds: number[],
  date: string,
): Promise<Set<number>> {
  if (!groupIds.length || !studentIds.length) return new Set();
  const rows = await db
    .selectFrom('group_memberships')
    .select('student_id')
    .distinct()
    .where('organization_id', '=', orgId)
    .where('group_id', 'in', groupIds)
    .where('student_id', 'in', studentIds)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
  return new Set(rows.map((r) => r.student_id));
}
