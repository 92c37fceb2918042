import type { DeliveryLog, DeliveryLogItem } from '../../contracts/notify.js';
import { normalizeEmail, normalizePhone } from '../../domain/contacts.js';
import { now } from '../../domain/clock.js';
import { addDays } from '../../domain/dates.js';
import { kindTitle } from '../../domain/notify-kinds.js';
import { fullName, searchKey } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { failedCount, logCount, logRows, orgBacklog, recipientOf, requeue, type LogFilter, type LogRow } from './delivery-log-queries.js';
import { SKIP_REASONS } from './outbox.js';

// The administrator's «Рассылки» (issue 14 items 1, 11; 152-ФЗ): every e-mail and SMS with its
// recipient, sender, text and fate; failed (or skipped) ones retried by hand; the college's quiet
// hours and limits. Nothing is deleted from the log: a retry re-queues the same row.

/** Midnight of a local date in the college's time zone, as an instant (the offset of that moment). */
function localMidnight(date: string, timeZone: string): string {
  const guess = new Date(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (shown - guess.getTime())).toISOString();
}

function item(r: LogRow): DeliveryLogItem {
  const student = r.student_last
    ? fullName({ last_name: r.student_last, first_name: r.student_first ?? '', middle_name: r.student_middle })
    : null;
  const sender = r.sender_last
    ? fullName({ last_name: r.sender_last, first_name: r.sender_first ?? '', middle_name: r.sender_middle })
    : null;
  return {
    id: r.id,
    channel: r.channel,
    kind: r.kind,
    kindTitle: kindTitle(r.kind),
    status: r.status,
    person: { id: r.person_id, name: fullName(r) },
    student,
    sender,
    address: r.address,
    title: r.title,
    text: r.text,
    attempts: r.attempts,
    reason: r.reason,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    canRetry: r.status === 'failed' || r.status === 'skipped',
  };
}

export async function deliveryLog(
  ctx: Ctx,
  q: { page: number; pageSize: number; status?: LogFilter['status']; channel?: 'email' | 'sms'; q?: string; from?: string; to?: string },
): Promise<DeliveryLog> {
  const orgId = ctx.principal.organizationId;
  const tz = ctx.principal.timeZone;
  const key = q.q ? searchKey(q.q).replace(/[%_]/g, '') : '';
  const f: LogFilter = {
    status: q.status,
    channel: q.channel,
    nameLike: key ? `%${key}%` : undefined,
    fromAt: q.from ? localMidnight(q.from, tz) : undefined,
    toAt: q.to ? localMidnight(addDays(q.to, 1), tz) : undefined,
  };
  const [rows, total] = await Promise.all([logRows(ctx.db, orgId, f, q.pageSize, (q.page - 1) * q.pageSize), logCount(ctx.db, orgId, f)]);
  return { items: rows.map(item), total, page: q.page, pageSize: q.pageSize };
}

export async function deliverySummary(ctx: Ctx) {
  const orgId = ctx.principal.organizationId;
  const at = now();
  const [failed, b] = await Promise.all([failedCount(ctx.db, orgId), orgBacklog(ctx.db, orgId, at.toISOString())]);
  return { failed, due: b.due, oldestSeconds: b.oldest ? Math.max(0, Math.round((at.getTime() - Date.parse(b.oldest)) / 1000)) : 0 };
}

/** Queues a failed or skipped message again, to the recipient's current address; 409 when there is none. */
export async function retryMessage(ctx: Ctx, id: number): Promise<DeliveryLogItem> {
  const orgId = ctx.principal.organizationId;
  const m = await recipientOf(ctx.db, orgId, id);
  if (!m) throw notFound('Сообщение не найдено.');
  if (m.status !== 'failed' && m.status !== 'skipped') throw conflict('Повторить можно только недоставленное или пропущенное сообщение.');
  const address = m.channel === 'email' ? normalizeEmail(m.email) : normalizePhone(m.phone);
  if (!address) {
    throw conflict(`${m.channel === 'email' ? SKIP_REASONS.noEmail : SKIP_REASONS.noPhone}: укажите его в карточке человека и повторите.`);
  }
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await requeue(tx, orgId, id, address, nowIso()))) throw conflict('Сообщение уже поставлено в очередь.');
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'notify.retry',
      entity: 'outbox',
      entityId: id,
      before: { status: m.status },
      after: { status: 'pending', address },
      ip: ctx.ip,
    });
  });
  const [row] = await logRows(ctx.db, orgId, { id }, 1, 0);
  return item(row!);
}
