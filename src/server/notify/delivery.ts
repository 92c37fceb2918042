import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { now } from '../../domain/clock.js';
import { backoffMs, localDayStart, quietUntil, rulesFrom, type DeliveryRules } from '../../domain/delivery.js';
import { formatRu, localDateTime } from '../../domain/dates.js';
import type { Db, Engine, Tx } from '../platform/db.js';
import type { NotifyConfig } from './config.js';
import {
  claimDue,
  holdLeases,
  lockPersons,
  markUnsent,
  markSent,
  nthLatestSent,
  orgRules,
  readNotices,
  reschedule,
  takenSince,
  backlog,
  type Claimed,
} from './delivery-queries.js';
import { DeliveryError, EmailSender } from './email.js';
import { SmsSender } from './sms.js';
import { EMAIL_WAITS_TO_BE_READ, SKIP_REASONS } from './outbox.js';
import { orgSecret, signToken } from './unsubscribe.js';

// The delivery worker (decision 031), one in every server process. Each round takes due messages
// under a lease (claimDue), applies quiet hours and rate limits, sends, and settles each: sent;
// back to pending with exponential backoff; failed after the last attempt or a permanent refusal.
// A process that dies leaves its lease to run out; the next round of any process takes the rows.

const SEND_CONCURRENCY = 8;
/** Messages whose lease is re-checked together right before they are sent. */
const WAVE = 16;

/** Kept as the reason of a sent message that a dead worker had begun to send (decision 031). */
export const UNCERTAIN_REPEAT = 'Отправлено повторно после сбоя сервера: первая попытка могла дойти (письмо с тем же Message-ID)';

type Decision = { row: Claimed; hold?: { until: Date; reason: string }; skip?: string };

interface OrgFacts {
  timeZone: string;
  rules: DeliveryRules;
  secret: string;
}

export interface Senders {
  email: Pick<EmailSender, 'send'> & { close?(): void };
  sms: Pick<SmsSender, 'send'>;
}

