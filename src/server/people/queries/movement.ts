import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { DB } from '../../platform/schema.js';
import type { StudentStatus } from '../../../domain/people.js';

type Q = Db | Tx;
type Membership = 'group_memberships' | 'subgroup_memberships';

// Dated memberships in groups and subgroups, enrolment events: the rows a movement writes (п. 3.4).

export async function studentWithName(db: Q, orgId: number, studentId: number) {
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 's.status', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId)
    .where('s.id', '=', studentId)
    .executeTakeFirst();
}

export async function lastEnrollmentDate(db: Q, orgId: number, studentId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('enrollment_events')
    .select('effective_date')
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .orderBy('effective_date', 'desc')
    .executeTakeFirst();
  return r?.effective_date;
}

export async function openGroupMemberships(db: Q, orgId: number, studentId: number) {
  return db
    .selectFrom('group_memberships')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .where('end_date', 'is', null)
    .execute();
}

export async function openSubgroupMemberships(db: Q, orgId: number, by: { studentId: number } | { subgroupId: number }) {
  return db
    .selectFrom('subgroup_memberships')
    .selectAll()
    .where('organization_id', '=', orgId)
    .$if('studentId' in by, (q) => q.where('student_id', '=', (by as { studentId: number }).studentId))
    .$if('subgroupId' in by, (q) => q.where('subgroup_id', '=', (by as { subgroupId: number }).subgroupId))
    .where('end_date', 'is', null)
    .execute();
}

/** The students in a group now. */
export async function currentMemberIds(db: Q, orgId: number, groupId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('group_memberships')
    .select('student_id')
    .where('organization_id', '=', orgId)
    .where('group_id', '=', groupId)
    .where('end_date', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

export async function groupOf(db: Q, orgId: number, groupId: number) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'status'])
    .where('organization_id', '=', orgId)
    .where('id', '=', groupId)
    .executeTakeFirst();
}

export async function subgroupOf(db: Q, orgId: number, subgroupId: number, groupId?: number) {
  return db
    .selectFrom('subgroups')
    .select(['id', 'group_id', 'name'])
    .where('organization_id', '=', orgId)
    .where('id', '=', subgroupId)
    .$if(groupId !== undefined, (q) => q.where('group_id', '=', groupId!))
    .executeTakeFirst();
}

/** A membership that starts on or after the date was never used: dropped instead of left as an empty span. */
export async function endMembership(
  db: Q,
  table: Membership,
  orgId: number,
  m: { id: number; start_date: string },
  date: string,
  dayBefore: string,
) {
  if (m.start_date >= date) await db.deleteFrom(table).where('organization_id', '=', orgId).where('id', '=', m.id).execute();
  else await db.updateTable(table).set({ end_date: dayBefore }).where('organization_id', '=', orgId).where('id', '=', m.id).execute();
}

export async function insertGroupMembership(db: Q, orgId: number, studentId: number, groupId: number, from: string) {
  await db
    .insertInto('group_memberships')
    .values({ organization_id: orgId, student_id: studentId, group_id: groupId, start_date: from, end_date: null })
    .execute();
}

export async function insertSubgroupMemberships(db: Q, orgId: number, subgroupId: number, studentIds: number[], from: string) {
  if (!studentIds.length) return;
  await db
    .insertInto('subgroup_memberships')
    .values(studentIds.map((id) => ({ organization_id: orgId, student_id: id, subgroup_id: subgroupId, start_date: from, end_date: null })))
    .execute();
}

export async function setStudentStatus(db: Q, orgId: number, studentId: number, status: StudentStatus) {
  await db.updateTable('students').set({ status }).where('organization_id', '=', orgId).where('id', '=', studentId).execute();
}

export type EnrollmentEvent = Omit<Insertable<DB['enrollment_events']>, 'id' | 'organization_id'>;

export async function insertEnrollmentEvent(db: Q, orgId: number, e: EnrollmentEvent): Promise<number> {
  const r = await db
    .insertInto('enrollment_events')
    .values({ organization_id: orgId, ...e })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
