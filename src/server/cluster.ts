import cluster, { type Worker } from 'node:cluster';
import { loadConfig } from './platform/config.js';
import { clusterRefusal, workerCount } from './cluster-rules.js';

// `npm run start:cluster` (decision 042): the primary migrates and seeds once, then forks WORKERS
// processes (default: one per CPU) that share the listening socket. A worker that dies is forked
// again after a back-off that doubles while workers keep dying early; SIGTERM drains every worker.

const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** A worker that lived this long died of something new: its slot's back-off starts over. */
const HEALTHY_AFTER_MS = 60_000;
/** How long a draining worker may take to answer its requests before it is killed. */
const DRAIN_MS = 30_000;

async function primary(): Promise<void> {
  const config = loadConfig();
  let workers: number;
  try {
    workers = workerCount();
  } catch (e) {
    console.error(`Ошибка: ${(e as Error).message}`);
    process.exit(2);
  }
  const refusal = clusterRefusal(config.databaseUrl, workers);
  if (refusal) {
    console.error(`Ошибка: ${refusal}`);
    process.exit(2);
  }
  // The server's modules are loaded after the checks: a refusal is told at once.
  const { engineOf, prepareDatabase } = await import('./start.js');
  await prepareDatabase(config);

  let stopping = false;
  const slotOf = new Map<Worker, number>();
  const bornAt = new Map<number, number>();
  const backoff = new Map<number, number>();
  const fork = (slot: number) => {
    const w = cluster.fork();
    slotOf.set(w, slot);
    bornAt.set(slot, Date.now());
  };
  cluster.on('exit', (w, code, signal) => {
    const slot = slotOf.get(w)!;
    slotOf.delete(w);
    if (stopping) return;
    const lived = Date.now() - (bornAt.get(slot) ?? 0);
    const wait = lived >= HEALTHY_AFTER_MS ? RESTART_FIRST_MS : Math.min((backoff.get(slot) ?? RESTART_FIRST_MS / 2) * 2, RESTART_MAX_MS);
    backoff.set(slot, wait);
    console.error(`ejournal: процесс ${w.process.pid} завершился (${signal ?? `код ${code}`}), новый — через ${wait / 1000} с`);
    // Not unref'd: with every worker dead, this timer is what keeps the primary alive to fork again.
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, wait);
  });
  for (let slot = 0; slot < workers; slot++) fork(slot);
  console.log(`ejournal: http://localhost:${config.port}, процессов: ${workers} (${engineOf(config.databaseUrl)})`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const alive = [...slotOf.keys()];
      if (!alive.length) process.exit(0);
      const kill = setTimeout(() => alive.forEach((w) => w.process.kill('SIGKILL')), DRAIN_MS);
      let left = alive.length;
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) {
            clearTimeout(kill);
            process.exit(0);
          }
        });
        w.process.kill('SIGTERM');
      }
    });
  }
}

if (cluster.isPrimary) await primary();
else {
  const { drainOnSignals, runServer } = await import('./start.js');
  drainOnSignals(await runServer(loadConfig()));
}
