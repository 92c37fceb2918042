import { sql } from 'kysely';
import type { Db } from '../platform/db.js';
import { lessonsJoined } from '../journal/queries.js';
import { assignmentInReach, type Reach } from '../platform/reach.js';

// SQL of the home pages' duty panels (issue 12 item 7).

/**
 * Absences (not lateness) in the lessons of a span held in reach, each with what decides who sees
 * it and whether it is excused: «б», «уп», or «н» under a справка not revoked (as the reports count).
 */
export const absencesBetween = (db: Db, orgId: number, from: string, to: string, reach: Reach) =>
  lessonsJoined(db, orgId)
    .innerJoin('marks as m', 'm.lesson_id', 'l.id')
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where('m.kind', '=', sql.lit('absence'))
    .where('m.value', 'in', ['н', 'б', 'уп'])
    .where(assignmentInReach(reach))
    .select([
      'm.student_id',
      'm.value',
      'm.hours',
      'l.id as lesson_id',
      'l.date',
      'l.pair_no',
      'l.teacher_person_id as lesson_teacher_person_id',
      'a.teacher_person_id',
      'a.group_id',
      'g.name as group_name',
      'g.sort_key as group_sort',
      'ci.commission_id',
      'ci.code as subject_code',
      'ci.name as subject_name',
      sql<number>`case when m.value = 'н' and not exists (
        select 1 from absence_excuses e where e.student_id = m.student_id and e.revoked_at is null and e.from_date <= l.date and l.date <= e.to_date)
        then 1 else 0 end`.as('unexcused'),
    ])
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();

export const groupsByIds = (db: Db, orgId: number, ids: number[]) =>
  db
    .selectFrom('groups')
    .select(['id', 'name', 'sort_key'])
    .where('organization_id', '=', orgId)
    .where('id', 'in', ids.length ? ids : [0])
    .execute();

/** The assignments of a term, of the given groups (null: all), with their subject. */
export const termAssignments = (db: Db, orgId: number, termId: number, groupIds: number[] | null) =>
  db
    .selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .select([
      'a.id',
      'a.group_id',
      'a.subgroup_id',
      'a.curriculum_item_id as subject_id',
      'ci.code',
      'ci.name',
      'g.name as group_name',
      'g.sort_key',
    ])
    .where('a.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .$if(groupIds !== null, (q) => q.where('a.group_id', 'in', groupIds!.length ? groupIds! : [0]))
    .execute();

/** Subgroup memberships that last to a date. */
export const subgroupMembershipsAt = (db: Db, orgId: number, date: string) =>
  db
    .selectFrom('subgroup_memberships')
    .select(['student_id', 'subgroup_id'])
    .where('organization_id', '=', orgId)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
