import { shortName, fullName } from '../../domain/text.js';
import { compiledOnce, sql, type Db, type Tx } from '../platform/db.js';
import { assignmentsJoined } from '../curriculum/queries.js';

type Q = Db | Tx;

/** Lessons of the college joined with their assignment, group, subgroup, subject and the teacher who taught. */
export function lessonsJoined(db: Q, orgId: number) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'l.teacher_person_id')
    .where('l.organization_id', '=', orgId);
}

/** A lesson with what decides who may see and write it. */
export function lessonsBase(db: Q, orgId: number) {
  return lessonsJoined(db, orgId)
    .innerJoin('organizations as o', 'o.id', 'l.organization_id')
    .select([
      'o.settings as org_settings',
      'l.id',
      'l.assignment_id',
      'l.date',
      'l.pair_no',
      'l.hours',
      'l.room',
      'l.status',
      'l.topic',
      'l.work_done',
      'l.work_types',
      'l.homework',
      'l.recorded_at',
      'l.version',
      'l.teacher_person_id',
      'l.planned_teacher_person_id',
      'a.teacher_person_id as a_teacher_person_id',
      'a.group_id',
      'a.subgroup_id',
      'a.term_id',
      'a.curriculum_item_id',
      'g.name as group_name',
      'sg.name as subgroup_name',
      'ci.code as subject_code',
      'ci.name as subject_name',
      'ci.commission_id',
      'tp.last_name as t_last',
      'tp.first_name as t_first',
      'tp.middle_name as t_middle',
    ]);
}
export type LessonRow = Awaited<ReturnType<ReturnType<typeof lessonsBase>['executeTakeFirstOrThrow']>>;

const lessonById = compiledOnce((db, orgId: number, id: number) => lessonsBase(db, orgId).where('l.id', '=', id));
export const findLesson = async (db: Q, orgId: number, id: number): Promise<LessonRow | undefined> =>
  (await lessonById(db, orgId, id)).rows[0];

/**
 * A lesson, with whether a student is on its roster on its date (in its group, and its subgroup
 * when it has one; as studentInLesson): a mark's write reads both in one statement (decision 046).
 */
const lessonAndStudent = compiledOnce((db, orgId: number, id: number, studentId: number) =>
  lessonsBase(db, orgId)
    .select(
      sql<number>`case when exists (
        select 1 from group_memberships gm where gm.organization_id = l.organization_id and gm.student_id = ${studentId}
        and gm.group_id = a.group_id and gm.start_date <= l.date and (gm.end_date is null or gm.end_date >= l.date))
      and (a.subgroup_id is null or exists (
        select 1 from subgroup_memberships sm where sm.organization_id = l.organization_id and sm.student_id = ${studentId}
        and sm.subgroup_id = a.subgroup_id and sm.start_date <= l.date and (sm.end_date is null or sm.end_date >= l.date)))
      then 1 else 0 end`.as('on_roster'),
    )
    .where('l.id', '=', id),
);
export const findLessonForStudent = async (
  db: Q,
  orgId: number,
  id: number,
  studentId: number,
): Promise<(LessonRow & { on_roster: number }) | undefined> => (await lessonAndStudent(db, orgId, id, studentId)).rows[0];

export function lessonSummaryOf(r: LessonRow, canWrite: boolean, marksCount = 0) {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    date: r.date,
    pairNo: r.pair_no,
    hours: r.hours,
    room: r.room,
    status: r.status,
    topic: r.topic,
    recorded: !!r.recorded_at,
    group: { id: r.group_id, name: r.group_name },
    subgroup: r.subgroup_id ? { id: r.subgroup_id, name: r.subgroup_name ?? '' } : null,
    subject: { id: r.curriculum_item_id, code: r.subject_code, name: r.subject_name },
    teacher: {
      personId: r.teacher_person_id,
      shortName: shortName({ last_name: r.t_last, first_name: r.t_first, middle_name: r.t_middle }),
    },
    substitution: r.teacher_person_id !== r.a_teacher_person_id,
    marksCount,
    canWrite,
  };
}

