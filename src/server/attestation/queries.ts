import type { TermGradeKind } from '../../domain/attestation.js';
import { fullName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';
import { assignmentInReach, type Reach } from '../platform/reach.js';
import { assignmentsJoined } from '../curriculum/queries.js';

/** An assignment with everything a grade sheet names: group, subject, term, teacher. */
export async function assignmentHeader(db: Db | Tx, orgId: number, id: number) {
  const r = await assignmentsJoined(db, orgId)
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select([
      'a.id',
      'a.group_id',
      'a.subgroup_id',
      'a.term_id',
      'a.hours',
      'a.teacher_person_id',
      'a.curriculum_item_id',
      'g.name as group_name',
      'sg.name as subgroup_name',
      'ci.code as subject_code',
      'ci.name as subject_name',
      'ci.commission_id',
      't.number as term_number',
      't.start_date as term_start',
      't.end_date as term_end',
      'y.name as year_name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, teacher_name: fullName(r) } : undefined;
}
export type AssignmentHeader = NonNullable<Awaited<ReturnType<typeof assignmentHeader>>>;

/** The grades of an assignment's held lessons (up to a date), with the lesson's date. */
export async function assignmentMarks(db: Db | Tx, orgId: number, assignmentId: number, upTo: string) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select(['m.student_id', 'm.lesson_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours', 'l.date', 'l.hours as lesson_hours'])
    .where('m.organization_id', '=', orgId)
    .where('l.assignment_id', '=', assignmentId)
    .where('l.date', '<=', upTo)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .orderBy('m.id')
    .execute();
}

/** The term grades of an assignment, with the name of who set each. */
export async function assignmentTermGrades(db: Db | Tx, orgId: number, assignmentId: number) {
  return db
    .selectFrom('term_grades as tg')
    .innerJoin('users as u', 'u.id', 'tg.set_by_user_id')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select([
      'tg.id',
      'tg.student_id',
      'tg.kind',
      'tg.value',
      'tg.version',
      'tg.override_reason',
      'tg.missing',
      'tg.set_at',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('tg.organization_id', '=', orgId)
    .where('tg.assignment_id', '=', assignmentId)
    .execute();
}

/** Terms of the organization, newest first, with their year's name. */
export async function termOptions(db: Db, orgId: number) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.name as year_name'])
    .where('t.organization_id', '=', orgId)
    .orderBy('t.start_date', 'desc')
    .execute();
}

/** The lessons of an assignment held up to a date, in order: the КТП is laid over them. */
export async function heldLessons(db: Db | Tx, orgId: number, assignmentId: number, upTo: string) {
  return db
    .selectFrom('lessons')
    .select(['id', 'date', 'hours', 'work_types'])
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('date', '<=', upTo)
    .where('status', '!=', 'cancelled')
    .orderBy('date')
    .orderBy('pair_no')
    .execute();
}

/** Term-grade events set despite the objectivity check in a term, newest first, with who and whom. */
export function overrideEvents(db: Db | Tx, orgId: number, termId: number) {
  return db
    .selectFrom('term_grade_events as e')
    .leftJoin('term_grades as tg', 'tg.id', 'e.term_grade_id')
    .innerJoin('assignments as a', 'a.id', 'e.assignment_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .innerJoin('persons as up', 'up.id', 'u.person_id')
    .select([
      'e.id',
      'e.at',
      'e.kind',
      'e.new_value',
      'e.reason',
      'e.missing',
      'e.assignment_id',
      'g.name as group_name',
      'ci.code',
      'ci.name as subject_name',
      'sp.last_name as s_last',
      'sp.first_name as s_first',
      'sp.middle_name as s_middle',
      'up.last_name as u_last',
      'up.first_name as u_first',
      'up.middle_name as u_middle',
      'tg.set_at',
      'tg.value as current_value',
    ])
    .where('e.organization_id', '=', orgId)
    .where('e.override', '=', 1)
    .where('a.term_id', '=', termId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/** Whether the person substitutes in a lesson of the assignment. */
export const substitutesIn = async (db: Db | Tx, orgId: number, assignmentId: number, personId: number) =>
  !!(await db
    .selectFrom('lessons')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('teacher_person_id', '=', personId)
    .executeTakeFirst());

/** The last program term in which the subject is taught, per the curriculum. */
export const lastTermNoOfItem = async (db: Db | Tx, orgId: number, itemId: number) => {
  const r = await db
    .selectFrom('curriculum_item_terms')
    .select((eb) => eb.fn.max('term_no').as('n'))
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', '=', itemId)
    .executeTakeFirst();
  return r?.n == null ? null : Number(r.n);
};

export const organizationOf = (db: Db | Tx, orgId: number) =>
  db.selectFrom('organizations').select(['name', 'settings']).where('id', '=', orgId).executeTakeFirstOrThrow();

export const termGradeRow = (db: Db | Tx, orgId: number, assignmentId: number, studentId: number, kind: TermGradeKind) =>
  db
    .selectFrom('term_grades')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('student_id', '=', studentId)
    .where('kind', '=', kind)
    .executeTakeFirst();

type GradeValues = { value: string; override_reason: string | null; missing: string | null; set_by_user_id: number; set_at: string };

/** Sets a term grade at the version read; false when it changed meanwhile. */
export async function updateTermGrade(tx: Tx, orgId: number, g: { id: number; version: number }, v: GradeValues): Promise<boolean> {
  const r = await tx
    .updateTable('term_grades')
    .set({ ...v, version: g.version + 1 })
    .where('organization_id', '=', orgId)
    .where('id', '=', g.id)
    .where('version', '=', g.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertTermGrade = async (
  tx: Tx,
  orgId: number,
  g: { assignmentId: number; studentId: number; kind: TermGradeKind } & GradeValues,
) => {
  const { assignmentId, studentId, ...v } = g;
  return (
    await tx
      .insertInto('term_grades')
      .values({ organization_id: orgId, assignment_id: assignmentId, student_id: studentId, version: 1, ...v })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
};

/** Removes a term grade at the version read; false when it changed meanwhile. */
export async function deleteTermGrade(tx: Tx, orgId: number, g: { id: number; version: number }): Promise<boolean> {
  const r = await tx
    .deleteFrom('term_grades')
    .where('organization_id', '=', orgId)
    .where('id', '=', g.id)
    .where('version', '=', g.version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export const insertTermGradeEvent = (
  tx: Tx,
  orgId: number,
  e: {
    termGradeId: number;
    assignmentId: number;
    studentId: number;
    kind: string;
    oldValue: string | null;
    newValue: string | null;
    reason: string | null;
    userId: number;
    at: string;
    override: boolean;
    missing: string | null;
  },
) =>
  tx
    .insertInto('term_grade_events')
    .values({
      organization_id: orgId,
      term_grade_id: e.termGradeId,
      assignment_id: e.assignmentId,
      student_id: e.studentId,
      kind: e.kind,
      old_value: e.oldValue,
      new_value: e.newValue,
      reason: e.reason,
      user_id: e.userId,
      at: e.at,
      override: e.override ? 1 : 0,
      missing: e.missing,
    })
    .execute();

/** The assignments of a term within reach, with group, subgroup, subject and teacher. */
export const termAssignments = (db: Db | Tx, reach: Reach, termId: number) =>
  assignmentsJoined(db, reach.orgId)
    .select([
      'a.id',
      'a.group_id',
      'a.subgroup_id',
      'g.name as group_name',
      'sg.name as subgroup_name',
      'ci.code',
      'ci.name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('a.term_id', '=', termId)
    .where(assignmentInReach(reach))
    .orderBy('g.sort_key')
    .orderBy('ci.code')
    .orderBy('sg.name')
    .execute();

/** Students on the lists of groups and of subgroups during a term. */
export async function rosterCounts(
  db: Db | Tx,
  orgId: number,
  groupIds: number[],
  subgroupIds: number[],
  term: { start_date: string; end_date: string },
) {
  const [groups, subgroups] = await Promise.all([
    db
      .selectFrom('group_memberships')
      .select(['group_id', (eb) => eb.fn.count<number>('student_id').distinct().as('n')])
      .where('organization_id', '=', orgId)
      .where('group_id', 'in', groupIds.length ? groupIds : [0])
      .where('start_date', '<=', term.end_date)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', term.start_date)]))
      .groupBy('group_id')
      .execute(),
    db
      .selectFrom('subgroup_memberships')
      .select(['subgroup_id', (eb) => eb.fn.count<number>('student_id').distinct().as('n')])
      .where('organization_id', '=', orgId)
      .where('subgroup_id', 'in', [0, ...subgroupIds])
      .where('start_date', '<=', term.end_date)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', term.start_date)]))
      .groupBy('subgroup_id')
      .execute(),
  ]);
  return {
    groups: new Map(groups.map((r) => [r.group_id, Number(r.n)])),
    subgroups: new Map(subgroups.map((r) => [r.subgroup_id, Number(r.n)])),
  };
}

/** Per assignment: term grades set, and how many despite the objectivity check. */
export const termGradeCounts = (db: Db | Tx, orgId: number, assignmentIds: number[]) =>
  db
    .selectFrom('term_grades')
    .select(['assignment_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('override_reason').as('o')])
    .where('organization_id', '=', orgId)
    .where('kind', '=', 'term')
    .where('assignment_id', 'in', assignmentIds.length ? assignmentIds : [0])
    .groupBy('assignment_id')
    .execute();

/** Term, exam and final grades of some assignments (the printed journal, the archive). */
export const termGradesOfAssignments = (db: Db | Tx, orgId: number, assignmentIds: number[]) =>
  assignmentIds.length
    ? db
        .selectFrom('term_grades')
        .select(['assignment_id', 'student_id', 'kind', 'value', 'set_at'])
        .where('organization_id', '=', orgId)
        .where('assignment_id', 'in', assignmentIds)
        .orderBy('id')
        .execute()
    : Promise.resolve([]);
