import { envInt } from '../platform/config.js';

// Delivery settings from the environment (listed in the README); every one has a default.

export interface NotifyConfig {
  smtp: { host: string | null; port: number; secure: boolean; user: string | null; password: string | null; from: string };
  sms: { url: string; apiId: string | null; from: string | null };
  /** The web app's address, for links in e-mail (the unsubscribe link among them). */
  publicUrl: string;
  /** The worker: messages taken per round, a lease, the wait between empty rounds, retries. */
  batch: number;
  leaseMs: number;
  pollMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

const str = (name: string) => (process.env[name] ? process.env[name]! : null);

export function loadNotifyConfig(overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  const port = envInt('SMTP_PORT', 587);
  return {
    smtp: {
      host: str('SMTP_HOST'),
      port,
      secure: process.env.SMTP_SECURE ? process.env.SMTP_SECURE === '1' : port === 465,
      user: str('SMTP_USER'),
      password: str('SMTP_PASSWORD'),
      from: process.env.SMTP_FROM ?? 'Электронный журнал <noreply@localhost>',
    },
    sms: { url: process.env.SMS_API_URL ?? 'https://sms.ru/sms/send', apiId: str('SMS_API_ID'), from: str('SMS_FROM') },
    publicUrl: (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    batch: envInt('OUTBOX_BATCH', 50),
    leaseMs: envInt('OUTBOX_LEASE_SECONDS', 120) * 1000,
    pollMs: envInt('OUTBOX_POLL_MS', 2000),
    maxAttempts: envInt('OUTBOX_MAX_ATTEMPTS', 8),
    backoffBaseMs: envInt('OUTBOX_BACKOFF_SECONDS', 60) * 1000,
    backoffMaxMs: 6 * 3600 * 1000,
    ...overrides,
  };
}