/** What the journal shows of an assignment (assignmentInfoOf), from assignmentsJoined. */
export const ASSIGNMENT_INFO = [
  'a.id',
  'a.group_id',
  'a.subgroup_id',
  'a.teacher_person_id',
  'a.hours',
  'a.curriculum_item_id',
  'ci.commission_id',
  'g.name as group_name',
  'sg.name as subgroup_name',
  'ci.code as subject_code',
  'ci.name as subject_name',
  'tp.last_name as t_last',
  'tp.first_name as t_first',
  'tp.middle_name as t_middle',
  't.id as term_id',
  't.number as term_number',
  't.start_date as term_start',
  't.end_date as term_end',
] as const;

const assignmentById = compiledOnce((db, orgId: number, id: number) =>
  assignmentsJoined(db, orgId).where('a.id', '=', id).select(ASSIGNMENT_INFO),
);
export const findAssignment = async (db: Q, orgId: number, id: number) => (await assignmentById(db, orgId, id)).rows[0];
export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignment>>>;

export function assignmentInfoOf(a: AssignmentRow) {
  const name = { last_name: a.t_last, first_name: a.t_first, middle_name: a.t_middle };
  return {
    id: a.id,
    group: { id: a.group_id, name: a.group_name },
    subgroup: a.subgroup_id ? { id: a.subgroup_id, name: a.subgroup_name ?? '' } : null,
    subject: { id: a.curriculum_item_id, code: a.subject_code, name: a.subject_name },
    teacher: { personId: a.teacher_person_id, fullName: fullName(name), shortName: shortName(name) },
    term: { id: a.term_id, number: a.term_number, startDate: a.term_start, endDate: a.term_end },
    hours: a.hours,
  };
}

const memberOn = (db: Q, orgId: number, groupId: number, studentId: number, date: string) =>
  db
    .selectFrom('group_memberships as gm')
    .select('gm.id')
    .where('gm.organization_id', '=', orgId)
    .where('gm.student_id', '=', studentId)
    .where('gm.group_id', '=', groupId)
    .where('gm.start_date', '<=', date)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', date)]))
    .limit(1);
const inGroupOn = compiledOnce(memberOn);
const inSubgroupOn = compiledOnce((db, orgId: number, groupId: number, studentId: number, date: string, subgroupId: number) =>
  memberOn(db, orgId, groupId, studentId, date).where((eb) =>
    eb.exists(
      eb
        .selectFrom('subgroup_memberships as sm')
        .select('sm.id')
        .where('sm.organization_id', '=', orgId)
        .where('sm.student_id', '=', studentId)
        .where('sm.subgroup_id', '=', subgroupId)
        .where('sm.start_date', '<=', date)
        .where((e) => e.or([e('sm.end_date', 'is', null), e('sm.end_date', '>=', date)])),
    ),
  ),
);

/** Whether a student is in the lesson's group (and subgroup) on its date: one statement. */
export async function studentInLesson(
  db: Q,
  orgId: number,
  l: { group_id: number; subgroup_id: number | null; date: string },
  studentId: number,
): Promise<boolean> {
  const r =
    l.subgroup_id === null
      ? await inGroupOn(db, orgId, l.group_id, studentId, l.date)
      : await inSubgroupOn(db, orgId, l.group_id, studentId, l.date, l.subgroup_id);
  return r.rows.length > 0;
}

/** The dated memberships of students in some groups (a curator's), with the group's name. */
export function membershipsIn(db: Q, orgId: number, studentIds: number[], groupIds: number[]) {
  if (!studentIds.length || !groupIds.length) return Promise.resolve([]);
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['gm.student_id', 'gm.group_id', 'g.name', 'gm.start_date', 'gm.end_date'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.student_id', 'in', studentIds)
    .where('gm.group_id', 'in', groupIds)
    .orderBy('gm.start_date')
    .execute();
}

export const userNames = async (db: Q, orgId: number, userIds: number[]) => {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select(['u.id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('u.organization_id', '=', orgId)
    .where('u.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, shortName(r)]));
};

export const studentName = async (db: Q, orgId: number, studentId: number) => {
  const r = await db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId)
    .where('s.id', '=', studentId)
    .executeTakeFirst();
  return r ? fullName(r) : null;
};

/** Whether the person substitutes any lesson of an assignment (then they see its journal). */
export async function substitutesIn(db: Q, orgId: number, assignmentId: number, personId: number): Promise<boolean> {
  const r = await db
    .selectFrom('lessons')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('teacher_person_id', '=', personId)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

export const findGroup = (db: Q, orgId: number, id: number) =>
  db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
