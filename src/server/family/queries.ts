import { assignmentsJoined } from '../curriculum/queries.js';
import { lessonsJoined } from '../journal/queries.js';
import type { Db, Tx } from '../platform/db.js';

type Q = Db | Tx;
type Span = { start_date: string; end_date: string | null };

// What a student sees of themself and a guardian of each child: their groups, lessons, marks and grades.

export async function studentExists(db: Q, orgId: number, id: number): Promise<boolean> {
  return !!(await db.selectFrom('students').select('id').where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst());
}

/** Students with every group membership (latest first), the group's course and programme. */
export async function childrenRows(db: Q, orgId: number, ids: number[]) {
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id'))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .leftJoin('programs as pr', 'pr.id', 'g.program_id')
    .select([
      's.id',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'p.sort_key',
      'gm.start_date',
      'gm.end_date',
      'g.name as group_name',
      'g.course',
      'pr.name as program_name',
    ])
    .where('s.organization_id', '=', orgId)
    .where('s.id', 'in', ids)
    .orderBy('p.sort_key')
    .orderBy('gm.start_date', 'desc')
    .execute();
}

/** A student's memberships of groups, or only those overlapping [from, to]. */
export async function groupSpans(
  db: Q,
  orgId: number,
  studentId: number,
  within?: { from: string; to: string },
): Promise<(Span & { group_id: number })[]> {
  return db
    .selectFrom('group_memberships')
    .select(['group_id', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .$if(!!within, (q) =>
      q.where('start_date', '<=', within!.to).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', within!.from)])),
    )
    .execute();
}

/** A student's memberships of subgroups overlapping [from, to]. */
export async function subgroupSpans(
  db: Q,
  orgId: number,
  studentId: number,
  from: string,
  to: string,
): Promise<(Span & { subgroup_id: number })[]> {
  return db
    .selectFrom('subgroup_memberships')
    .select(['subgroup_id', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .execute();
}

/** The terms overlapping [first, last], latest first, with their academic year. */
export async function termsBetween(db: Q, orgId: number, first: string, last: string) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.id as year_id', 'y.name as year_name', 'y.start_date as year_start'])
    .where('t.organization_id', '=', orgId)
    .where('t.start_date', '<=', last)
    .where('t.end_date', '>=', first)
    .orderBy('t.start_date', 'desc')
    .execute();
}

export async function termWithYear(db: Q, orgId: number, termId: number) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.name as year_name'])
    .where('t.organization_id', '=', orgId)
    .where('t.id', '=', termId)
    .executeTakeFirst();
}

/**
 * The lessons of the groups' assignments between two dates, with subject and the teacher who
 * taught. Assignments first: the lessons are then found through their (assignment, date) index.
 * The assignments' ids bound the joined assignments too: PostgreSQL does not carry them across
 * the join, and without them it hashed every assignment of the college for a term's lessons.
 */
export async function lessonsOfGroups(db: Q, orgId: number, groupIds: number[], from: string, to: string) {
  const assignmentIds = (
    await db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('group_id', 'in', groupIds).execute()
  ).map((a) => a.id);
  if (!assignmentIds.length) return [];
  return lessonsJoined(db, orgId)
    .select([
      'l.id',
      'l.assignment_id',
      'l.date',
      'l.pair_no',
      'l.hours',
      'l.room',
      'l.topic',
      'l.homework',
      'l.recorded_at',
      'l.status',
      'l.planned_teacher_person_id',
      'l.teacher_person_id',
      'a.group_id',
      'a.subgroup_id',
      'ci.code',
      'ci.name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('l.assignment_id', 'in', assignmentIds)
    .where('a.id', 'in', assignmentIds)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();
}

export async function lessonFiles(db: Q, orgId: number, lessonIds: number[]) {
  return db
    .selectFrom('lesson_files')
    .select(['id', 'lesson_id', 'file_name'])
    .where('organization_id', '=', orgId)
    .where('lesson_id', 'in', lessonIds)
    .orderBy('id')
    .execute();
}

/** A student's marks on lessons between two dates: the current values, every event, and the curator's excuses. */
export async function studentMarkRows(db: Q, orgId: number, studentId: number, from: string, to: string) {
  const [current, events, excuses] = await Promise.all([
    db
      .selectFrom('marks as m')
      .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
      .select([
        'm.id',
        'm.lesson_id',
        'm.kind',
        'm.value',
        'm.work_type',
        'm.weight',
        'm.hours',
        'm.created_at',
        'l.date',
        'l.hours as lesson_hours',
      ])
      .where('m.organization_id', '=', orgId)
      .where('m.student_id', '=', studentId)
      .where('l.date', '>=', from)
      .where('l.date', '<=', to)
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('mark_events as e')
      .innerJoin('lessons as l', 'l.id', 'e.lesson_id')
      .select([
        'e.id',
        'e.mark_id',
        'e.lesson_id',
        'e.kind',
        'e.action',
        'e.old_value',
        'e.new_value',
        'e.old_work_type',
        'e.new_weight',
        'e.reason',
        'e.at',
        'l.date',
        'l.hours as lesson_hours',
      ])
      .where('e.organization_id', '=', orgId)
      .where('e.student_id', '=', studentId)
      .where('l.date', '>=', from)
      .where('l.date', '<=', to)
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('absence_excuses')
      .select(['from_date', 'to_date', 'reason'])
      .where('organization_id', '=', orgId)
      .where('student_id', '=', studentId)
      .where('revoked_at', 'is', null)
      .where('from_date', '<=', to)
      .where('to_date', '>=', from)
      .execute(),
  ]);
  return { current, events, excuses };
}

/** The first lesson before `before` whose marks of the student changed in [since, until). */
export async function firstLessonTouched(db: Q, orgId: number, studentId: number, since: string, until: string, before: string) {
  const r = await db
    .selectFrom('mark_events as e')
    .innerJoin('lessons as l', 'l.id', 'e.lesson_id')
    .select((eb) => eb.fn.min('l.date').as('first'))
    .where('e.organization_id', '=', orgId)
    .where('e.student_id', '=', studentId)
    .where('e.at', '>=', since)
    .where('e.at', '<', until)
    .where('l.date', '<', before)
    .executeTakeFirst();
  return r?.first ?? null;
}

/** A student's term, exam and final grades of a term's assignments, by subject and teacher. */
export async function termGradeRows(db: Q, orgId: number, studentId: number, termId: number) {
  return assignmentsJoined(db, orgId)
    .innerJoin('term_grades as tg', 'tg.assignment_id', 'a.id')
    .select(['tg.kind', 'tg.value', 'ci.code', 'ci.name', 'tp.last_name', 'tp.first_name', 'tp.middle_name'])
    .where('tg.organization_id', '=', orgId)
    .where('tg.student_id', '=', studentId)
    .where('a.term_id', '=', termId)
    .execute();
}
