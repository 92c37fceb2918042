import type { CreateMarkBody, MarkWriteResult, UpdateMarkBody } from '../../contracts/journal.js';
import { formatRu } from '../../domain/dates.js';
import type { WorkType } from '../../domain/marks.js';
import { isUniqueViolation } from '../platform/db.js';
import { conflict, fieldError, forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { refuseUnlessOpen, windowFor, writableLesson, writableLessonFor } from './access.js';
import { checkCellLimits, deleteMarkRow, gradeFields, insertMark, kindOf, updateMarkRow } from './mark-events.js';
import { findMark, lessonOfMarkEvents, markEventByOp, markOf, marksOfCell, type MarkRow } from './queries/marks.js';

// A teacher's writes of marks (decision 009): idempotent by operation id, versioned, refused
// outside the entry window (п. 3.13) and for students not on the roster on the lesson's date.

/** The reason an undo (Ctrl+Z in the grid) writes on its events, so the history tells it apart. */
export const UNDO_REASON = 'Отмена предыдущего действия (Ctrl+Z)';
const undoReason = (undo: boolean | string | undefined) => (undo ? UNDO_REASON : null);

/** What a write asked for, to tell a retry of it from another write that reuses its operation id. */
type WriteIntent =
  | { action: 'create'; lessonId: number; studentId: number; value: string; workType?: WorkType | null; weight?: number | null }
  | { action: 'update'; markId: number; value: string; workType?: WorkType | null; weight?: number | null }
  | { action: 'delete'; markId: number };

type OpEvent = NonNullable<Awaited<ReturnType<typeof markEventByOp>>>;

/** The event an operation id already wrote matches the write asking again (the same request, retried). */
function sameIntent(ev: OpEvent, w: WriteIntent): boolean {
  if (ev.action !== w.action) return false;
  if (w.action === 'delete') return ev.mark_id === w.markId;
  if (w.action === 'create' ? ev.lesson_id !== w.lessonId || ev.student_id !== w.studentId : ev.mark_id !== w.markId) return false;
  if (ev.new_value !== w.value) return false;
  if (kindOf(w.value) === 'absence') return true;
  if (w.action === 'create') {
    const g = gradeFields(w.value, w.workType, w.weight);
    return ev.new_work_type === g.work_type && Number(ev.new_weight) === g.weight;
  }
  return (w.workType == null || ev.new_work_type === w.workType) && (w.weight == null || Number(ev.new_weight) === w.weight);
}

async function replayOf(ctx: Ctx, opId: string | undefined, intent: WriteIntent): Promise<MarkWriteResult | null> {
  if (!opId) return null;
  const ev = await markEventByOp(ctx.db, ctx.principal.organizationId, opId);
  if (!ev) return null;
  if (ev.user_id !== ctx.principal.userId || !sameIntent(ev, intent)) {
    throw new HttpError(
      409,
      'op_id_reused',
      'Этот идентификатор операции уже использован для другой отметки (другой обучающийся, занятие или значение): запись не выполнена. Обновите страницу и внесите отметку снова.',
    );
  }
  const m = await findMark(ctx.db, ctx.principal.organizationId, ev.mark_id);
  return { mark: m ? markOf(m) : null, replayed: true };
}

const staleMessage = (current: MarkRow | null | undefined) =>
  current
    ? `Отметку уже изменили: сейчас «${current.value}». Проверьте и внесите снова.`
    : 'Отметку уже удалили. Обновите клетку и внесите снова.';

export async function createMark(ctx: Ctx, body: CreateMarkBody): Promise<MarkWriteResult> {
  // A retried create is recognised by its operation id only where the first attempt would make
  // the retry fail (closed window, a filled cell, the unique index): the usual path saves a query.
  const { lesson: l, onRoster } = await writableLessonFor(ctx, body.lessonId, body.studentId);
  const w = windowFor(ctx, l);
  const intent: WriteIntent = {
    action: 'create',
    lessonId: body.lessonId,
    studentId: body.studentId,
    value: body.value,
    workType: body.workType,
    weight: body.weight,
  };
  if (w.state !== 'open') {
    const replay = await replayOf(ctx, body.opId, intent);
    if (replay) return replay;
    refuseUnlessOpen(w);
  }
  if (!onRoster) {
    throw fieldError(
      'studentId',
      `Обучающийся не числится в ${l.subgroup_id ? 'подгруппе' : 'группе'} ${l.group_name} на ${formatRu(l.date)}.`,
    );
  }
  try {
    const mark = await ctx.db.transaction().execute(async (tx) => {
      await checkCellLimits(ctx, tx, l.id, body.studentId, body.value);
      return (await insertMark(tx, ctx, l, body.studentId, body, { opId: body.opId, reason: undoReason(body.undo) })).mark;
    });
    return { mark, replayed: false };
  } catch (err) {
    const again = await replayOf(ctx, body.opId, intent);
    if (again) return again;
    if (!isUniqueViolation(err)) throw err;
    const current = (await marksOfCell(ctx.db, ctx.principal.organizationId, l.id, body.studentId)).find((m) => m.kind === 'absence');
    throw conflict('У обучающегося уже отмечен пропуск на этом занятии. Измените его вместо новой отметки.', {
      current: current ? markOf(current) : null,
    });
  }
}

async function existingMarkForWrite(ctx: Ctx, id: number) {
  const m = await findMark(ctx.db, ctx.principal.organizationId, id);
  if (m) return m;
  const lessonId = await lessonOfMarkEvents(ctx.db, ctx.principal.organizationId, id);
  if (!lessonId) throw notFound('Отметка не найдена.');
  await writableLesson(ctx, lessonId);
  throw conflict(staleMessage(null), { current: null });
}

export async function updateMark(ctx: Ctx, id: number, body: UpdateMarkBody): Promise<MarkWriteResult> {
  const intent: WriteIntent = { action: 'update', markId: id, value: body.value, workType: body.workType, weight: body.weight };
  const replay = await replayOf(ctx, body.opId, intent);
  if (replay) return replay;
  const m = await existingMarkForWrite(ctx, id);
  const { lesson: l, onRoster } = await writableLessonFor(ctx, m.lesson_id, m.student_id);
  refuseUnlessOpen(windowFor(ctx, l));
  // A mark left on a date the student was no longer on the roster (a backdated transfer) may be
  // removed, not changed (decision 013).
  if (!onRoster) {
    throw forbidden(
      `Обучающийся не числится в ${l.subgroup_id ? 'подгруппе' : 'группе'} ${l.group_name} на ${formatRu(l.date)}: эту отметку можно только удалить.`,
    );
  }
  if (kindOf(body.value) !== m.kind) {
    throw fieldError(
      'value',
      m.kind === 'grade'
        ? 'Оценку нельзя превратить в пропуск: удалите её и отметьте пропуск.'
        : 'Пропуск нельзя превратить в оценку: удалите его и поставьте оценку.',
    );
  }
  if (m.version !== body.version) throw conflict(staleMessage(m), { current: markOf(m) });
  try {
    const done = await ctx.db
      .transaction()
      .execute((tx) => updateMarkRow(tx, ctx, m, l.hours, body, { opId: body.opId, reason: undoReason(body.undo) }));
    if (done) return { mark: done.mark, replayed: false };
    const now = await findMark(ctx.db, ctx.principal.organizationId, id);
    throw conflict(staleMessage(now), { current: now ? markOf(now) : null });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await replayOf(ctx, body.opId, intent);
    if (again) return again;
    throw err;
  }
}

export async function deleteMark(ctx: Ctx, id: number, q: { version: number; opId?: string; undo?: string }): Promise<MarkWriteResult> {
  const replay = await replayOf(ctx, q.opId, { action: 'delete', markId: id });
  if (replay) return replay;
  const m = await existingMarkForWrite(ctx, id);
  const l = await writableLesson(ctx, m.lesson_id);
  refuseUnlessOpen(windowFor(ctx, l));
  if (m.version !== q.version) throw conflict(staleMessage(m), { current: markOf(m) });
  try {
    const done = await ctx.db.transaction().execute((tx) => deleteMarkRow(tx, ctx, m, { opId: q.opId, reason: undoReason(q.undo) }));
    if (!done) {
      const now = await findMark(ctx.db, ctx.principal.organizationId, id);
      throw conflict(staleMessage(now), { current: now ? markOf(now) : null });
    }
    return { mark: null, replayed: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await replayOf(ctx, q.opId, { action: 'delete', markId: id });
    if (again) return again;
    throw err;
  }
}
