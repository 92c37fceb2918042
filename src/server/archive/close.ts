import type { CloseYearResult } from '../../contracts/archive.js';
import { addDays, formatRu, todayIn } from '../../domain/dates.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { yearRow, yearsWithTerms } from '../structure/queries.js';
import { batchOfOrg } from './batch-queries.js';
import { batchOut, batchRunner, queueBatch, registerBatchKind } from './batches.js';
import { groupsOfYear } from './export-queries.js';
import { GROUP_PARTS } from './group-parts.js';
import { setYearClosed, setYearOpen } from './queries.js';

// Closing an academic year (issue 13 item 4, п. 5.5; decision 028): after its end the administrator
// closes it; its journals, grades, plans, load and timetable become read-only (the year lock,
// year-lock.ts), and the archive is made in the background. Reopening takes a reason, audited.

export const YEAR_ARCHIVE_KIND = 'year-archive';

/** The year's archive: a step per group with load in the year, each writing GROUP_PARTS. */
registerBatchKind({
  kind: YEAR_ARCHIVE_KIND,
  // Three groups at a time: their files' compression and writes overlap (memory: three groups).
  concurrency: 3,
  async steps(db, orgId, params) {
    const { yearId } = params as { yearId: number };
    return (await groupsOfYear(db, orgId, yearId)).map((g) => ({ groupId: g.id, label: g.name }));
  },
  async runStep(db, orgId, params, step, files) {
    const { yearId } = params as { yearId: number };
    for (const part of GROUP_PARTS)
      await files.write(part.name, part.contentType, (out) => part.write(db, orgId, { groupId: step.groupId!, yearId }, out));
  },
});

const who = (ctx: Ctx) => ({ organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, ip: ctx.ip });
const yearOut = async (ctx: Ctx, id: number) => (await yearsWithTerms(ctx.db, ctx.principal.organizationId)).find((y) => y.id === id)!;

export async function closeYear(ctx: Ctx, id: number): Promise<CloseYearResult> {
  const orgId = ctx.principal.organizationId;
  const year = await yearRow(ctx.db, orgId, id);
  if (!year) throw notFound('Учебный год не найден.');
  if (year.status === 'archived') throw conflict(`Учебный год ${year.name} уже закрыт.`);
  const today = todayIn(ctx.principal.timeZone);
  if (today <= year.end_date)
    throw conflict(
      `Учебный год ${year.name} ещё не окончен: он заканчивается ${formatRu(year.end_date)}. Закрыть его можно с ${formatRu(addDays(year.end_date, 1))}.`,
    );
  const batchId = await ctx.db.transaction().execute(async (tx) => {
    await setYearClosed(tx, orgId, id, ctx.principal.userId, nowIso());
    const b = await queueBatch(tx, {
      orgId,
      kind: YEAR_ARCHIVE_KIND,
      params: { yearId: id },
      title: `Архив учебного года ${year.name}`,
      userId: ctx.principal.userId,
    });
    await audit(tx, { ...who(ctx), action: 'archive.year_closed', entity: 'academic_year', entityId: id, after: { batchId: b } });
    return b;
  });
  batchRunner(ctx.db).kick();
  return { year: await yearOut(ctx, id), batch: batchOut((await batchOfOrg(ctx.db, orgId, batchId))!) };
}

export async function reopenYear(ctx: Ctx, id: number, reason: string) {
  const orgId = ctx.principal.organizationId;
  const year = await yearRow(ctx.db, orgId, id);
  if (!year) throw notFound('Учебный год не найден.');
  if (year.status !== 'archived') throw conflict(`Учебный год ${year.name} не закрыт.`);
  await ctx.db.transaction().execute(async (tx) => {
    await setYearOpen(tx, orgId, id);
    await audit(tx, {
      ...who(ctx),
      action: 'archive.year_reopened',
      entity: 'academic_year',
      entityId: id,
      before: { status: 'archived', closedAt: year.closed_at },
      after: { status: 'open' },
      reason,
    });
  });
  return yearOut(ctx, id);
}
