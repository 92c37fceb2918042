import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { normalizeEmail, normalizePhone } from '../../domain/contacts.js';
import { fitOneSms } from '../../domain/sms.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { contactsOf, deleteOptOut, insertNotifications, insertOutboxRows, optOutsOf } from './queries.js';
import type { NotifyTables } from './tables.js';

// The one way anything is sent (issue 14, decision 031): a caller writes its notices with notify()
// inside the transaction of the change that causes them, so a rolled-back change sends nothing and
// a committed one is never lost. 'app' notices become in-app notifications at once; e-mail and SMS
// become outbox rows that the delivery worker (delivery.ts) sends, with retries, once per key.

export type Channel = 'email' | 'sms' | 'app';

export interface Attachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface Notice {
  /** The recipient person (guardian, student or staff). */
  personId: number;
  /** 'grade' | 'grade-2' | 'absence' | 'digest' | 'term-grades' | 'report' | 'alert' | 'message' | 'event' | … */
  kind: string;
  /** E-mail subject / in-app title (Russian). */
  title: string;
  /** Plain text body (e-mail body; in-app text). */
  text: string;
  /** SMS text, ≤ 70 Cyrillic characters where possible (else `title` is used). */
  sms?: string;
  /** A link inside the web app, e.g. '/diary?date=2026-11-30' (made absolute in e-mail with PUBLIC_URL). */
  link?: string;
  /** E-mail only; at most MAX_ATTACHMENT_BYTES together. */
  attachments?: Attachment[];
  /** Idempotency key: the same (organization, person, channel, key) enqueued again is ignored. */
  key: string;
  /** The child it is about (for a guardian's per-child choices and the delivery log). */
  studentId?: number;
  /** Who sent it (a teacher, a curator), for the delivery log; absent for the system's own notices. */
  senderPersonId?: number;
}

/**
 * Kinds whose e-mail waits (minutes) and is not sent if the person has read the in-app notice by
 * then: a message read in the journal needs no letter.
 */
export const EMAIL_WAITS_TO_BE_READ: Readonly<Record<string, number>> = { message: 15 };

/** The attachments of one e-mail together, in bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Rows per INSERT: well under both engines' limits on a statement's parameters. */
const CHUNK = 400;

export const SKIP_REASONS = {
  noEmail: 'Нет адреса электронной почты',
  noPhone: 'Нет номера мобильного телефона',
  optedOut: 'Получатель отписался от таких писем',
  readInApp: 'Прочитано в журнале раньше, чем письмо ушло',
} as const;

/**
 * Writes the notice for each channel in the caller's transaction: 'app' becomes an in-app
 * notification row at once; 'email' and 'sms' become outbox rows with the person's current address
 * (skipped, and recorded as skipped with the reason, when the person has no such contact or opted out
 * of that kind by e-mail). Quiet hours and rate limits are applied by the worker at delivery time.
 */
export async function notify(db: Db | Tx, orgId: number, notices: Notice[], channels: Channel[]): Promise<void> {
  if (notices.length === 0 || channels.length === 0) return;
  for (const n of notices) {
    const size = (n.attachments ?? []).reduce((s, a) => s + a.content.length, 0);
    if (size > MAX_ATTACHMENT_BYTES) throw new Error(`notify: attachments of «${n.key}» exceed ${MAX_ATTACHMENT_BYTES} bytes`);
  }
  const at = nowIso();
  const want = new Set(channels);
  for (let i = 0; i < notices.length; i += CHUNK) {
    const part = notices.slice(i, i + CHUNK);
    if (want.has('app')) {
      await insertNotifications(
        db,
        part.map((n) => ({
          organization_id: orgId,
          person_id: n.personId,
          student_id: n.studentId ?? null,
          kind: n.kind,
          key: n.key,
          title: n.title,
          text: n.text,
          link: n.link ?? null,
          created_at: at,
          read_at: null,
        })),
      );
    }
    if (!want.has('email') && !want.has('sms')) continue;
    const personIds = [...new Set(part.map((n) => n.personId))];
    const [contacts, optOuts] = await Promise.all([
      contactsOf(db, orgId, personIds),
      want.has('email') ? optOutsOf(db, orgId, personIds) : Promise.resolve([]),
    ]);
    const contact = new Map(contacts.map((c) => [c.id, c]));
    const opted = new Set(optOuts.map((o) => `${o.person_id}:${o.kind}`));
    const rows: Insertable<NotifyTables['outbox']>[] = [];
    for (const n of part) {
      const c = contact.get(n.personId);
      if (!c) throw new Error(`notify: no person ${n.personId} in organization ${orgId}`);
      if (want.has('email')) {
        const address = normalizeEmail(c.email);
        const optedOut = opted.has(`${n.personId}:*`) || opted.has(`${n.personId}:${n.kind}`);
        const reason = !address ? SKIP_REASONS.noEmail : optedOut ? SKIP_REASONS.optedOut : null;
        rows.push(outboxRow(orgId, n, 'email', address, reason, at));
      }
      if (want.has('sms')) {
        const address = normalizePhone(c.phone);
        rows.push(outboxRow(orgId, n, 'sms', address, address ? null : SKIP_REASONS.noPhone, at));
      }
    }
    await insertOutboxRows(db, rows);
  }
}

function outboxRow(
  orgId: number,
  n: Notice,
  channel: 'email' | 'sms',
  address: string | null,
  skipReason: string | null,
  at: string,
): Insertable<NotifyTables['outbox']> {
  const attachments =
    channel === 'email' && n.attachments?.length
      ? JSON.stringify(
          n.attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, base64: a.content.toString('base64') })),
        )
      : null;
  return {
    organization_id: orgId,
    person_id: n.personId,
    student_id: n.studentId ?? null,
    sender_person_id: n.senderPersonId ?? null,
    channel,
    kind: n.kind,
    key: n.key,
    address,
    title: n.title,
    text: n.text,
    sms: channel === 'sms' ? fitOneSms(n.sms ?? n.title) : null,
    link: n.link ?? null,
    attachments,
    message_id: `<${randomUUID()}@ejournal>`,
    status: skipReason ? 'skipped' : 'pending',
    attempts: 0,
    next_attempt_at:
      channel === 'email' && EMAIL_WAITS_TO_BE_READ[n.kind]
        ? new Date(Date.parse(at) + EMAIL_WAITS_TO_BE_READ[n.kind]! * 60_000).toISOString()
        : at,
    lease_until: null,
    leased_by: null,
    reason: skipReason,
    provider_id: null,
    created_at: at,
    sent_at: null,
    send_started_at: null,
  };
}

/** Turns e-mail of a kind ('*': every kind) back on for a person, e.g. from the guardian's settings. */
export async function clearOptOut(db: Db | Tx, orgId: number, personId: number, kind: string): Promise<void> {
  await deleteOptOut(db, orgId, personId, kind);
}
