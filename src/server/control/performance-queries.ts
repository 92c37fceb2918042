import { sql } from 'kysely';
import type { Db } from '../platform/db.js';
import { assignmentInReach, type Reach } from '../platform/reach.js';
import { assignmentsJoined } from '../curriculum/queries.js';

// SQL of the performance reports (п. 2.8, 6.2). `ids` narrows to the assignments the caller
// reaches; null means the whole college.

/** Terms of the college in order, with their year. */
export function allTerms(db: Db, orgId: number) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 't.academic_year_id as year_id', 'y.name as year_name'])
    .where('t.organization_id', '=', orgId)
    .orderBy('t.start_date')
    .execute();
}

export async function orgSettings(db: Db, orgId: number) {
  const r = await db.selectFrom('organizations').select(['name', 'settings']).where('id', '=', orgId).executeTakeFirstOrThrow();
  return r;
}

/** Assignments of the terms within reach (platform/reach), or of one group. */
export async function reachedAssignmentIds(db: Db, orgId: number, termIds: number[], r: Reach | { groupId: number }) {
  if (!termIds.length) return [];
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select('a.id')
    .where('a.organization_id', '=', orgId)
    .where('a.term_id', 'in', termIds)
    .where('groupId' in r ? sql<boolean>`a.group_id = ${r.groupId}` : assignmentInReach(r))
    .execute();
  return rows.map((x) => x.id);
}

/** Attestation results (term, exam, final grades) of the terms' assignments. */
export function termResults(db: Db, orgId: number, termIds: number[], ids: number[] | null) {
  return db
    .selectFrom('term_grades as tg')
    .innerJoin('assignments as a', 'a.id', 'tg.assignment_id')
    .select(['tg.student_id', 'tg.assignment_id', 'tg.kind', 'tg.value'])
    .where('tg.organization_id', '=', orgId)
    .where('a.term_id', 'in', termIds)
    .$if(ids !== null, (q) => q.where('a.id', 'in', ids!.length ? ids! : [0]))
    .execute();
}

