import type { Mark } from '../../../contracts/journal.js';
import type { Db, Tx } from '../../platform/db.js';

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
export const marksOfCell = (db: Q, orgId: number, lessonId: number, studentId: number): Promise<MarkRow[]> =>
  db
    .selectFrom('marks as m')
    .select(MARK_COLUMNS)
    .where('m.organization_id', '=', orgId)
    .where('m.lesson_id', '=', lessonId)
    .where('m.student_id', '=', studentId)
    .orderBy('m.id')
    .execute();

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
  const m = await tx
    .insertInto('marks')
    .values({
      organization_id: r.orgId,
      lesson_id: r.lessonId,
      student_id: r.studentId,
      kind: r.kind,
      value: r.value,
      work_type: r.workType,
      weight: r.weight,
      hours: r.hours,
      comment: null,
      version: 1,
      created_by_user_id: r.userId,
      created_at: r.at,
      updated_by_user_id: r.userId,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return m.id;
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

/** Appends an event of a mark; its id. */
export async function insertMarkEvent(tx: Tx, e: MarkEvent): Promise<number> {
  const r = await tx
    .insertInto('mark_events')
    .values({
      organization_id: e.orgId,
      mark_id: e.markId,
      lesson_id: e.lessonId,
      student_id: e.studentId,
      kind: e.kind,
      action: e.action,
      old_value: e.before?.value ?? null,
      new_value: e.after?.value ?? null,
      old_work_type: e.before?.workType ?? null,
      new_work_type: e.after?.workType ?? null,
      old_weight: e.before?.weight ?? null,
      new_weight: e.after?.weight ?? null,
      reason: e.reason ?? null,
      correction_request_id: e.correctionRequestId ?? null,
      user_id: e.userId,
      at: e.at,
      op_id: e.opId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
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
