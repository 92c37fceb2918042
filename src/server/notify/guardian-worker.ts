import type { Db, Engine } from '../platform/db.js';
import { releaseHeldMarks } from './guardian-marks.js';

/** Tells of held marks every half minute (guardian-marks.ts); any number of processes may run it. */
export function guardianWorker(db: Db, engine: Engine, intervalMs = 30_000, log: (msg: string) => void = console.error) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const once = () => {
    if (running) return;
    running = releaseHeldMarks(db, engine)
      .catch((e) => log(`Уведомления об оценках: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = null;
      });
  };
  return {
    start() {
      once();
      timer = setInterval(once, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
