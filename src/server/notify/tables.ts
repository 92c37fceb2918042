import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

export type OutboxChannel = 'email' | 'sms';
/** pending: due at next_attempt_at; sending: leased by a worker; sent; failed after the last attempt; skipped: never sendable. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Notifications: the outbox of e-mail and SMS, in-app notifications, e-mail opt-outs (migration 1000). */
export interface NotifyTables {
  outbox: OrgRow & {
    person_id: number;
    student_id: number | null;
    /** Who caused it (a teacher's message, a curator's report); null for the system's own notices. */
    sender_person_id: number | null;
    channel: OutboxChannel;
    kind: string;
    /** The caller's idempotency key: (organization, person, channel, key) is unique. */
    key: string;
    /** The address as it was when enqueued (e-mail or phone); null when skipped for want of one. */
    address: string | null;
    title: string;
    text: string;
    sms: string | null;
    link: string | null;
    /** JSON [{ fileName, contentType, base64 }] or null. */
    attachments: string | null;
    /** The e-mail Message-ID, fixed at enqueue: every attempt of this message carries the same one. */
    message_id: string;
    status: OutboxStatus;
    attempts: number;
    next_attempt_at: string;
    lease_until: string | null;
    leased_by: string | null;
    /** Why it failed or was skipped, or why it is held (quiet hours, rate limit). */
    reason: string | null;
    /** The gateway's own id of the message (SMTP answer, SMS id). */
    provider_id: string | null;
    created_at: string;
    sent_at: string | null;
  };
  notifications: OrgRow & {
    person_id: number;
    student_id: number | null;
    kind: string;
    key: string;
    title: string;
    text: string;
    link: string | null;
    created_at: string;
    read_at: string | null;
  };
  /** kind '*' — every kind. */
  email_optouts: OrgRow & { person_id: number; kind: string; created_at: string };
  /** The secret that signs unsubscribe links, one per organization, shared by every server process. */
  notify_secrets: OrgRow & { secret: string };
}
