import type { CorrectionList, CreateCorrectionBody } from '../../contracts/journal.js';
import { formatRu } from '../../domain/dates.js';
import type { WorkType } from '../../domain/marks.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, fieldError, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { windowFor, writableLesson } from './access.js';
import { checkCellLimits, deleteMarkRow, insertMark, kindOf, updateMarkRow } from './mark-events.js';
import { findLesson, studentInLesson, userNames } from './queries.js';
import {
  correctionsJoined,
  decideCorrection,
  findCorrection,
  insertCorrection,
  pendingCorrectionOf,
  type CorrectionStatus,
} from './queries/corrections.js';
import { findMark, marksOfCell } from './queries/marks.js';
import { scopesOf } from '../platform/access.js';

// Corrections after the entry window (п. 3.13): the teacher asks, the deputy or methodologist
// decides; only an approval changes the record, as an event linked to the request.

export async function requestCorrection(ctx: Ctx, body: CreateCorrectionBody) {
  const orgId = ctx.principal.organizationId;
  const l = await writableLesson(ctx, body.lessonId);
  const w = windowFor(ctx, l);
  if (w.state === 'open')
    throw new HttpError(409, 'entry_open', `Журнал за ${formatRu(l.date)} ещё открыт: исправьте отметку сами, заявка не нужна.`);
  if (w.state === 'future') throw new HttpError(403, 'entry_future', w.message!);
  if (!(await studentInLesson(ctx.db, orgId, l, body.studentId)))
    throw fieldError('studentId', `Обучающийся не числится в группе ${l.group_name} на ${formatRu(l.date)}.`);
  const mark = body.markId ? await findMark(ctx.db, orgId, body.markId) : undefined;
  if (body.markId) {
    if (!mark || mark.lesson_id !== l.id || mark.student_id !== body.studentId)
      throw fieldError('markId', 'Исправляемая отметка не найдена в этой клетке.');
    if (body.value !== null && kindOf(body.value) !== mark.kind)
      throw fieldError('value', 'Оценку можно исправить только на оценку, пропуск — на пропуск.');
    const sameGrade = (body.workType ?? mark.work_type) === mark.work_type && (body.weight ?? mark.weight) === mark.weight;
    if (body.value === mark.value && (mark.kind === 'absence' || sameGrade))
      throw fieldError('value', 'Новое значение совпадает с текущим.');
  } else if (body.value === null) {
    throw fieldError('value', 'Укажите новую отметку или выберите отметку, которую нужно удалить.');
  }
  const kind = mark?.kind ?? kindOf(body.value!);
  if (await pendingCorrectionOf(ctx.db, orgId, { lessonId: l.id, studentId: body.studentId, kind, markId: body.markId ?? null })) {
    throw conflict('По этой отметке уже есть заявка на рассмотрении. Дождитесь решения.');
  }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const cid = await insertCorrection(tx, {
      orgId,
      lessonId: l.id,
      studentId: body.studentId,
      markId: mark?.id ?? null,
      kind,
      oldValue: mark?.value ?? null,
      newValue: body.value,
      newWorkType: body.value && kind === 'grade' ? (body.workType ?? (mark?.work_type as WorkType | null) ?? 'oral') : null,
      newWeight: body.weight ?? null,
      reason: body.reason,
      userId: ctx.principal.userId,
      at: nowIso(),
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'correction.request',
      entity: 'correction_request',
      entityId: cid,
      after: { lessonId: l.id, studentId: body.studentId, old: mark?.value ?? null, new: body.value },
      reason: body.reason,
      ip: ctx.ip,
    });
    return cid;
  });
  return (await listCorrections(ctx, 'all', [id])).items[0];
}

