import { todayIn } from '../../domain/dates.js';
import type { Clash } from '../../domain/timetable.js';
import { conflict, type HttpError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import type { LessonStats } from './generate.js';

export const orgOf = (ctx: Ctx) => ctx.principal.organizationId;
export const today = (ctx: Ctx) => todayIn(ctx.principal.timeZone);

export function clashError(clashes: Clash[]): HttpError {
  const messages = [...new Set(clashes.map((c) => c.message))];
  return conflict(
    messages.length === 1 ? `Конфликт расписания: ${messages[0]}` : `Конфликты расписания (${messages.length}): ${messages.join(' ')}`,
    { clashes: clashes.map((c) => ({ kind: c.kind, message: c.message, entryIds: c.entryIds })) },
  );
}

export const lessonsText = (s: LessonStats) =>
  `Занятия: добавлено ${s.created}, изменено ${s.updated}, удалено ${s.deleted}${s.detached ? `; оставлено без места в расписании, потому что в них уже есть записи: ${s.detached}` : ''}.`;
