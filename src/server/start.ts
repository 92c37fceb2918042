import { buildApp } from './app.js';
import { batchRunner } from './archive/batches.js';
import { backupRunner } from './backup/runner.js';
import { backupSettings } from './backup/settings.js';
import { JOBS } from './control/scheduler-jobs.js';
import { Scheduler } from './control/scheduler.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import type { Config } from './platform/config.js';
import { openDatabase, withInstallationLock } from './platform/db.js';
import { migrateToLatest } from './platform/migrate.js';
import { loadNotifyConfig } from './notify/config.js';
import { DeliveryWorker } from './notify/delivery.js';
import { guardianWorker } from './notify/guardian-worker.js';
import { countRu, NOUNS, secondsRu } from '../domain/russian.js';

// What a server process does, shared by `main.ts` (one process) and `cluster.ts` (a primary that
// prepares the database once and forks workers that only serve): decision 042.

/** Migrations and, on an empty database, the demo college: once per start of the installation. */
export async function prepareDatabase(config: Config): Promise<void> {
  const { db, engine, close } = openDatabase(config.databaseUrl);
  try {
    // Kysely's migrator holds a lock of its own; the demo seed takes one here, so processes started
    // together (systemd instances) seed one demo college, not one each.
    await migrateToLatest(db);
    const started = Date.now();
    // DEMO=off: an empty installation stays empty; `ejournal create-regional-admin` makes its first user (decision 038).
    if (process.env.DEMO === 'off') return;
    const r = await withInstallationLock(db, engine, 'demo-seed', () => seedDemoIfEmpty(db, { students: config.demoStudents, seed: 1 }));
    if (r) {
      console.log(
        `Пустая база: создан демонстрационный колледж (${countRu(r.students, NOUNS.student)}) за ${secondsRu(Date.now() - started)}. Вход: admin / demo и др. (см. README).`,
      );
    }
  } finally {
    await close();
  }
}

/**
 * Serves HTTP and runs the background work of this process: the scheduler, background batches, the
 * outbox, held marks, the daily backup. Each claims its work in the database (a lease, SKIP LOCKED),
 * so any number of processes may run them. Returns a stop that drains: no new connections, requests
 * under way answered, background rounds finished, the database closed.
 */
export async function runServer(config: Config): Promise<{ stop(): Promise<void> }> {
  const { db, engine, close } = openDatabase(config.databaseUrl);
  // The reports read a streaming replica when there is one (decision 053).
  const replica = config.readDatabaseUrl ? openReplica(config.readDatabaseUrl) : null;
  if (replica && replica.engine !== engine) {
    await Promise.all([replica.close(), close()]);
    throw new Error('READ_DATABASE_URL должен указывать на реплику той же базы, что DATABASE_URL (PostgreSQL)');
  }
  const app = await buildApp({ db, engine, config, reports: replica?.db ?? db }, { logger: true });
  await app.listen({ port: config.port, host: config.host });
  const background = process.env.SCHEDULER !== 'off';
  // Scheduled work: the database lease lets one process do each run (decision 021).
  const scheduler = new Scheduler(db, JOBS);
  if (background) scheduler.start();
  // Background batches (the year's archive) are taken the same way; a restart continues one left unfinished (decision 028).
  const batches = batchRunner(db);
  if (background) batches.start();
  // The outbox's delivery worker: leases let each message go out once (decision 031).
  const delivery = new DeliveryWorker(db, engine, loadNotifyConfig());
  if (background && process.env.OUTBOX !== 'off') delivery.start();
  // Marks held a few minutes are told to guardians and students by their choices (decision 032).
  const marksTold = guardianWorker(db, engine);
  if (background) marksTold.start();
  // The daily backup (decision 037): every process ticks, the lease lets one make each day's copy.
  const backups = backupRunner({ db, engine, databaseUrl: config.databaseUrl }, backupSettings());
  if (background && process.env.BACKUP !== 'off') backups.start();
  return {
    async stop() {
      await app.close();
      await scheduler.stop();
      await batches.stop();
      await delivery.stop();
      await marksTold.stop();
      await backups.stop();
      await replica?.close();
      await close();
    },
  };
}

/** The replica of READ_DATABASE_URL, opened read-only; an address that is not a database's stops the start naming the variable. */
function openReplica(url: string) {
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(url)) throw new Error(`READ_DATABASE_URL должен начинаться с postgres:// (получено «${url}»)`);
  return openDatabase(url, { readOnly: true });
}

/** SIGINT or SIGTERM (either, or both: a terminal's Ctrl+C reaches every process of the group) drains once and exits. */
export function drainOnSignals(server: { stop(): Promise<void> }): void {
  let stopping: Promise<void> | null = null;
  const drain = () => {
    stopping ??= server.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('ejournal: остановка не удалась', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', drain);
  process.on('SIGTERM', drain);
}

export const engineOf = (databaseUrl: string) => (databaseUrl.startsWith('sqlite:') ? databaseUrl : 'PostgreSQL');