export async function listCorrections(ctx: Ctx, status: CorrectionStatus | 'all', ids?: number[]): Promise<CorrectionList> {
  const orgId = ctx.principal.organizationId;
  const canDecide = scopesOf(ctx.principal, 'correction:approve').includes('org');
  // Those who decide and those who read every journal (the director, п. 3.10) see all requests.
  const readsAll = canDecide || scopesOf(ctx.principal, 'journal:read').includes('org');
  const rows = await correctionsJoined(ctx.db, orgId, { status, requestedBy: readsAll ? undefined : ctx.principal.userId, ids });
  const users = await userNames(
    ctx.db,
    orgId,
    rows.flatMap((r) => [r.requested_by_user_id, ...(r.decided_by_user_id ? [r.decided_by_user_id] : [])]),
  );
  return {
    canDecide,
    readsAll,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      lesson: { id: r.lesson_id, date: r.date },
      group: r.group_name,
      subject: `${r.subject_code} ${r.subject_name}`,
      student: { id: r.student_id, fullName: fullName(r) },
      kind: r.kind,
      markId: r.mark_id,
      oldValue: r.old_value,
      newValue: r.new_value,
      newWorkType: r.new_work_type,
      reason: r.reason,
      requestedBy: users.get(r.requested_by_user_id) ?? '',
      requestedAt: r.requested_at,
      decidedBy: r.decided_by_user_id ? (users.get(r.decided_by_user_id) ?? '') : null,
      decidedAt: r.decided_at,
      decisionComment: r.decision_comment,
      canDecide: canDecide && r.status === 'pending',
    })),
  };
}

async function pendingRequest(ctx: Ctx, id: number) {
  const c = await findCorrection(ctx.db, ctx.principal.organizationId, id);
  if (!c) throw notFound('Заявка не найдена.');
  if (c.status !== 'pending') throw conflict(`Заявка уже ${c.status === 'approved' ? 'утверждена' : 'отклонена'}.`);
  return c;
}

/** Only an approval changes the record: as an event linked to the request. */
export async function approveCorrection(ctx: Ctx, id: number, comment?: string) {
  const c = await pendingRequest(ctx, id);
  const orgId = ctx.principal.organizationId;
  const l = await findLesson(ctx.db, orgId, c.lesson_id);
  if (!l) throw notFound('Занятие заявки не найдено.');
  const extra = { reason: c.reason, correctionRequestId: c.id };
  const wanted = { value: c.new_value!, workType: c.new_work_type as WorkType | null, weight: c.new_weight };
  await ctx.db.transaction().execute(async (tx) => {
    let eventId: number;
    if (c.mark_id) {
      const m = await findMark(tx, orgId, c.mark_id);
      if (!m) throw conflict('Исправляемой отметки уже нет в журнале. Отклоните заявку с пояснением.');
      const done = c.new_value === null ? await deleteMarkRow(tx, ctx, m, extra) : await updateMarkRow(tx, ctx, m, l.hours, wanted, extra);
      if (!done) throw conflict('Отметку изменили во время утверждения. Повторите.');
      eventId = done.eventId;
    } else {
      if (c.kind === 'absence') {
        const a = (await marksOfCell(tx, orgId, c.lesson_id, c.student_id)).find((m) => m.kind === 'absence');
        if (a) throw conflict(`В клетке уже есть пропуск «${a.value}». Отклоните заявку с пояснением.`);
      } else await checkCellLimits(ctx, tx, c.lesson_id, c.student_id, c.new_value!);
      eventId = (await insertMark(tx, ctx, l, c.student_id, wanted, extra)).eventId;
    }
    if (
      !(await decideCorrection(tx, orgId, c.id, {
        status: 'approved',
        userId: ctx.principal.userId,
        at: nowIso(),
        comment: comment || null,
        markEventId: eventId,
      }))
    ) {
      throw conflict('Заявку уже рассмотрели.');
    }
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'correction.approve',
      entity: 'correction_request',
      entityId: c.id,
      after: { status: 'approved', eventId },
      reason: comment,
      ip: ctx.ip,
    });
  });
  return (await listCorrections(ctx, 'all', [c.id])).items[0];
}

export async function rejectCorrection(ctx: Ctx, id: number, comment: string) {
  const c = await pendingRequest(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await decideCorrection(tx, ctx.principal.organizationId, c.id, {
      status: 'rejected',
      userId: ctx.principal.userId,
      at: nowIso(),
      comment,
    });
    await audit(tx, {
      organizationId: ctx.principal.organizationId,
      actorUserId: ctx.principal.userId,
      action: 'correction.reject',
      entity: 'correction_request',
      entityId: c.id,
      after: { status: 'rejected' },
      reason: comment,
      ip: ctx.ip,
    });
  });
  return (await listCorrections(ctx, 'all', [c.id])).items[0];
}
