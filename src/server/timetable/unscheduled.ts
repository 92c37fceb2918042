import type { z } from 'zod';
import type { UnscheduledBody } from '../../contracts/timetable.js';
import { addDays, formatRu } from '../../domain/dates.js';
import { findLessonClashes } from '../../domain/timetable.js';
import { audit } from '../platform/audit.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { dayBookings } from './changes.js';
import { clashNames, loadDirectory, loadTerms } from './queries.js';
import { deleteLesson, findLesson, hasRecords, insertUnscheduledLesson } from './queries/changes.js';
import { clashError, orgOf, today } from './shared.js';

// Lessons outside the timetable, added by their teacher (or the timetable's office).

export async function addUnscheduled(ctx: Ctx, body: z.infer<typeof UnscheduledBody>) {
  const orgId = orgOf(ctx);
  const dir = await loadDirectory(ctx.db, orgId);
  const a = dir.assignments.get(body.assignmentId);
  if (!a) throw notFound('Нагрузка не найдена.');
  if (!ctx.reach.all && a.teacherPersonId !== ctx.reach.personId) throw forbidden('Добавить занятие можно только по своей нагрузке.');
  const terms = await loadTerms(ctx.db, orgId);
  const term = terms.find((t) => t.id === a.termId)!;
  if (body.date < term.startDate || body.date > term.endDate)
    throw fieldError('date', `Дата вне семестра нагрузки (${formatRu(term.startDate)} – ${formatRu(term.endDate)}).`);
  if (body.date > addDays(today(ctx), 14)) throw fieldError('date', 'Занятие вне расписания добавляется не раньше чем за две недели.');
  const day = await dayBookings(ctx.db, orgId, body.date);
  const clashes = findLessonClashes(
    {
      key: 'new',
      date: body.date,
      pairNo: body.pairNo,
      groupId: a.groupId,
      subgroupId: a.subgroupId,
      teacherPersonId: a.teacherPersonId,
      room: body.room ?? null,
    },
    day,
    clashNames(dir),
  );
  if (clashes.length) throw clashError(clashes);
  return ctx.db.transaction().execute(async (tx) => {
    const lessonId = await insertUnscheduledLesson(tx, orgId, {
      assignmentId: a.id,
      date: body.date,
      pairNo: body.pairNo,
      teacherPersonId: a.teacherPersonId,
      room: body.room ?? null,
      reason: body.reason,
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'lesson.unscheduled',
      entity: 'lesson',
      entityId: lessonId,
      after: body,
      reason: body.reason,
      ip: ctx.ip,
    });
    return {
      id: lessonId,
      message: `Занятие вне расписания добавлено: ${formatRu(body.date)}, ${body.pairNo} пара, ${dir.groupName(a.groupId, a.subgroupId)} — ${a.code} ${a.name}.`,
    };
  });
}

export async function deleteUnscheduled(ctx: Ctx, id: number) {
  const orgId = orgOf(ctx);
  const l = await findLesson(ctx.db, orgId, id);
  if (!l || l.source !== 'manual') throw notFound('Занятие вне расписания не найдено.');
  if (!ctx.reach.all && l.teacher_person_id !== ctx.reach.personId) throw forbidden('Удалить можно только своё занятие.');
  if (await hasRecords(ctx.db, orgId, id)) throw conflict('Занятие уже записано в журнал (тема или отметки) — удалить его нельзя.');
  return ctx.db.transaction().execute(async (tx) => {
    await deleteLesson(tx, orgId, id);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'lesson.unscheduled_delete',
      entity: 'lesson',
      entityId: id,
      before: l,
      ip: ctx.ip,
    });
    return { ok: true as const, message: `Занятие ${formatRu(l.date)}, ${l.pair_no} пара удалено.` };
  });
}
