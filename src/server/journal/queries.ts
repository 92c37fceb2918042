import { sql } from 'kysely';
import type { Mark } from '../../contracts/journal.js';
import { shortName, fullName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';

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
      'l.id', 'l.assignment_id', 'l.date', 'l.pair_no', 'l.hours', 'l.room', 'l.status', 'l.topic', 'l.work_done', 'l.work_types', 'l.homework',
      'l.recorded_at', 'l.version', 'l.teacher_person_id', 'l.planned_teacher_person_id',
      'a.teacher_person_id as a_teacher_person_id', 'a.group_id', 'a.subgroup_id', 'a.term_id', 'a.curriculum_item_id',
      'g.name as group_name', 'sg.name as subgroup_name', 'ci.code as subject_code', 'ci.name as subject_name', 'ci.commission_id',
      'tp.last_name as t_last', 'tp.first_name as t_first', 'tp.middle_name as t_middle',
    ]);
}
export type LessonRow = Awaited<ReturnType<ReturnType<typeof lessonsBase>['executeTakeFirstOrThrow']>>;

export const findLesson = (db: Q, orgId: number, id: number) => lessonsBase(db, orgId).where('l.id', '=', id).executeTakeFirst();

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
    teacher: { personId: r.teacher_person_id, shortName: shortName({ last_name: r.t_last, first_name: r.t_first, middle_name: r.t_middle }) },
    substitution: r.teacher_person_id !== r.a_teacher_person_id,
    marksCount,
    canWrite,
  };
}

export function findAssignment(db: Q, orgId: number, id: number) {
  return assignmentsJoined(db, orgId)
    .where('a.id', '=', id)
    .select([
      'a.id', 'a.group_id', 'a.subgroup_id', 'a.teacher_person_id', 'a.hours', 'a.curriculum_item_id', 'ci.commission_id',
      'g.name as group_name', 'sg.name as subgroup_name', 'ci.code as subject_code', 'ci.name as subject_name',
      'tp.last_name as t_last', 'tp.first_name as t_first', 'tp.middle_name as t_middle',
      't.id as term_id', 't.number as term_number', 't.start_date as term_start', 't.end_date as term_end',
    ])
    .executeTakeFirst();
}
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

const MARK_COLUMNS = ['m.id', 'm.lesson_id', 'm.student_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours', 'm.version', 'm.created_at', 'm.updated_at'] as const;

export interface MarkRow {
  id: number;
  lesson_id: number;
  student_id: number;
  kind: 'grade' | 'absence';
  value: string;
  work_type: string | null;
  weight: number;
  hours: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export const markOf = (m: MarkRow): Mark => ({
  id: m.id, lessonId: m.lesson_id, studentId: m.student_id, kind: m.kind, value: m.value, workType: m.work_type,
  weight: Number(m.weight), hours: m.hours, version: m.version, createdAt: m.created_at, updatedAt: m.updated_at,
});

export const findMark = (db: Q, orgId: number, id: number) =>
  db.selectFrom('marks as m').select(MARK_COLUMNS).where('m.organization_id', '=', orgId).where('m.id', '=', id).executeTakeFirst();

export const marksOfLesson = (db: Q, orgId: number, lessonId: number) =>
  db.selectFrom('marks as m').select(MARK_COLUMNS).where('m.organization_id', '=', orgId).where('m.lesson_id', '=', lessonId).orderBy('m.id').execute();

export const marksOfAssignment = (db: Q, orgId: number, assignmentId: number) =>
  db.selectFrom('marks as m').innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select(MARK_COLUMNS).select('l.date')
    .where('l.assignment_id', '=', assignmentId).where('m.organization_id', '=', orgId)
    .orderBy('m.id').execute();

/** Whether a student is in the lesson's group (and subgroup) on its date. */
export async function studentInLesson(db: Q, orgId: number, l: { group_id: number; subgroup_id: number | null; date: string }, studentId: number): Promise<boolean> {
  const inGroup = await db.selectFrom('group_memberships').select('id')
    .where('organization_id', '=', orgId).where('student_id', '=', studentId).where('group_id', '=', l.group_id)
    .where('start_date', '<=', l.date).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', l.date)]))
    .executeTakeFirst();
  if (!inGroup) return false;
  if (!l.subgroup_id) return true;
  const inSub = await db.selectFrom('subgroup_memberships').select('id')
    .where('organization_id', '=', orgId).where('student_id', '=', studentId).where('subgroup_id', '=', l.subgroup_id)
    .where('start_date', '<=', l.date).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', l.date)]))
    .executeTakeFirst();
  return !!inSub;
}

/** Whether a student has any mark event in a lesson (marks stay where they were put, п. 3.4). */
export async function cellHasEvents(db: Q, orgId: number, lessonId: number, studentId: number): Promise<boolean> {
  const r = await db.selectFrom('mark_events').select('id').where('organization_id', '=', orgId).where('lesson_id', '=', lessonId).where('student_id', '=', studentId)
    .limit(1).executeTakeFirst();
  return !!r;
}

/** The dated memberships of students in some groups (a curator's), with the group's name. */
export function membershipsIn(db: Q, orgId: number, studentIds: number[], groupIds: number[]) {
  if (!studentIds.length || !groupIds.length) return Promise.resolve([]);
  return db.selectFrom('group_memberships as gm').innerJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['gm.student_id', 'gm.group_id', 'g.name', 'gm.start_date', 'gm.end_date'])
    .where('gm.organization_id', '=', orgId).where('gm.student_id', 'in', studentIds).where('gm.group_id', 'in', groupIds)
    .orderBy('gm.start_date').execute();
}

