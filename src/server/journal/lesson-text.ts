import type { LessonText, LessonTextResult, SaveLessonTextBody } from '../../contracts/journal.js';
import { parseWorkTypes } from '../../domain/marks.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, nowIso } from '../platform/db.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { refuseFutureRecord, writableLesson } from './access.js';
import { findLesson, type LessonRow } from './queries.js';
import { insertLessonTextEvent, lessonTextEventByOp, updateLessonText, type LessonTextColumns } from './queries/lessons.js';

// The lesson page saves its text in the background, field by field, as the grid saves marks
// (decision 009): a version guards against another session's change (409 with the current
// text), an operation id makes a retried save apply once, and each save is an audited event.
// The lesson counts as recorded as soon as a topic is saved.

export const lessonTextOf = (l: LessonRow): LessonText => ({
  id: l.id,
  topic: l.topic,
  workDone: l.work_done,
  workTypes: parseWorkTypes(l.work_types),
  homework: l.homework,
  hours: l.hours,
  version: l.version,
  recorded: !!l.recorded_at,
});

async function replayOf(ctx: Ctx, opId: string, lessonId: number): Promise<LessonTextResult | null> {
  const ev = await lessonTextEventByOp(ctx.db, ctx.principal.organizationId, opId);
  if (!ev) return null;
  if (ev.user_id !== ctx.principal.userId || ev.lesson_id !== lessonId)
    throw conflict('Этот идентификатор операции уже использован. Повторите действие.');
  const l = await findLesson(ctx.db, ctx.principal.organizationId, lessonId);
  if (!l) throw notFound('Занятие не найдено.');
  return { lesson: lessonTextOf(l), replayed: true };
}

/** The columns the body changes, with their old and new values. */
function changesOf(l: LessonRow, body: SaveLessonTextBody) {
  const set: LessonTextColumns = {};
  const changes: Record<string, [unknown, unknown]> = {};
  const put = <K extends keyof LessonTextColumns>(
    field: string,
    column: K,
    old: LessonTextColumns[K],
    next: LessonTextColumns[K] | undefined,
    shown: [unknown, unknown] = [old, next],
  ) => {
    if (next === undefined || next === old) return;
    set[column] = next;
    changes[field] = shown;
  };
  put('topic', 'topic', l.topic, body.topic);
  put('workDone', 'work_done', l.work_done, body.workDone === undefined ? undefined : body.workDone || null);
  put('homework', 'homework', l.homework, body.homework === undefined ? undefined : body.homework || null);
  put('hours', 'hours', l.hours, body.hours);
  if (body.workTypes) {
    const next = JSON.stringify([...new Set(body.workTypes)]);
    put('workTypes', 'work_types', l.work_types ?? '[]', next, [parseWorkTypes(l.work_types), JSON.parse(next)]);
  }
  return { set, changes };
}

export async function saveLessonText(ctx: Ctx, id: number, body: SaveLessonTextBody): Promise<LessonTextResult> {
  const replay = await replayOf(ctx, body.opId, id);
  if (replay) return replay;
  const l = await writableLesson(ctx, id);
  refuseFutureRecord(ctx, l);
  const { set, changes } = changesOf(l, body);
  const records = !l.recorded_at && !!(set.topic ?? l.topic);
  if (!Object.keys(changes).length && !records) return { lesson: lessonTextOf(l), replayed: false };
  if (body.version !== l.version) {
    throw conflict(
      'Запись занятия уже изменили в другом окне или другим пользователем. Сравните с текущей записью и выберите, какую оставить.',
      { current: lessonTextOf(l) },
    );
  }
  const orgId = ctx.principal.organizationId;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const at = nowIso();
      const ok = await updateLessonText(tx, orgId, id, l.version, {
        ...set,
        updated_at: at,
        ...(records ? { recorded_at: at, recorded_by_user_id: ctx.principal.userId } : {}),
      });
      if (!ok) throw conflict('Запись занятия уже изменили другим сеансом. Обновите страницу и сохраните снова.');
      await insertLessonTextEvent(tx, {
        orgId,
        lessonId: id,
        userId: ctx.principal.userId,
        at,
        opId: body.opId,
        version: l.version + 1,
        changes,
      });
      await audit(tx, {
        organizationId: orgId,
        actorUserId: ctx.principal.userId,
        action: records ? 'lesson.record' : 'lesson.text',
        entity: 'lesson',
        entityId: id,
        ip: ctx.ip,
        before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
        after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await replayOf(ctx, body.opId, id);
    if (again) return again;
    throw err;
  }
  const now = await findLesson(ctx.db, orgId, id);
  return { lesson: lessonTextOf(now!), replayed: false };
}
