import type { History } from '../../contracts/journal.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal, visibleStudents } from '../platform/reach.js';
import { targetOfLesson } from './access.js';
import { findLesson, studentInLesson, studentName, userNames } from './queries.js';
import { correctionsOfCell } from './queries/corrections.js';
import { excusesOverlapping } from './queries/excuses.js';
import { cellHasEvents, eventsOfCell } from './queries/marks.js';

/** The history of a cell: every event of its marks, the справка that covers it and the correction requests. */
export async function cellHistory(ctx: Ctx, lessonId: number, studentId: number): Promise<History> {
  const orgId = ctx.principal.organizationId;
  const l = await findLesson(ctx.db, orgId, lessonId);
  const own = ctx.reach.ownStudentIds.includes(studentId);
  if (!l || !(readsJournal(ctx.reach, targetOfLesson(l)) || own)) throw notFound('Занятие не найдено.');
  if (!own && visibleStudents(ctx.reach, targetOfLesson(l))?.has(studentId) === false) throw notFound('Обучающийся не найден.');
  // A cell exists for a student who was in the lesson on its date, or who has marks left in it.
  if (!(await studentInLesson(ctx.db, orgId, l, studentId)) && !(await cellHasEvents(ctx.db, orgId, lessonId, studentId)))
    throw notFound('Занятие не найдено.');
  const name = await studentName(ctx.db, orgId, studentId);
  if (!name) throw notFound('Обучающийся не найден.');
  const [events, excuses, corrections] = await Promise.all([
    eventsOfCell(ctx.db, orgId, lessonId, studentId),
    excusesOverlapping(ctx.db, orgId, [studentId], l.date, l.date),
    correctionsOfCell(ctx.db, orgId, lessonId, studentId),
  ]);
  const users = await userNames(ctx.db, orgId, [...events.map((e) => e.user_id), ...excuses.map((e) => e.created_by_user_id)]);
  const e = excuses[0];
  return {
    lesson: { id: l.id, date: l.date, subject: `${l.subject_code} ${l.subject_name}`, group: l.group_name },
    student: { id: studentId, fullName: name },
    events: events.map((ev) => ({
      id: ev.id,
      at: ev.at,
      user: users.get(ev.user_id) ?? '',
      action: ev.action,
      kind: ev.kind,
      oldValue: ev.old_value,
      newValue: ev.new_value,
      oldWorkType: ev.old_work_type,
      newWorkType: ev.new_work_type,
      oldWeight: ev.old_weight,
      newWeight: ev.new_weight,
      reason: ev.reason,
      correctionRequestId: ev.correction_request_id,
    })),
    excuse: e
      ? { fromDate: e.from_date, toDate: e.to_date, reason: e.reason, document: e.document, by: users.get(e.created_by_user_id) ?? '' }
      : null,
    corrections: corrections.map((c) => ({
      id: c.id,
      status: c.status,
      oldValue: c.old_value,
      newValue: c.new_value,
      reason: c.reason,
      requestedAt: c.requested_at,
    })),
  };
}
