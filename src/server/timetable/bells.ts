import type { z } from 'zod';
import type { BellScheduleBody, Bells } from '../../contracts/timetable.js';
import { addDays, formatRu } from '../../domain/dates.js';
import { countRu, NOUNS } from '../../domain/russian.js';
import { audit } from '../platform/audit.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import {
  clearOtherDefaults,
  countBellSchedules,
  deleteBellScheduleRows,
  findBellSchedule,
  insertBellSchedule,
  loadBellSchedules,
  replaceBellPeriods,
  setBellDayRow,
  updateBellSchedule,
} from './queries/bells.js';
import { orgOf, today } from './shared.js';

export async function getBells(ctx: Ctx): Promise<Bells> {
  const { schedules, periods, days } = await loadBellSchedules(ctx.db, orgOf(ctx), addDays(today(ctx), -31));
  return {
    schedules: schedules.map((s) => ({
      id: s.id,
      name: s.name,
      isDefault: s.is_default === 1,
      periods: periods
        .filter((p) => p.bell_schedule_id === s.id)
        .map((p) => ({ pairNo: p.pair_no, startsAt: p.starts_at, endsAt: p.ends_at })),
    })),
    days: days.map((d) => ({ date: d.date, bellScheduleId: d.bell_schedule_id, name: d.name })),
  };
}

function checkPeriods(periods: z.infer<typeof BellScheduleBody>['periods']) {
  const sorted = [...periods].sort((a, b) => a.pairNo - b.pairNo);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    if (p.startsAt >= p.endsAt)
      throw fieldError(`periods.${i}`, `${p.pairNo} пара: начало (${p.startsAt}) должно быть раньше конца (${p.endsAt}).`);
    if (i > 0 && sorted[i - 1].pairNo === p.pairNo) throw fieldError(`periods.${i}`, `${p.pairNo} пара указана дважды.`);
    if (i > 0 && sorted[i - 1].endsAt > p.startsAt) {
      throw fieldError(
        `periods.${i}`,
        `${p.pairNo} пара начинается (${p.startsAt}) раньше, чем кончается ${sorted[i - 1].pairNo} пара (${sorted[i - 1].endsAt}).`,
      );
    }
  }
  return sorted;
}

export async function saveBellSchedule(ctx: Ctx, id: number | null, body: z.infer<typeof BellScheduleBody>) {
  const orgId = orgOf(ctx);
  const periods = checkPeriods(body.periods);
  return ctx.db.transaction().execute(async (tx) => {
    const count = await countBellSchedules(tx, orgId);
    let scheduleId: number;
    if (id === null) {
      scheduleId = await insertBellSchedule(tx, orgId, { name: body.name, isDefault: body.isDefault || count === 0 });
    } else {
      const before = await findBellSchedule(tx, orgId, id);
      if (!before) throw notFound('Расписание звонков не найдено.');
      if (before.is_default && !body.isDefault)
        throw fieldError('isDefault', 'Основное расписание звонков остаётся основным, пока другое не отмечено основным.');
      await updateBellSchedule(tx, orgId, id, { name: body.name, makeDefault: body.isDefault });
      scheduleId = id;
    }
    if (body.isDefault) await clearOtherDefaults(tx, orgId, scheduleId);
    await replaceBellPeriods(tx, orgId, scheduleId, periods);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: id === null ? 'bells.create' : 'bells.update',
      entity: 'bell_schedule',
      entityId: scheduleId,
      after: body,
      ip: ctx.ip,
    });
    return { id: scheduleId, message: `Расписание звонков «${body.name}» сохранено: ${countRu(periods.length, NOUNS.pair)}.` };
  });
}

export async function deleteBellSchedule(ctx: Ctx, id: number) {
  const orgId = orgOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const s = await findBellSchedule(tx, orgId, id);
    if (!s) throw notFound('Расписание звонков не найдено.');
    if (s.is_default) throw conflict('Основное расписание звонков удалить нельзя: сначала отметьте основным другое.');
    await deleteBellScheduleRows(tx, orgId, id);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'bells.delete',
      entity: 'bell_schedule',
      entityId: id,
      before: { name: s.name },
      ip: ctx.ip,
    });
    return { ok: true as const };
  });
}

export async function setBellDay(ctx: Ctx, date: string, bellScheduleId: number | null) {
  const orgId = orgOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    let name = 'основному расписанию звонков';
    if (bellScheduleId !== null) {
      const s = await findBellSchedule(tx, orgId, bellScheduleId);
      if (!s) throw fieldError('bellScheduleId', 'Такого расписания звонков нет.');
      name = `расписанию «${s.name}»`;
    }
    await setBellDayRow(tx, orgId, date, bellScheduleId);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'bells.day',
      entity: 'bell_day',
      entityId: date,
      after: { bellScheduleId },
      ip: ctx.ip,
    });
    return { ok: true as const, message: `${formatRu(date)} звонки идут по ${name}.` };
  });
}
