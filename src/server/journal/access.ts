import { formatRu, localDateTime, todayIn } from '../../domain/dates.js';
import { entryWindowAt, entryWindowSettings, type EntryWindow } from '../../domain/journal-window.js';
import { scopesOf, type Principal } from '../platform/access.js';
import { forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { reachOf, readsJournal, type JournalTarget, type Reach } from '../platform/reach.js';
import { findLesson, findLessonForStudent, type LessonRow } from './queries.js';

// Who may read and write a journal: what the scopes mean for rows is platform/reach.ts; here are
// the journal's own faces of it (a lesson's target, writing, the entry window).

/** The caller's reach for reading journals, whatever the route (a write answers with what the caller reads). */
export const readReach = (ctx: Ctx): Reach => reachOf(ctx.principal, scopesOf(ctx.principal, 'journal:read'));

/** Only the teacher of the assignment or the lesson's substitute writes it (п. 3.13). */
export function writesLesson(p: Principal, t: JournalTarget): boolean {
  if (!scopesOf(p, 'journal:write').includes('assignment')) return false;
  return t.assignmentTeacherPersonId === p.personId || t.lessonTeacherPersonId === p.personId;
}

export const targetOfLesson = (l: LessonRow): JournalTarget => ({
  groupId: l.group_id,
  commissionId: l.commission_id,
  assignmentTeacherPersonId: l.a_teacher_person_id,
  lessonTeacherPersonId: l.teacher_person_id,
});

/** The caller may write the lesson: its teacher or substitute, and it is not cancelled. */
export const canWriteLesson = (p: Principal, l: LessonRow) => l.status !== 'cancelled' && writesLesson(p, targetOfLesson(l));

/** The entry window of a lesson, by the settings of its organization (read with the lesson). */
export const windowFor = (ctx: Ctx, l: LessonRow): EntryWindow =>
  entryWindowAt(l.date, localDateTime(ctx.principal.timeZone), entryWindowSettings(l.org_settings));

export function refuseUnlessOpen(w: EntryWindow) {
  if (w.state === 'open') return;
  throw new HttpError(403, w.state === 'closed' ? 'entry_closed' : 'entry_future', w.message!, undefined, { window: w });
}

/** A lesson the caller may read (404 otherwise). */
export async function readableLesson(ctx: Ctx, reach: Reach, id: number): Promise<LessonRow> {
  const l = await findLesson(ctx.db, ctx.principal.organizationId, id);
  if (!l || !readsJournal(reach, targetOfLesson(l))) throw notFound('Занятие не найдено.');
  return l;
}

/** A lesson the caller may write: 404 when it is not theirs to see, 403 when only to read. */
export async function writableLesson(ctx: Ctx, id: number): Promise<LessonRow> {
  return refuseUnlessWritable(ctx, await findLesson(ctx.db, ctx.principal.organizationId, id));
}

/** writableLesson, with whether a student is on the lesson's roster on its date (one statement: a mark's write). */
export async function writableLessonFor(ctx: Ctx, id: number, studentId: number): Promise<{ lesson: LessonRow; onRoster: boolean }> {
  const l = await findLessonForStudent(ctx.db, ctx.principal.organizationId, id, studentId);
  return { lesson: refuseUnlessWritable(ctx, l), onRoster: !!l && Number(l.on_roster) === 1 };
}

function refuseUnlessWritable<L extends LessonRow>(ctx: Ctx, l: L | undefined): L {
  const writes = !!l && writesLesson(ctx.principal, targetOfLesson(l));
  if (!l || !(writes || readsJournal(readReach(ctx), targetOfLesson(l)))) throw notFound('Занятие не найдено.');
  if (!writes) throw forbidden('Журнал этого занятия ведёт преподаватель нагрузки или заменяющий его преподаватель.');
  if (l.status === 'cancelled')
    throw new HttpError(409, 'lesson_cancelled', `Занятие ${formatRu(l.date)} отменено: отметки в нём не ведутся.`);
  return l;
}

/** A lesson is recorded on its day or later (п. 3.13). */
export function refuseFutureRecord(ctx: Ctx, l: LessonRow) {
  if (l.date > todayIn(ctx.principal.timeZone)) {
    throw new HttpError(403, 'entry_future', `Занятие ${formatRu(l.date)} ещё не наступило: его записывают в день проведения.`);
  }
}
