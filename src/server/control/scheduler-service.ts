import type { JobList, ReportDetail, ReportList } from '../../contracts/control-reports.js';
import { localDateTime } from '../../domain/dates.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { fillDay } from './fill-service.js';
import { fillReportTitle } from './scheduler-jobs.js';
import { insertReport, jobRows, reportById, reportList } from './scheduler-queries.js';

// Reports kept with who or what made them and when, and the state of the scheduled jobs.

type Row = Awaited<ReturnType<typeof reportList>>[number];
const itemOf = (r: Row) => ({
  id: r.id,
  kind: r.kind,
  period: r.period,
  title: r.title,
  madeBy: r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : null,
  madeByJob: r.made_by_job,
  createdAt: r.created_at,
});

export async function reports(ctx: Ctx, kind?: string): Promise<ReportList> {
  return { items: (await reportList(ctx.db, ctx.principal.organizationId, kind)).map(itemOf) };
}

export async function report(ctx: Ctx, id: number): Promise<ReportDetail> {
  const orgId = ctx.principal.organizationId;
  const r = await reportById(ctx.db, orgId, id);
  if (!r) throw notFound('Отчёт не найден.');
  const listed = (await reportList(ctx.db, orgId, r.kind)).find((x) => x.id === id);
  return {
    ...(listed
      ? itemOf(listed)
      : { id, kind: r.kind, period: r.period, title: r.title, madeBy: null, madeByJob: r.made_by_job, createdAt: r.created_at }),
    data: JSON.parse(r.data),
  };
}

export async function jobs(ctx: Ctx): Promise<JobList> {
  const rows = await jobRows(ctx.db, ctx.principal.organizationId);
  return { items: rows.map((r) => ({ name: r.name, lastSlot: r.last_slot, lastRunAt: r.last_run_at, lastError: r.last_error })) };
}

/** A report made on demand by the caller, kept and audited in one transaction; its id. */
export function keepReportMade(ctx: Ctx, r: { kind: string; period: string; title: string; data: unknown }): Promise<number> {
  const p = ctx.principal;
  return ctx.db.transaction().execute(async (tx) => {
    const rid = await insertReport(tx, { orgId: p.organizationId, ...r, userId: p.userId, job: null, at: nowIso() });
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'report.make',
      entity: 'generated_report',
      entityId: rid,
      after: { kind: r.kind, period: r.period },
      ip: ctx.ip,
    });
    return rid;
  });
}

/** The fill control of a past day kept as a report, on demand (the college-wide list only). */
export async function makeFillReport(ctx: Ctx, date: string): Promise<ReportDetail> {
  if (!ctx.reach.all) throw forbidden('Сохранить отчёт по всему колледжу может заместитель директора или заведующая УМС.');
  const p = ctx.principal;
  if (date >= localDateTime(p.timeZone).date) throw badRequest('Отчёт сохраняют за прошедший день.', { date: 'Выберите прошедший день' });
  const data = await fillDay(ctx.db, { id: p.organizationId, timeZone: p.timeZone }, date, () => true);
  const id = await keepReportMade(ctx, { kind: 'fill-daily', period: date, title: fillReportTitle(date), data });
  return report(ctx, id);
}
