import { backupAlert, lastMigration } from '../../domain/backup.js';
import { now } from '../../domain/clock.js';
import type { Health } from '../../contracts/backup.js';
import type { Db, Engine } from '../platform/db.js';
import { migrations } from '../platform/migrations/index.js';
import { outboxHealth } from '../notify/delivery.js';
import { PRODUCT_VERSION } from '../platform/version.js';
import { appliedMigrations, installedAt, lastOkBackup, latestBackups, ping } from './queries.js';

const EXPECTED = Object.keys(migrations);

/**
 * The installation's health for monitoring (issue 15 item 9): the database answers, every
 * migration of this version is applied, the last backup and its age, the outbox's backlog, the
 * reports' replica when there is one (decision 053), the version. A few small statements, no table scanned.
 */
export async function health(db: Db, engine: Engine, reportsDb: Db = db): Promise<Health> {
  const at = now();
  const base = { version: PRODUCT_VERSION, time: at.toISOString() };
  const expected = lastMigration(EXPECTED);
  const reports: Health['reports'] =
    reportsDb === db
      ? { replica: false, ok: true, error: null }
      : await ping(reportsDb).then(
          () => ({ replica: true, ok: true, error: null }),
          (e: unknown) => ({ replica: true, ok: false, error: (e as Error).message }),
        );
  try {
    await ping(db);
  } catch (e) {
    return {
      ...base,
      status: 'fail',
      database: { ok: false, engine, error: (e as Error).message },
      migrations: { current: false, applied: null, expected, pending: [] },
      backup: { lastOkAt: null, ageHours: null, lastStatus: null, alert: null },
      outbox: null,
      reports,
    };
  }
  const applied = await appliedMigrations(db).catch(() => [] as string[]);
  const pending = EXPECTED.filter((m) => !applied.includes(m));
  const [latest] = await latestBackups(db, 1);
  const lastOk = await lastOkBackup(db);
  const alert = backupAlert(
    latest ? { status: latest.status, startedAt: latest.started_at, error: latest.error } : null,
    lastOk?.started_at ?? null,
    at,
    await installedAt(db),
  );
  const ageHours = lastOk ? Math.round((at.getTime() - Date.parse(lastOk.started_at)) / 360_000) / 10 : null;
  return {
    ...base,
    status: pending.length ? 'fail' : alert || !reports.ok ? 'warn' : 'ok',
    database: { ok: true, engine, error: null },
    migrations: { current: pending.length === 0, applied: applied.length ? lastMigration(applied) : null, expected, pending },
    backup: {
      lastOkAt: lastOk?.started_at ?? null,
      ageHours,
      lastStatus: latest?.status ?? null,
      alert: alert ? alert.kind : null,
    },
    outbox: await outboxHealth(db),
    reports,
  };
}
