import { scopesFor, type Scope } from '../../domain/permissions.js';
import { formatRu, localDateTime, todayIn } from '../../domain/dates.js';
import { entryWindowAt, entryWindowSettings, type EntryWindow } from '../../domain/journal-window.js';
import type { Principal } from '../platform/access.js';
import { directionReach } from '../platform/direction.js';
import { forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { findLesson, type LessonRow } from './queries.js';

// Who may read and write a journal (п. 3.10–3.13): control roles every journal, the chair the
// commission's subjects, the curator the group's, the teacher the assignment's and the lessons
// they substitute, a specialist the groups and students of their direction (п. 2.6). Students and guardians read their own marks through their own views.

export interface JournalTarget {
  groupId: number;
  commissionId: number | null;
  assignmentTeacherPersonId: number;
  /** The lesson's teacher (a substitute); omit for a whole assignment. */
  lessonTeacherPersonId?: number;
}

export function readsByRole(p: Principal, scopes: readonly Scope[], t: JournalTarget): boolean {
  if (scopes.includes('org')) return true;
  if (scopes.includes('group') && p.curatorGroupIds.includes(t.groupId)) return true;
  if (scopes.includes('commission') && t.commissionId !== null && p.commissionIds.includes(t.commissionId)) return true;
  if (scopes.includes('assignment') && (t.assignmentTeacherPersonId === p.personId || t.lessonTeacherPersonId === p.personId)) return true;
  if (directionReach(scopes, p.direction, t.groupId)) return true;
  return false;
}

/**
 * Whose rows of a readable journal the caller sees: everyone's (null), or, when only a
 * specialist's single students open it, theirs alone.
 */
export function visibleRows(p: Principal, scopes: readonly Scope[], t: JournalTarget): Set<number> | null {
  if (readsByRole(p, scopes.filter((s) => s !== 'direction'), t)) return null;
  const reach = directionReach(scopes, p.direction, t.groupId);
  return reach instanceof Set ? reach : null;
}

/** Only the teacher of the assignment or the lesson's substitute writes it. */
export function writesLesson(p: Principal, t: JournalTarget): boolean {
  if (!scopesFor(p.roles, 'journal:write').includes('assignment')) return false;
  return t.assignmentTeacherPersonId === p.personId || t.lessonTeacherPersonId === p.personId;
}

export const targetOfLesson = (l: LessonRow): JournalTarget => ({
  groupId: l.group_id, commissionId: l.commission_id, assignmentTeacherPersonId: l.a_teacher_person_id, lessonTeacherPersonId: l.teacher_person_id,
});

/** The caller may write the lesson: its teacher or substitute, and it is not cancelled. */
export const canWriteLesson = (p: Principal, l: LessonRow) => l.status !== 'cancelled' && writesLesson(p, targetOfLesson(l));

/** The entry window of a lesson, by the settings of its organization (read with the lesson). */
export const windowFor = (ctx: Ctx, l: LessonRow): EntryWindow => entryWindowAt(l.date, localDateTime(ctx.principal.timeZone), entryWindowSettings(l.org_settings));

export function refuseUnlessOpen(w: EntryWindow) {
  if (w.state === 'open') return;
  throw new HttpError(403, w.state === 'closed' ? 'entry_closed' : 'entry_future', w.message!, undefined, { window: w });
}

/** A lesson the caller may read (404 otherwise). */
export async function readableLesson(ctx: Ctx, scopes: readonly Scope[], id: number): Promise<LessonRow> {
  const l = await findLesson(ctx.db, ctx.principal.organizationId, id);
  if (!l || !readsByRole(ctx.principal, scopes, targetOfLesson(l))) throw notFound('Занятие не найдено.');
  return l;
}

/** A lesson the caller may write: 404 when it is not theirs to see, 403 when only to read. */
export async function writableLesson(ctx: Ctx, id: number): Promise<LessonRow> {
  const l = await findLesson(ctx.db, ctx.principal.organizationId, id);
  const readScopes = scopesFor(ctx.principal.roles, 'journal:read');
  if (!l || !(readsByRole(ctx.principal, readScopes, targetOfLesson(l)) || writesLesson(ctx.principal, targetOfLesson(l)))) throw notFound('Занятие не найдено.');
  if (!writesLesson(ctx.principal, targetOfLesson(l))) throw forbidden('Журнал этого занятия ведёт преподаватель нагрузки или заменяющий его преподаватель.');
  if (l.status === 'cancelled') throw new HttpError(409, 'lesson_cancelled', `Занятие ${formatRu(l.date)} отменено: отметки в нём не ведутся.`);
  return l;
}

/** A lesson is recorded on its day or later (п. 3.13). */
export function refuseFutureRecord(ctx: Ctx, l: LessonRow) {
  if (l.date > todayIn(ctx.principal.timeZone)) {
    throw new HttpError(403, 'entry_future', `Занятие ${formatRu(l.date)} ещё не наступило: его записывают в день проведения.`);
  }
}