/** The assignments with what the report groups by: group, department, subject, commission, teacher. */
export function assignmentFacts(db: Db, orgId: number, termIds: number[], ids: number[] | null) {
  return assignmentsJoined(db, orgId)
    .innerJoin('programs as pr', 'pr.id', 'g.program_id')
    .leftJoin('departments as d', 'd.id', 'pr.department_id')
    .leftJoin('subject_commissions as sc', 'sc.id', 'ci.commission_id')
    .select([
      'a.id',
      'a.term_id',
      'a.group_id',
      'g.name as group_name',
      'g.sort_key as group_sort',
      'pr.department_id',
      'd.name as department_name',
      'a.curriculum_item_id as subject_id',
      'ci.code as subject_code',
      'ci.name as subject_name',
      'ci.commission_id',
      'sc.name as commission_name',
      'a.teacher_person_id',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('a.term_id', 'in', termIds)
    .$if(ids !== null, (q) => q.where('a.id', 'in', ids!.length ? ids! : [0]))
    .execute();
}

/** Memberships that last to a date (the end of the period): who is still in the group then. */
export function membershipsAt(db: Db, orgId: number, date: string) {
  return db
    .selectFrom('group_memberships')
    .select(['student_id', 'group_id'])
    .where('organization_id', '=', orgId)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
}

/** Students' names. */
export function studentNames(db: Db, orgId: number, studentIds: number[]) {
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('s.organization_id', '=', orgId)
    .where('s.id', 'in', studentIds.length ? studentIds : [0])
    .execute();
}

/**
 * Absence marks of the terms' assignments, each with whether it is excused: «б», «уп», or «н»
 * under a справка the curator has not revoked (the teacher's «н» stays in the record).
 * Walks the period's lessons, then the partial index of absences (`kind` is a literal for it),
 * so the cost follows the period, not the history.
 */
function absenceRows(db: Db, orgId: number, termIds: number[], ids: number[] | null) {
  const assignments =
    ids !== null
      ? ids.length
        ? ids
        : [0]
      : db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('term_id', 'in', termIds);
  return db
    .selectFrom('lessons as l')
    .innerJoin('marks as m', 'm.lesson_id', 'l.id')
    .select([
      'm.student_id',
      'l.assignment_id',
      'l.date',
      'm.value',
      'm.hours',
      sql<number>`case when m.value in ('б', 'уп') or (m.value = 'н' and exists (
      select 1 from absence_excuses e where e.student_id = m.student_id and e.revoked_at is null and e.from_date <= l.date and l.date <= e.to_date))
      then 1 else 0 end`.as('excused'),
    ])
    .where('l.assignment_id', 'in', assignments)
    .where('m.organization_id', '=', orgId)
    .where('m.kind', '=', sql.lit('absence'));
}

const excusedSum = sql<number>`sum(case when x.excused = 1 then coalesce(x.hours, 0) else 0 end)`;
const unexcusedSum = sql<number>`sum(case when x.excused = 0 and x.value = 'н' then coalesce(x.hours, 0) else 0 end)`;

/** Absence hours per student and assignment, excused and not (one group's сводная ведомость). */
export function absenceHours(db: Db, orgId: number, termIds: number[], ids: number[] | null) {
  return db
    .selectFrom(absenceRows(db, orgId, termIds, ids).as('x'))
    .select(['x.student_id', 'x.assignment_id', excusedSum.as('excused'), unexcusedSum.as('unexcused')])
    .groupBy(['x.student_id', 'x.assignment_id'])
    .execute();
}

export interface AbsenceTotal {
  student_id: number;
  assignment_id: number;
  excused: number;
  unexcused: number;
}
export interface AbsenceDay {
  date: string;
  /** With `byStudent` only: the day's hours per assignment and student. */
  assignment_id: number | null;
  student_id: number | null;
  excused: number;
  unexcused: number;
}

/**
 * The absences a performance report shows, read once for the period and the one before it
 * (decision 046): the rows of absence marks with whether each is excused are gathered once (a
 * materialized common table: the join and the справка check run once), and grouped two ways —
 * per student and assignment over every term given, and per day over the `dayTermIds` (the period
 * itself), also per assignment and student when the caller's reach is narrower than the college.
 */
export async function absenceTotals(
  db: Db,
  orgId: number,
  termIds: number[],
  ids: number[] | null,
  days: { termIds: number[]; byStudent: boolean },
): Promise<{ perStudent: AbsenceTotal[]; byDay: AbsenceDay[] }> {
  const nothing = sql<number | null>`null`;
  const rows = await db
    .with(
      (cte) => cte('x').materialized(),
      () => absenceRows(db, orgId, termIds, ids),
    )
    .selectFrom('x')
    .select([
      sql.lit('s').as('part'),
      sql<number | null>`x.student_id`.as('student_id'),
      sql<number | null>`x.assignment_id`.as('assignment_id'),
      sql<string | null>`null`.as('date'),
      excusedSum.as('excused'),
      unexcusedSum.as('unexcused'),
    ])
    .groupBy(['x.student_id', 'x.assignment_id'])
    .unionAll((eb) =>
      eb
        .selectFrom('x')
        .select([
          sql.lit('d').as('part'),
          (days.byStudent ? sql<number | null>`x.student_id` : nothing).as('student_id'),
          (days.byStudent ? sql<number | null>`x.assignment_id` : nothing).as('assignment_id'),
          sql<string | null>`x.date`.as('date'),
          excusedSum.as('excused'),
          unexcusedSum.as('unexcused'),
        ])
        .where(
          'x.assignment_id',
          'in',
          eb.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('term_id', 'in', days.termIds),
        )
        .$if(days.byStudent, (q) => q.groupBy(['x.date', 'x.assignment_id', 'x.student_id']))
        .$if(!days.byStudent, (q) => q.groupBy('x.date')),
    )
    .execute();
  const perStudent: AbsenceTotal[] = [];
  const byDay: AbsenceDay[] = [];
  for (const r of rows) {
    const excused = Number(r.excused);
    const unexcused = Number(r.unexcused);
    if (r.part === 's') perStudent.push({ student_id: r.student_id!, assignment_id: r.assignment_id!, excused, unexcused });
    else byDay.push({ date: r.date!, assignment_id: r.assignment_id, student_id: r.student_id, excused, unexcused });
  }
  byDay.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { perStudent, byDay };
}

export function groupName(db: Db, orgId: number, groupId: number) {
  return db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();
}
