import { countRu, NOUNS } from '../../domain/russian.js';
import type { Mark } from '../../contracts/journal.js';
import { DEFAULT_WEIGHTS } from '../../domain/journal-input.js';
import { isAbsenceCode, type WorkType } from '../../domain/marks.js';
import { audit } from '../platform/audit.js';
import { lockForTransaction, nowIso, type Tx } from '../platform/db.js';
import { badRequest, conflict } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { holdMarkNotice } from '../notify/guardian-marks.js';
import {
  insertMarkEvent,
  insertMarkRow,
  markOf,
  marksOfCell,
  deleteMarkIfVersion,
  updateMarkValues,
  type MarkRow,
} from './queries/marks.js';

// Marks are append-only events with the current value derived in the same transaction
// (decision 006): the row, its event and the audit entry are written together.

const MAX_GRADES_PER_CELL = 6;

export const kindOf = (value: string) => (isAbsenceCode(value) ? 'absence' : 'grade') as 'grade' | 'absence';

export function gradeFields(value: string, workType: WorkType | null | undefined, weight: number | null | undefined) {
  if (kindOf(value) === 'absence') return { work_type: null, weight: 1 };
  const wt = workType ?? 'oral';
  return { work_type: wt, weight: weight ?? DEFAULT_WEIGHTS[wt] };
}

const absenceHours = (value: string, lessonHours: number) => (value === 'оп' ? null : isAbsenceCode(value) ? lessonHours : null);

export interface EventExtra {
  opId?: string | null;
  reason?: string | null;
  correctionRequestId?: number | null;
}

export interface MarkInput {
  value: string;
  workType?: WorkType | null;
  weight?: number | null;
}

/** Inserts a mark and its creating event. */
export async function insertMark(
  tx: Tx,
  ctx: Ctx,
  l: { id: number; hours: number },
  studentId: number,
  v: MarkInput,
  extra: EventExtra = {},
) {
  const at = nowIso();
  const { organizationId: orgId, userId } = ctx.principal;
  const kind = kindOf(v.value);
  const g = gradeFields(v.value, v.workType, v.weight);
  const hours = absenceHours(v.value, l.hours);
  const markId = await insertMarkRow(tx, {
    orgId,
    lessonId: l.id,
    studentId,
    kind,
    value: v.value,
    workType: g.work_type,
    weight: g.weight,
    hours,
    userId,
    at,
  });
  await holdMarkNotice(tx, orgId, markId, studentId, at);
  const after = { value: v.value, workType: g.work_type, weight: g.weight };
  const eventId = await insertMarkEvent(tx, {
    orgId,
    markId,
    lessonId: l.id,
    studentId,
    kind,
    action: 'create',
    before: null,
    after,
    ...extra,
    userId,
    at,
  });
  await audit(tx, {
    organizationId: orgId,
    actorUserId: userId,
    action: 'mark.create',
    entity: 'mark',
    entityId: markId,
    after: { lessonId: l.id, studentId, ...after },
    reason: extra.reason,
    ip: ctx.ip,
  });
  const mark: Mark = {
    id: markId,
    lessonId: l.id,
    studentId,
    kind,
    value: v.value,
    workType: g.work_type,
    weight: g.weight,
    hours,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { markId, eventId, mark };
}

/** Changes a mark that still has the version read, with its event; null when it changed meanwhile. */
export async function updateMarkRow(tx: Tx, ctx: Ctx, m: MarkRow, lessonHours: number, v: MarkInput, extra: EventExtra = {}) {
  const at = nowIso();
  const { organizationId: orgId, userId } = ctx.principal;
  // A change keeps what it does not name: the work type and the weight.
  const g = gradeFields(v.value, v.workType ?? (m.work_type as WorkType | null), v.weight ?? m.weight);
  const hours = absenceHours(v.value, lessonHours);
  if (!(await updateMarkValues(tx, orgId, m, { value: v.value, workType: g.work_type, weight: g.weight, hours, userId, at }))) return null;
  await holdMarkNotice(tx, orgId, m.id, m.student_id, at);
  const before = { value: m.value, workType: m.work_type, weight: m.weight };
  const after = { value: v.value, workType: g.work_type, weight: g.weight };
  const eventId = await insertMarkEvent(tx, {
    orgId,
    markId: m.id,
    lessonId: m.lesson_id,
    studentId: m.student_id,
    kind: m.kind,
    action: 'update',
    before,
    after,
    ...extra,
    userId,
    at,
  });
  await audit(tx, {
    organizationId: orgId,
    actorUserId: userId,
    action: 'mark.update',
    entity: 'mark',
    entityId: m.id,
    before,
    after,
    reason: extra.reason,
    ip: ctx.ip,
  });
  const mark: Mark = {
    ...markOf(m),
    value: v.value,
    workType: g.work_type,
    weight: g.weight,
    hours,
    version: m.version + 1,
    updatedAt: at,
  };
  return { eventId, mark };
}

/** Deletes a mark that still has the version read, with its event; null when it changed meanwhile. */
export async function deleteMarkRow(tx: Tx, ctx: Ctx, m: MarkRow, extra: EventExtra = {}) {
  const { organizationId: orgId, userId } = ctx.principal;
  if (!(await deleteMarkIfVersion(tx, orgId, m))) return null;
  const before = { value: m.value, workType: m.work_type, weight: m.weight };
  const eventId = await insertMarkEvent(tx, {
    orgId,
    markId: m.id,
    lessonId: m.lesson_id,
    studentId: m.student_id,
    kind: m.kind,
    action: 'delete',
    before,
    after: null,
    ...extra,
    userId,
    at: nowIso(),
  });
  await audit(tx, {
    organizationId: orgId,
    actorUserId: userId,
    action: 'mark.delete',
    entity: 'mark',
    entityId: m.id,
    before,
    reason: extra.reason,
    ip: ctx.ip,
  });
  return { eventId };
}

/** Checks a new mark against what its cell holds, with the cell locked until the transaction ends. */
export async function checkCellLimits(ctx: Ctx, tx: Tx, lessonId: number, studentId: number, value: string) {
  await lockForTransaction(tx, ctx.engine, lessonId, studentId);
  const existing = await marksOfCell(tx, ctx.principal.organizationId, lessonId, studentId);
  if (kindOf(value) === 'absence') {
    const a = existing.find((m) => m.kind === 'absence');
    if (a)
      throw conflict(`У обучающегося уже отмечен пропуск «${a.value}» на этом занятии. Измените его вместо новой отметки.`, {
        current: markOf(a),
      });
  } else if (existing.filter((m) => m.kind === 'grade').length >= MAX_GRADES_PER_CELL) {
    throw badRequest(`В одной клетке — не больше ${countRu(MAX_GRADES_PER_CELL, NOUNS.grade)}.`);
  }
}
