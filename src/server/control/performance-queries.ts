import { sql, type RawBuilder } from 'kysely';
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

/** Whether a «н» of a student on a date is under a справка the curator has not revoked (the teacher's «н» stays in the record). */
const excusedN = (studentId: RawBuilder<unknown>, date: RawBuilder<unknown>) => sql<boolean>`exists (
  select 1 from absence_excuses e where e.student_id = ${studentId} and e.revoked_at is null and e.from_date <= ${date} and ${date} <= e.to_date)`;

/**
 * Absence marks of the terms' assignments (student, assignment, date, value, hours). Walks the
 * period's lessons, then the partial index of absences (`kind` is a literal for it), which holds
 * every column read here (migration 0610), so the cost follows the period, not the history.
 */
function absenceMarks(db: Db, orgId: number, termIds: number[], ids: number[] | null) {
  const assignments =
    ids !== null
      ? ids.length
        ? ids
        : [0]
      : db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('term_id', 'in', termIds);
  return db
    .selectFrom('lessons as l')
    .innerJoin('marks as m', 'm.lesson_id', 'l.id')
    .select(['m.student_id', 'l.assignment_id', 'l.date', 'm.value', 'm.hours'])
    .where('l.assignment_id', 'in', assignments)
    .where('m.organization_id', '=', orgId)
    .where('m.kind', '=', sql.lit('absence'));
}

/** The same with whether each is excused: «б», «уп», or «н» under a справка. */
function absenceRows(db: Db, orgId: number, termIds: number[], ids: number[] | null) {
  return absenceMarks(db, orgId, termIds, ids).select(
    sql<number>`case when m.value in ('б', 'уп') or (m.value = 'н' and ${excusedN(sql.ref('m.student_id'), sql.ref('l.date'))}) then 1 else 0 end`.as(
      'excused',
    ),
  );
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
 * (decisions 046, 048): every absence mark of the terms given, with its hours excused and not,
 * and its day when it belongs to the `dayTermIds` (the period itself). The database hands the rows
 * over as one list of numbers (five a row: student, assignment, day as YYYYMMDD or 0, excused
 * hours, unexcused hours), in the order it walks them — the period's lessons and the absence
 * marks' covering index (migration 0610), with nothing to sort — and they are added up here: per
 * student and assignment, and per day (also per assignment and student when the caller's reach is
 * narrower than the college). A quarter of a million rows cost far more to turn into one object
 * each, and to sort and group in SQLite, than to read and add up as numbers.
 */
export async function absenceTotals(
  db: Db,
  orgId: number,
  termIds: number[],
  ids: number[] | null,
  days: { termIds: number[]; byStudent: boolean },
): Promise<{ perStudent: AbsenceTotal[]; byDay: AbsenceDay[] }> {
  const ofDays = db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('term_id', 'in', days.termIds);
  // The excused and unexcused hours of a row as «e,u», its excuse looked up once.
  const hours = sql<string>`case when x.value in ('б', 'уп') then coalesce(x.hours, 0) || ',0'
    when x.value = 'н' then (case when ${excusedN(sql.ref('x.student_id'), sql.ref('x.date'))} then coalesce(x.hours, 0) || ',0' else '0,' || coalesce(x.hours, 0) end)
    else '0,0' end`;
  const row = sql<string>`x.student_id || ',' || x.assignment_id
    || ',' || (case when x.assignment_id in (${ofDays}) then replace(x.date, '-', '') else '0' end) || ',' || ${hours}`;
  const r = await db
    .selectFrom(absenceMarks(db, orgId, termIds, ids).as('x'))
    .select(sql<string | null>`string_agg(${row}, ',')`.as('list'))
    .executeTakeFirst();
  const list = r?.list ? (JSON.parse(`[${r.list}]`) as number[]) : [];

  const cells = new Map<number, Map<number, AbsenceTotal>>();
  const perDay = new Map<string | number, AbsenceDay>();
  for (let i = 0; i < list.length; i += 5) {
    const studentId = list[i];
    const assignmentId = list[i + 1];
    const day = list[i + 2];
    const excused = list[i + 3];
    const unexcused = list[i + 4];
    let ofAssignment = cells.get(assignmentId);
    if (!ofAssignment) cells.set(assignmentId, (ofAssignment = new Map()));
    const cell = ofAssignment.get(studentId);
    if (cell) {
      cell.excused += excused;
      cell.unexcused += unexcused;
    } else ofAssignment.set(studentId, { student_id: studentId, assignment_id: assignmentId, excused, unexcused });
    if (!day) continue;
    const key = days.byStudent ? `${day}:${assignmentId}:${studentId}` : day;
    const d = perDay.get(key);
    if (d) {
      d.excused += excused;
      d.unexcused += unexcused;
    } else
      perDay.set(key, {
        date: isoDay(day),
        assignment_id: days.byStudent ? assignmentId : null,
        student_id: days.byStudent ? studentId : null,
        excused,
        unexcused,
      });
  }
  const perStudent = [...cells.values()].flatMap((m) => [...m.values()]);
  perStudent.sort((a, b) => a.student_id - b.student_id || a.assignment_id - b.assignment_id);
  const byDay = [...perDay.values()];
  byDay.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.assignment_id! - b.assignment_id! || a.student_id! - b.student_id!));
  return { perStudent, byDay };
}

/** 20270315 → '2027-03-15'. */
const isoDay = (day: number) => {
  const s = String(day);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

export function groupName(db: Db, orgId: number, groupId: number) {
  return db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();
}