export class DeliveryWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly senders: Senders;

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly cfg: NotifyConfig,
    senders?: Partial<Senders>,
  ) {
    this.senders = { email: senders?.email ?? new EmailSender(cfg.smtp), sms: senders?.sms ?? new SmsSender(cfg.sms) };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.senders.email.close?.();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((n) => this.schedule(n >= this.cfg.batch ? 0 : this.cfg.pollMs))
        .catch((err: unknown) => {
          console.error('outbox: a round of delivery failed', err);
          this.schedule(this.cfg.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** Rounds until nothing is due (tests, the CLI). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tick();
      total += n;
      if (n === 0) return total;
    }
  }

  /** One round: the number of messages taken. */
  async tick(): Promise<number> {
    const at = now();
    const claimed = await claimDue(this.db, this.engine, this.id, at.toISOString(), this.leaseEnd(), this.cfg.batch);
    if (claimed.length === 0) return 0;
    // Oldest first (PostgreSQL returns updated rows in no particular order): limits hold the later ones.
    claimed.sort((x, y) => x.id - y.id);
    const orgs = await this.orgFacts([...new Set(claimed.map((r) => r.organization_id))]);
    const decisions = await this.decide(claimed, orgs, at);
    // Held and skipped ones are settled at once; the rest are sent in waves. Right before each wave:
    // within each person's limit, counted across every process, and still ours (a round slower than
    // the lease would have lost them to another process)? The wave's rows are noted as being handed
    // over, so a worker dying now leaves at most one wave marked «may have gone out».
    const notSent = decisions.filter((d) => d.hold || d.skip);
    const sendable = decisions.filter((d) => !d.hold && !d.skip);
    await this.pool(notSent, orgs);
    for (let i = 0; i < sendable.length; i += WAVE) {
      const { ours, over } = await this.handOver(sendable.slice(i, i + WAVE), orgs, at);
      await this.pool([...over, ...ours], orgs);
    }
    return claimed.length;
  }

  /**
   * Takes a wave for sending, each person within the college's rate limit as it stands across every
   * process: the persons are locked, and what has been sent or handed over since the window began
   * is counted; the excess is held until the window frees. The rows still ours are noted as being
   * handed over.
   */
  private async handOver(wave: Decision[], orgs: Map<number, OrgFacts>, at: Date): Promise<{ ours: Decision[]; over: Decision[] }> {
    return this.db.transaction().execute(async (tx) => {
      await lockPersons(
        tx,
        this.engine,
        wave.map(({ row }) => `${row.organization_id}:${row.channel}:${row.person_id}`),
      );
      const allowed: Decision[] = [];
      const over: Decision[] = [];
      for (const list of groupBy(wave, ({ row }) => `${row.organization_id}:${row.channel}`)) {
        const { organization_id: orgId, channel } = list[0]!.row;
        const org = orgs.get(orgId)!;
        const sms = channel === 'sms';
        const limit = sms ? org.rules.smsPerDay : org.rules.emailsPerHour;
        const since = sms ? localDayStart(at, org.timeZone) : new Date(at.getTime() - 3_600_000);
        const ids = list.map((d) => d.row.id);
        const counts =
          limit > 0
            ? await takenSince(tx, orgId, channel, [...new Set(list.map((d) => d.row.person_id))], since.toISOString(), ids)
            : new Map<number, number>();
        for (const d of list) {
          const n = counts.get(d.row.person_id) ?? 0;
          if (limit > 0 && n >= limit) {
            over.push({ row: d.row, hold: await this.limitHold(tx, d.row, org, limit, since) });
            continue;
          }
          counts.set(d.row.person_id, n + 1);
          allowed.push(d);
        }
      }
      const ours = await holdLeases(
        tx,
        allowed.map((d) => d.row.id),
        this.id,
        this.leaseEnd(),
        now().toISOString(),
      );
      return { ours: allowed.filter((d) => ours.has(d.row.id)), over };
    });
  }

  /** Until when a message over its person's limit waits: the next day for SMS, an hour after the oldest counted e-mail. */
  private async limitHold(tx: Tx, row: Claimed, org: OrgFacts, limit: number, since: Date): Promise<{ until: Date; reason: string }> {
    let until: Date;
    if (row.channel === 'sms') until = new Date(since.getTime() + 86_400_000);
    else {
      const oldest = await nthLatestSent(tx, row.organization_id, row.channel, row.person_id, since.toISOString(), limit);
      until = new Date((oldest ? Date.parse(oldest) : now().getTime()) + 3_600_000);
    }
    const local = localDateTime(org.timeZone, until);
    const reason =
      row.channel === 'sms'
        ? `Не больше ${limit} SMS в день одному человеку: отложено до ${formatRu(local.date)} ${local.time}`
        : `Не больше ${limit} писем в час одному человеку: отложено до ${local.time}`;
    return { until, reason };
  }

  /** Settles decisions SEND_CONCURRENCY at a time. */
  private async pool(decisions: Decision[], orgs: Map<number, OrgFacts>): Promise<void> {
    const queue = [...decisions];
    const work = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await this.settle(d, orgs.get(d.row.organization_id)!);
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, work));
  }

  private leaseEnd(): string {
    return new Date(now().getTime() + this.cfg.leaseMs).toISOString();
  }

  private async orgFacts(orgIds: number[]): Promise<Map<number, OrgFacts>> {
    const rows = await orgRules(this.db, orgIds);
    const out = new Map<number, OrgFacts>();
    for (const o of rows) {
      let settings: unknown = null;
      try {
        settings = JSON.parse(o.settings);
      } catch {
        /* broken settings read as none */
      }
      out.set(o.id, { timeZone: o.time_zone, rules: rulesFrom(settings), secret: await orgSecret(this.db, o.id) });
    }
    return out;
  }

  /** Messages read in the app meanwhile, and quiet hours, decided for the whole round before anything is sent (the limits: handOver). */
  private async decide(rows: Claimed[], orgs: Map<number, OrgFacts>, at: Date): Promise<Decision[]> {
    const out: Decision[] = [];
    for (const list of groupBy(rows, (r) => `${r.organization_id}:${r.channel}`)) {
      const { organization_id: orgId, channel } = list[0]!;
      const org = orgs.get(orgId)!;
      const sms = channel === 'sms';
      const quiet = sms ? quietUntil(at, org.timeZone, org.rules) : null;
      // E-mail of a notice that waits to be read in the app (a message) goes only if it is still unread.
      const read = sms
        ? new Set<string>()
        : await readNotices(
            this.db,
            orgId,
            list.filter((r) => EMAIL_WAITS_TO_BE_READ[r.kind]),
          );
      for (const row of list) {
        if (read.has(`${row.person_id}:${row.key}`)) {
          out.push({ row, skip: SKIP_REASONS.readInApp });
          continue;
        }
        if (quiet) {
          out.push({ row, hold: { until: quiet, reason: `Тихие часы: SMS отложено до ${org.rules.quietTo}` } });
          continue;
        }
        out.push({ row });
      }
    }
    return out;
  }

  private async settle(d: Decision, org: OrgFacts): Promise<void> {
    const { row } = d;
    const orgId = row.organization_id;
    if (d.skip) {
      await markUnsent(this.db, orgId, row.id, this.id, 'skipped', d.skip);
      return;
    }
    if (d.hold) {
      await reschedule(this.db, orgId, row.id, this.id, d.hold.until.toISOString(), d.hold.reason, false);
      return;
    }
    try {
      const providerId =
        row.channel === 'email' ? await this.sendEmail(row, org) : await this.senders.sms.send(row.address!, row.sms ?? row.title);
      // Taken again after a worker died while handing it over: it may have gone out then (decision 031).
      const note = row.send_started_at ? UNCERTAIN_REPEAT : null;
      await markSent(this.db, orgId, row.id, this.id, now().toISOString(), providerId, note);
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError(String((err as Error)?.message ?? err));
      if (e.permanent || row.attempts >= this.cfg.maxAttempts) {
        await markUnsent(this.db, orgId, row.id, this.id, 'failed', e.permanent ? e.message : `${e.message} (попыток: ${row.attempts})`);
      } else {
        const next = new Date(now().getTime() + backoffMs(row.attempts, this.cfg.backoffBaseMs, this.cfg.backoffMaxMs));
        await reschedule(this.db, orgId, row.id, this.id, next.toISOString(), e.message, true);
      }
    }
  }

  private sendEmail(row: Claimed, org: OrgFacts): Promise<string | null> {
    const token = signToken(org.secret, row.organization_id, row.person_id, row.kind);
    const atts = row.attachments ? (JSON.parse(row.attachments) as { fileName: string; contentType: string; base64: string }[]) : [];
    return this.senders.email.send({
      to: row.address!,
      subject: row.title,
      text: row.text,
      link: row.link ? (row.link.startsWith('/') ? `${this.cfg.publicUrl}${row.link}` : row.link) : null,
      unsubscribeUrl: `${this.cfg.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`,
      messageId: row.message_id,
      attachments: atts.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') })),
    });
  }
}

/** The outbox backlog for GET /health: messages due now and how long the oldest has waited. */
export async function outboxHealth(db: Db): Promise<{ due: number; oldestSeconds: number }> {
  const at = now();
  const b = await backlog(db, at.toISOString());
  return { due: b.due, oldestSeconds: b.oldest ? Math.max(0, Math.round((at.getTime() - Date.parse(b.oldest)) / 1000)) : 0 };
}

function groupBy<T>(items: T[], key: (x: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = groups.get(k);
    if (list) list.push(x);
    else groups.set(k, [x]);
  }
  return [...groups.values()];
}
