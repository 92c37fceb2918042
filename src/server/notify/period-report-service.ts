import type { MyReports, OrderResult } from '../../contracts/notify-guardian.js';
import { addDays, formatRu, todayIn } from '../../domain/dates.js';
import { nextReportDay, periodProblem, scheduledPeriod, type ReportSchedule } from '../../domain/guardian-notices.js';
import { coversPeriod } from '../../domain/periods.js';
import { summarize } from '../../domain/period-summary.js';
import { fullName, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { PDF_TYPE } from '../platform/documents.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { namesStudent } from '../platform/reach.js';
import { notify } from './outbox.js';
import { periodReportPdf } from './period-report-pdf.js';
import {
  cancelOrderRow,
  dueOrders,
  excusesBetween,
  insertOrder,
  isGuardianOf,
  keepReport,
  membershipsInGroups,
  orderById,
  ordersOfPerson,
  orgName,
  reportById,
  reportContent,
  reportsOfPerson,
  setNextDay,
  studentHeading,
  studentMarksBetween,
  type OrderRow,
} from './period-report-queries.js';

// The report of grades and attendance for a period (п. 3.12, issue 14 item 7): a guardian orders it
// for a child, a curator for a guardian of their group's student (for days the student was in the
// group); once, or weekly / monthly. It is made as a PDF, kept, sent by e-mail as an attachment
// and told in the app with a link to download it.

const NOT_FOUND = 'Обучающийся не найден среди доступных вам.';

/** An order of the report as the API gives it (also in the curator's guardians overview). */
export const orderOut = (o: OrderRow) => ({
  id: o.id,
  studentId: o.student_id,
  studentName: fullName({ last_name: o.s_last, first_name: o.s_first, middle_name: o.s_middle }),
  recipientName: fullName({ last_name: o.r_last, first_name: o.r_first, middle_name: o.r_middle }),
  schedule: o.schedule,
  from: o.from_date,
  to: o.to_date,
  nextDay: o.next_day,
  createdAt: o.created_at,
  cancelled: o.cancelled_at !== null,
});

type ReportRow = NonNullable<Awaited<ReturnType<typeof reportById>>>;
const reportOut = (r: ReportRow) => ({
  id: r.id,
  orderId: r.order_id,
  studentName: fullName(r),
  from: r.from_date,
  to: r.to_date,
  fileName: r.file_name,
  createdAt: r.created_at,
});

/** Who the caller may order for: themself for their own child; a curator, a guardian of a student of the group for days it was theirs. */
async function checkOrder(ctx: Ctx, studentId: number, recipientPersonId: number, from: string | null, to: string | null) {
  const orgId = ctx.principal.organizationId;
  if (recipientPersonId === ctx.principal.personId && namesStudent(ctx.reach, studentId)) return;
  if (!ctx.reach.curatorGroupIds.length) throw notFound(NOT_FOUND);
  const spans = (await membershipsInGroups(ctx.db, orgId, studentId, ctx.reach.curatorGroupIds)).map((m) => ({
    from: m.start_date,
    to: m.end_date,
  }));
  if (!spans.length) throw notFound(NOT_FOUND);
  if (!(await isGuardianOf(ctx.db, orgId, recipientPersonId, studentId)))
    throw badRequest('Получатель — не родитель (законный представитель) этого обучающегося.', {
      recipientPersonId: 'Не родитель обучающегося',
    });
  const today = todayIn(ctx.principal.timeZone);
  if (!coversPeriod(spans, from ?? today, to ?? from ?? today))
    throw forbidden('Обучающийся был в вашей группе не весь этот период: закажите отчёт за дни, когда группа была вашей.');
}

export async function orderReport(
  ctx: Ctx,
  b: { studentId: number; recipientPersonId?: number; schedule: ReportSchedule; from?: string; to?: string },
): Promise<OrderResult> {
  const orgId = ctx.principal.organizationId;
  const recipient = b.recipientPersonId ?? ctx.principal.personId;
  const from = b.schedule === 'once' ? b.from! : null;
  const to = b.schedule === 'once' ? b.to! : null;
  if (from && to) {
    const p = periodProblem(from, to);
    if (p) throw badRequest(p, { to: p });
  }
  await checkOrder(ctx, b.studentId, recipient, from, to);
  const today = todayIn(ctx.principal.timeZone);
  const at = nowIso();
  const { id, reportId } = await ctx.db.transaction().execute(async (tx) => {
    const nextDay = b.schedule === 'once' ? null : nextReportDay(b.schedule, today);
    const id = await insertOrder(tx, {
      orgId,
      studentId: b.studentId,
      recipientPersonId: recipient,
      userId: ctx.principal.userId,
      schedule: b.schedule,
      from,
      to,
      nextDay,
      at,
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'notify.report.order',
      entity: 'period_report_order',
      entityId: id,
      after: b,
      ip: ctx.ip,
    });
    const reportId =
      from && to
        ? await makeReport(
            tx,
            orgId,
            { id, student_id: b.studentId, recipient_person_id: recipient },
            from,
            to,
            today,
            ctx.principal.personId,
          )
        : null;
    return { id, reportId };
  });
  const order = (await orderById(ctx.db, orgId, id))!;
  const report = reportId ? await reportById(ctx.db, orgId, reportId) : undefined;
  return { order: orderOut(order), report: report ? reportOut(report) : null };
}

/** Makes, keeps and sends one report (once per order and period); the kept report's id. */
async function makeReport(
  tx: Tx,
  orgId: number,
  o: { id: number; student_id: number; recipient_person_id: number },
  from: string,
  to: string,
  today: string,
  senderPersonId?: number,
): Promise<number> {
  const [org, head, marks, excuses] = await Promise.all([
    orgName(tx, orgId),
    studentHeading(tx, orgId, o.student_id, to),
    studentMarksBetween(tx, orgId, [o.student_id], from, to),
    excusesBetween(tx, orgId, [o.student_id], from, to),
  ]);
  if (!head) throw notFound(NOT_FOUND);
  const summary = summarize(
    marks.map((m) => ({ ...m, kind: m.kind as 'grade' | 'absence' })),
    [],
    excuses,
  );
  const student = fullName(head);
  const pdf = await periodReportPdf({ college: org.name, student, group: head.group_name ?? null, from, to, madeOn: today }, summary);
  const fileName = `Отчёт ${shortName(head)} ${formatRu(from)}–${formatRu(to)}.pdf`;
  const kept = await keepReport(tx, {
    orgId,
    orderId: o.id,
    studentId: o.student_id,
    recipientPersonId: o.recipient_person_id,
    from,
    to,
    fileName,
    content: pdf,
    at: nowIso(),
  });
  if (kept.created) {
    const notice = {
      personId: o.recipient_person_id,
      kind: 'report',
      title: `Отчёт об успеваемости и посещаемости: ${shortName(head)}, ${formatRu(from)}–${formatRu(to)}`,
      text: `Отчёт об оценках и пропусках ${student} за ${formatRu(from)}–${formatRu(to)} — во вложении и в журнале (раздел «Уведомления»).`,
      link: `/notify/settings?report=${kept.id}`,
      key: `report:${o.id}:${from}`,
      studentId: o.student_id,
      ...(senderPersonId ? { senderPersonId } : {}),
    };
    await notify(tx, orgId, [notice], ['app']);
    await notify(tx, orgId, [{ ...notice, attachments: [{ fileName, contentType: PDF_TYPE, content: pdf }] }], ['email']);
  }
  return kept.id;
}

export async function myReports(ctx: Ctx): Promise<MyReports> {
  const orgId = ctx.principal.organizationId;
  const [orders, reports] = await Promise.all([
    ordersOfPerson(ctx.db, orgId, ctx.principal.personId, ctx.principal.userId),
    reportsOfPerson(ctx.db, orgId, ctx.principal.personId, ctx.principal.userId),
  ]);
  return { orders: orders.map(orderOut), reports: reports.map(reportOut) };
}

export async function cancelOrder(ctx: Ctx, id: number) {
  const orgId = ctx.principal.organizationId;
  const o = await orderById(ctx.db, orgId, id);
  if (!o || (o.recipient_person_id !== ctx.principal.personId && o.ordered_by_user_id !== ctx.principal.userId))
    throw notFound('Заказ отчёта не найден.');
  await ctx.db.transaction().execute(async (tx) => {
    await cancelOrderRow(tx, orgId, id, nowIso());
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'notify.report.cancel',
      entity: 'period_report_order',
      entityId: id,
      ip: ctx.ip,
    });
  });
  return { ok: true as const };
}

