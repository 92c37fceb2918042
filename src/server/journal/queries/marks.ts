import type { Mark } from '../../../contracts/journal.js';
import { compiledOnce, type Db, type Tx } from '../../platform/db.js';

type Q = Db | Tx;

const MARK_COLUMNS = [
  'm.id',
  'm.lesson_id',
  'm.student_id',
  'm.kind',
  'm.value',
  'm.work_type',
  'm.weight',
  'm.hours',
  'm.version',
  'm.created_at',
  'm.updated_at',
] as const;

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
  id: m.id,
  lessonId: m.lesson_id,
  studentId: m.student_id,
  kind: m.kind,
  value: m.value,
  workType: m.work_type,
  weight: Number(m.weight),
  hours: m.hours,
  version: m.version,
  createdAt: m.created_at,
  updatedAt: m.updated_at,
});

export const findMark = (db: Q, orgId: number, id: number): Promise<MarkRow | undefined> =>
  db.selectFrom('marks as m').select(MARK_COLUMNS).where('m.organization_id', '=', orgId).where('m.id', '=', id).executeTakeFirst();

export const marksOfLesson = (db: Q, orgId: number, lessonId: number): Promise<MarkRow[]> =>
  db
    .selectFrom('marks as m')
    .select(MARK_COLUMNS)
    .where('m.organization_id', '=', orgId)
    .where('m.lesson_id', '=', lessonId)
    .orderBy('m.id')
    .execute();

/** The marks of one cell (a lesson and a student). */
const cellMarks = compiledOnce((db, orgId: number, lessonId: number, studentId: number) =>
  db
    .selectFrom('marks as m')
    .select(MARK_COLUMNS)
    .where('m.organization_id', '=', orgId)
    .where('m.lesson_id', '=', lessonId)
    .where('m.student_id', '=', studentId)
    .orderBy('m.id'),
);
export const marksOfCell = async (db: Q, orgId: number, lessonId: number, studentId: number): Promise<MarkRow[]> =>
  (await cellMarks(db, orgId, lessonId, studentId)).rows as MarkRow[];