/** Active excuses of students overlapping a period. */
export function excusesOverlapping(db: Q, orgId: number, studentIds: number[], from: string, to: string) {
  if (!studentIds.length) return Promise.resolve([]);
  return db.selectFrom('absence_excuses').selectAll()
    .where('organization_id', '=', orgId).where('student_id', 'in', studentIds)
    .where('revoked_at', 'is', null).where('from_date', '<=', to).where('to_date', '>=', from)
    .orderBy('from_date').execute();
}

/** A student's absences «н» on the lessons of a period, whatever the group: how many and their hours. */
export async function absencesOfStudent(db: Q, orgId: number, studentId: number, from: string, to: string) {
  const r = await db.selectFrom('marks as m').innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('m.hours').as('hours')])
    .where('m.organization_id', '=', orgId).where('m.student_id', '=', studentId).where('m.kind', '=', 'absence').where('m.value', '=', 'н')
    .where('l.date', '>=', from).where('l.date', '<=', to).executeTakeFirstOrThrow();
  return { absences: Number(r.n), hours: Number(r.hours ?? 0) };
}

export const userNames = async (db: Q, userIds: number[]) => {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map<number, string>();
  const rows = await db.selectFrom('users as u').innerJoin('persons as p', 'p.id', 'u.person_id')
    .select(['u.id', 'p.last_name', 'p.first_name', 'p.middle_name']).where('u.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, shortName(r)]));
};

export const studentName = async (db: Q, orgId: number, studentId: number) => {
  const r = await db.selectFrom('students as s').innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['p.last_name', 'p.first_name', 'p.middle_name']).where('s.organization_id', '=', orgId).where('s.id', '=', studentId).executeTakeFirst();
  return r ? fullName(r) : null;
};

export const countExpr = sql<number>`count(*)`;

/** The save of a lesson's text made by an operation id (a retried save finds its first attempt). */
export const lessonTextEventByOp = (db: Q, orgId: number, opId: string) =>
  db.selectFrom('lesson_text_events').select(['lesson_id', 'user_id']).where('organization_id', '=', orgId).where('op_id', '=', opId).executeTakeFirst();

export interface LessonTextColumns {
  topic?: string | null;
  work_done?: string | null;
  work_types?: string;
  homework?: string | null;
  hours?: number;
}

/** Writes the changed text of a lesson if its version is still the one read; false otherwise. */
export async function updateLessonText(tx: Tx, orgId: number, id: number, version: number, set: LessonTextColumns & { recorded_at?: string; recorded_by_user_id?: number; updated_at: string }) {
  const r = await tx.updateTable('lessons').set({ ...set, version: version + 1 })
    .where('organization_id', '=', orgId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertLessonTextEvent = (tx: Tx, e: { orgId: number; lessonId: number; userId: number; at: string; opId: string; version: number; changes: Record<string, [unknown, unknown]> }) =>
  tx.insertInto('lesson_text_events').values({
    organization_id: e.orgId, lesson_id: e.lessonId, user_id: e.userId, at: e.at, op_id: e.opId, version: e.version, changes: JSON.stringify(e.changes),
  }).execute();
