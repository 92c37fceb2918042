import type { Db, Tx } from '../platform/db.js';
import { marksOfPeriod } from './period-report-queries.js';

type Q = Db | Tx;

/** Everyone a college tells of its students: guardians by link, students with an active login. */
export async function allSubscribers(db: Q, orgId: number) {
  const guardians = db
    .selectFrom('guardian_links as gl')
    .select(['gl.student_id', 'gl.guardian_person_id as person_id'])
    .select((eb) => eb.val('guardian').as('who'))
    .where('gl.organization_id', '=', orgId);
  const selves = db
    .selectFrom('students as s')
    .innerJoin('users as u', 'u.person_id', 's.person_id')
    .select(['s.id as student_id', 's.person_id'])
    .select((eb) => eb.val('student').as('who'))
    .where('s.organization_id', '=', orgId)
    .where('u.is_active', '=', 1);
  return (await guardians.union(selves).execute()) as { student_id: number; person_id: number; who: 'guardian' | 'student' }[];
}

/** Memberships in groups and subgroups overlapping a period. */
export async function membershipsBetween(db: Q, orgId: number, from: string, to: string) {
  const [groups, subgroups] = await Promise.all([
    db
      .selectFrom('group_memberships')
      .select(['student_id', 'group_id'])
      .where('organization_id', '=', orgId)
      .where('start_date', '<=', to)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
      .execute(),
    db
      .selectFrom('subgroup_memberships')
      .select(['student_id', 'subgroup_id'])
      .where('organization_id', '=', orgId)
      .where('start_date', '<=', to)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
      .execute(),
  ]);
  return { groups, subgroups };
}

/** The college's lessons of a period with their topic and homework. */
export async function lessonsBetween(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['l.date', 'l.topic', 'l.homework', 'a.group_id', 'a.subgroup_id', 'ci.name as subject'])
    .where('l.organization_id', '=', orgId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where('l.status', '!=', 'cancelled')
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();
}

/** The college's marks of a period. */
export const marksBetween = (db: Q, orgId: number, from: string, to: string) => marksOfPeriod(db, orgId, from, to).execute();

export async function allPrefs(db: Q, orgId: number) {
  return db
    .selectFrom('guardian_prefs')
    .select(['person_id', 'student_id', 'channel', 'grades', 'absences', 'absence_threshold', 'digest', 'term_grades'])
    .where('organization_id', '=', orgId)
    .execute();
}

export async function allStudentNames(db: Q, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId)
    .execute();
}

export async function allExcuses(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('absence_excuses')
    .select(['student_id', 'from_date as fromDate', 'to_date as toDate'])
    .where('organization_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
    .execute();
}