/** How many marks each lesson holds. */
export async function markCounts(db: Q, orgId: number, lessonIds: number[]): Promise<Map<number, number>> {
  if (!lessonIds.length) return new Map();
  const rows = await db
    .selectFrom('marks')
    .select(['lesson_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('lesson_id', 'in', lessonIds)
    .groupBy('lesson_id')
    .execute();
  return new Map(rows.map((r) => [r.lesson_id, Number(r.n)]));
}

const markInsert = compiledOnce(
  (
    tx,
    orgId: number,
    lessonId: number,
    studentId: number,
    kind: 'grade' | 'absence',
    value: string,
    workType: string | null,
    weight: number,
    hours: number | null,
    userId: number,
    at: string,
  ) =>
    tx
      .insertInto('marks')
      .values({
        organization_id: orgId,
        lesson_id: lessonId,
        student_id: studentId,
        kind,
        value,
        work_type: workType,
        weight,
        hours,
        comment: null,
        version: 1,
        created_by_user_id: userId,
        created_at: at,
        updated_by_user_id: userId,
        updated_at: at,
      })
      .returning('id'),
);

/** A new mark's row; its id. */
export async function insertMarkRow(
  tx: Tx,
  r: {
    orgId: number;
    lessonId: number;
    studentId: number;
    kind: 'grade' | 'absence';
    value: string;
    workType: string | null;
    weight: number;
    hours: number | null;
    userId: number;
    at: string;
  },
): Promise<number> {
  const m = await markInsert(tx, r.orgId, r.lessonId, r.studentId, r.kind, r.value, r.workType, r.weight, r.hours, r.userId, r.at);
  return m.rows[0].id;
}

/** Changes a mark if its version is still the one read; false otherwise. */
export async function updateMarkValues(
  tx: Tx,
  orgId: number,
  m: { id: number; version: number },
  set: {
    value: string;
    workType: string | null;
    weight: number;
    hours: number | null;
    userId: number;
    at: string;
  },
): Promise<boolean> {
  const r = await tx
    .updateTable('marks')
    .set({
      value: set.value,
      work_type: set.workType,
      weight: set.weight,
      hours: set.hours,
      version: m.version + 1,
      updated_by_user_id: set.userId,
      updated_at: set.at,
    })
    .where('organization_id', '=', orgId)
    .where('id', '=', m.id)
    .where('version', '=', m.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a mark if its version is still the one read; false otherwise. */
export async function deleteMarkIfVersion(tx: Tx, orgId: number, m: { id: number; version: number }): Promise<boolean> {
  const r = await tx
    .deleteFrom('marks')
    .where('organization_id', '=', orgId)
    .where('id', '=', m.id)
    .where('version', '=', m.version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** What a mark was or became: its value, work type and weight. */
export interface MarkState {
  value: string;
  workType: string | null;
  weight: number;
}

/** One event of a mark (decision 006): what it was before and after, by whom, why, and the operation id of the write. */
export interface MarkEvent {
  orgId: number;
  markId: number;
  lessonId: number;
  studentId: number;
  kind: 'grade' | 'absence';
  action: 'create' | 'update' | 'delete';
  before: MarkState | null;
  after: MarkState | null;
  reason?: string | null;
  correctionRequestId?: number | null;
  userId: number;
  at: string;
  opId?: string | null;
}

const eventInsert = compiledOnce(
  (
    tx,
    orgId: number,
    markId: number,
    lessonId: number,
    studentId: number,
    kind: 'grade' | 'absence',
    action: 'create' | 'update' | 'delete',
    oldValue: string | null,
    newValue: string | null,
    oldWorkType: string | null,
    newWorkType: string | null,
    oldWeight: number | null,
    newWeight: number | null,
    reason: string | null,
    correctionRequestId: number | null,
    userId: number,
    at: string,
    opId: string | null,
  ) =>
    tx
      .insertInto('mark_events')
      .values({
        organization_id: orgId,
        mark_id: markId,
        lesson_id: lessonId,
        student_id: studentId,
        kind,
        action,
        old_value: oldValue,
        new_value: newValue,
        old_work_type: oldWorkType,
        new_work_type: newWorkType,
        old_weight: oldWeight,
        new_weight: newWeight,
        reason,
        correction_request_id: correctionRequestId,
        user_id: userId,
        at,
        op_id: opId,
      })
      .returning('id'),
);

/** Appends an event of a mark; its id. */
export async function insertMarkEvent(tx: Tx, e: MarkEvent): Promise<number> {
  const r = await eventInsert(
    tx,
    e.orgId,
    e.markId,
    e.lessonId,
    e.studentId,
    e.kind,
    e.action,
    e.before?.value ?? null,
    e.after?.value ?? null,
    e.before?.workType ?? null,
    e.after?.workType ?? null,
    e.before?.weight ?? null,
    e.after?.weight ?? null,
    e.reason ?? null,
    e.correctionRequestId ?? null,
    e.userId,
    e.at,
    e.opId ?? null,
  );
  return r.rows[0].id;
}

/** The event an operation id wrote, if any. */
export const markEventByOp = (db: Q, orgId: number, opId: string) =>
  db
    .selectFrom('mark_events')
    .select(['mark_id', 'user_id', 'action', 'lesson_id', 'student_id', 'new_value', 'new_work_type', 'new_weight'])
    .where('organization_id', '=', orgId)
    .where('op_id', '=', opId)
    .executeTakeFirst();

/** The lesson of a mark, known from its events after the mark itself is gone. */
export async function lessonOfMarkEvents(db: Q, orgId: number, markId: number): Promise<number | null> {
  const r = await db
    .selectFrom('mark_events')
    .select(['lesson_id'])
    .where('organization_id', '=', orgId)
    .where('mark_id', '=', markId)
    .executeTakeFirst();
  return r?.lesson_id ?? null;
}

/** Whether a student has any mark event in a lesson (marks stay where they were put, п. 3.4). */
export async function cellHasEvents(db: Q, orgId: number, lessonId: number, studentId: number): Promise<boolean> {
  const r = await db
    .selectFrom('mark_events')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

/** Every event of a cell, oldest first. */
export const eventsOfCell = (db: Q, orgId: number, lessonId: number, studentId: number) =>
  db
    .selectFrom('mark_events')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .orderBy('id')
    .execute();

/** The current marks and absences of the lessons of some assignments, each lesson's in the order they were put (the printed journal, the archive). */
export const marksOfAssignments = (db: Q, orgId: number, assignmentIds: number[]) =>
  assignmentIds.length
    ? db
        .selectFrom('marks as m')
        .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
        .select(['m.lesson_id', 'm.student_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours'])
        .where('m.organization_id', '=', orgId)
        .where('l.organization_id', '=', orgId)
        .where('l.assignment_id', 'in', assignmentIds)
        .orderBy('m.lesson_id')
        .orderBy('m.id')
        .execute()
    : Promise.resolve([]);