/** The PDF for its recipient, for who ordered it, and for a curator of the student's group. */
export async function reportPdf(ctx: Ctx, id: number) {
  const orgId = ctx.principal.organizationId;
  const r = await reportById(ctx.db, orgId, id);
  const mine = r && (r.recipient_person_id === ctx.principal.personId || r.ordered_by_user_id === ctx.principal.userId);
  const curated = r && !mine && (await membershipsInGroups(ctx.db, orgId, r.student_id, ctx.reach.curatorGroupIds)).length > 0;
  if (!r || !(mine || curated)) throw notFound('Отчёт не найден.');
  return (await reportContent(ctx.db, orgId, id))!;
}

/** The daily job: scheduled orders due today are made for their period, and their next day set. */
export async function runScheduledReports(db: Db, org: { id: number; timeZone: string }, slot: string): Promise<number> {
  let n = 0;
  for (const o of await dueOrders(db, org.id, slot)) {
    const schedule = o.schedule as 'weekly' | 'monthly';
    const period = scheduledPeriod(schedule, o.next_day!) ?? scheduledPeriod(schedule, slot);
    await db.transaction().execute(async (tx) => {
      if (period) await makeReport(tx, org.id, o, period.from, period.to, slot);
      await setNextDay(tx, org.id, o.id, nextReportDay(schedule, addDays(slot, 1)));
    });
    if (period) n++;
  }
  return n;
}
