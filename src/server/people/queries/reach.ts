import { sql, type Db, type Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** What each person is in the college: staff roles, curated groups, a student record, guardian links. */
export async function rolesOfPersons(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return { staff: [], curators: [], students: [], links: [] };
  const [staff, curators, students, links] = await Promise.all([
    db.selectFrom('staff_roles').select(['person_id', 'role']).where('organization_id', '=', orgId).where('person_id', 'in', personIds).execute(),
    db.selectFrom('groups').select('curator_person_id').where('organization_id', '=', orgId).where('status', '=', 'active')
      .where('curator_person_id', 'in', personIds).execute(),
    db.selectFrom('students').select(['id', 'person_id']).where('organization_id', '=', orgId).where('person_id', 'in', personIds).execute(),
    db.selectFrom('guardian_links').select(['guardian_person_id', 'student_id']).where('organization_id', '=', orgId)
      .where('guardian_person_id', 'in', personIds).execute(),
  ]);
  return { staff, curators: curators.map((c) => c.curator_person_id!), students, links };
}

/** Which of the students are in one of the groups on a date (by their dated memberships). */
export async function studentsInGroupsOn(db: Q, orgId: number, groupIds: number[], studentIds: number[], date: string): Promise<Set<number>> {
  if (!groupIds.length || !studentIds.length) return new Set();
  const rows = await db.selectFrom('group_memberships').select('student_id').distinct()
    .where('organization_id', '=', orgId).where('group_id', 'in', groupIds).where('student_id', 'in', studentIds)
    .where('start_date', '<=', date).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

/** The groups a teacher teaches (has an assignment in). */
export async function taughtGroupIds(db: Q, orgId: number, teacherPersonId: number): Promise<number[]> {
  const rows = await db.selectFrom('assignments').select('group_id').distinct()
    .where('organization_id', '=', orgId).where('teacher_person_id', '=', teacherPersonId).execute();
  return rows.map((r) => r.group_id);
}

export async function teachesGroup(db: Q, orgId: number, teacherPersonId: number, groupId: number): Promise<boolean> {
  return !!(await db.selectFrom('assignments').select('id').where('organization_id', '=', orgId)
    .where('group_id', '=', groupId).where('teacher_person_id', '=', teacherPersonId).executeTakeFirst());
}

/** The students a caller may see: all of the organization, or those of some groups and some ids. */
export type StudentScope = { all: true } | { all: false; groupIds: number[]; studentIds: number[] };

/**
 * SQL condition on a student id column: the student is within the scope — in a scoped group at
 * any time (a card: their history stays readable), or only now (`current`, for lists).
 */
export function inScope(sc: StudentScope, column: string, opts: { current?: boolean } = {}) {
  if (sc.all) return sql<boolean>`1 = 1`;
  const parts = [];
  if (sc.studentIds.length) parts.push(sql`${sql.ref(column)} in (${sql.join(sc.studentIds)})`);
  if (sc.groupIds.length) {
    const now = opts.current ? sql` and scope_gm.end_date is null` : sql``;
    parts.push(sql`exists (select 1 from group_memberships scope_gm where scope_gm.student_id = ${sql.ref(column)} and scope_gm.group_id in (${sql.join(sc.groupIds)})${now})`);
  }
  if (!parts.length) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
