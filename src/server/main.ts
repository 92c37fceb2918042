import { buildApp } from './app.js';
import { batchRunner } from './archive/batches.js';
import { backupRunner } from './backup/runner.js';
import { backupSettings } from './backup/settings.js';
import { JOBS } from './control/scheduler-jobs.js';
import { Scheduler } from './control/scheduler.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db.js';
import { migrateToLatest } from './platform/migrate.js';
import { loadNotifyConfig } from './notify/config.js';
import { DeliveryWorker } from './notify/delivery.js';
import { guardianWorker } from './notify/guardian-worker.js';
import { countRu, NOUNS, secondsRu } from '../domain/russian.js';

const config = loadConfig();
const { db, engine, close } = openDatabase(config.databaseUrl);
await migrateToLatest(db);
const started = Date.now();
// DEMO=off: an empty installation stays empty; `ejournal create-regional-admin` makes its first user (decision 038).
const r = process.env.DEMO === 'off' ? null : await seedDemoIfEmpty(db, { students: config.demoStudents, seed: 1 });
if (r) {
  console.log(
    `Пустая база: создан демонстрационный колледж (${countRu(r.students, NOUNS.student)}) за ${secondsRu(Date.now() - started)}. Вход: admin / demo и др. (см. README).`,
  );
}
const app = await buildApp({ db, engine, config }, { logger: true });
await app.listen({ port: config.port, host: config.host });
// Scheduled work runs in every process; the database lease lets one of them do each run (decision 021).
const scheduler = new Scheduler(db, JOBS);
if (process.env.SCHEDULER !== 'off') scheduler.start();
// Background batches (the year's archive) are taken the same way; a restart continues one left unfinished (decision 028).
const batches = batchRunner(db);
if (process.env.SCHEDULER !== 'off') batches.start();
// The outbox's delivery worker: every process runs one; leases let each message go out once (decision 031).
const delivery = new DeliveryWorker(db, engine, loadNotifyConfig());
if (process.env.SCHEDULER !== 'off' && process.env.OUTBOX !== 'off') delivery.start();
// Marks held a few minutes are told to guardians and students by their choices (decision 032).
const marksTold = guardianWorker(db, engine);
if (process.env.SCHEDULER !== 'off') marksTold.start();
// The daily backup (decision 037): every process ticks, the lease lets one make each day's copy.
const backups = backupRunner({ db, engine, databaseUrl: config.databaseUrl }, backupSettings());
if (process.env.SCHEDULER !== 'off' && process.env.BACKUP !== 'off') backups.start();
console.log(`ejournal: http://localhost:${config.port} (${engine === 'sqlite' ? config.databaseUrl : 'PostgreSQL'})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await scheduler.stop();
    await batches.stop();
    await delivery.stop();
    await marksTold.stop();
    await backups.stop();
    await app.close();
    await close();
    process.exit(0);
  });
}
