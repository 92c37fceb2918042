import { z } from 'zod';

// Backups of the installation and its health (issue 15 items 5 and 9, п. 3.1, 3.3; decision 037).

export const BackupDestination = z.object({
  kind: z.enum(['dir', 'mirror', 's3']),
  /** The folder or s3://bucket/prefix */
  target: z.string(),
});
export const BackupDestinationResult = BackupDestination.extend({ ok: z.boolean(), error: z.string().nullable() });

export const BackupItem = z.object({
  id: z.number(),
  trigger: z.string(),
  status: z.enum(['running', 'ok', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  engine: z.string(),
  fileName: z.string(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  schemaVersion: z.string().nullable(),
  productVersion: z.string(),
  destinations: z.array(BackupDestinationResult),
  error: z.string().nullable(),
  /** Retention removed its files. */
  pruned: z.boolean(),
});
export type BackupItem = z.infer<typeof BackupItem>;

export const BackupAlert = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('failed'), at: z.string(), error: z.string() }),
  z.object({ kind: z.literal('stale'), lastOkAt: z.string().nullable() }),
]);

export const BackupOverview = z.object({
  /** The product's version (п. 3.1). */
  version: z.string(),
  schedule: z.object({ at: z.string(), timeZone: z.string() }),
  destinations: z.array(BackupDestination),
  retention: z.object({ daily: z.number(), weekly: z.number(), monthly: z.number() }),
  /** A failed backup, or none in the last 26 hours: the home page's alert. */
  alert: BackupAlert.nullable(),
  lastOkAt: z.string().nullable(),
  items: z.array(BackupItem),
});
export type BackupOverview = z.infer<typeof BackupOverview>;

export const BackupStarted = z.object({ id: z.number() });

export const Health = z.object({
  /** ok; warn: the backup is late or failed; fail: the database or its schema (answered with 503). */
  status: z.enum(['ok', 'warn', 'fail']),
  version: z.string(),
  time: z.string(),
  database: z.object({ ok: z.boolean(), engine: z.string(), error: z.string().nullable() }),
  migrations: z.object({ current: z.boolean(), applied: z.string().nullable(), expected: z.string(), pending: z.array(z.string()) }),
  backup: z.object({
    lastOkAt: z.string().nullable(),
    ageHours: z.number().nullable(),
    lastStatus: z.string().nullable(),
    alert: z.string().nullable(),
  }),
  /** Messages due in the outbox and how long the oldest has waited (decision 031); null when the database is down. */
  outbox: z.object({ due: z.number().int(), oldestSeconds: z.number().int() }).nullable(),
  /** What the reports read (decision 053): a replica (READ_DATABASE_URL), and whether it answers (warn when not), or the main database. */
  reports: z.object({ replica: z.boolean(), ok: z.boolean(), error: z.string().nullable() }),
});
export type Health = z.infer<typeof Health>;
