import { processOwner, scheduledBackup, type Source } from './service.js';
import type { BackupSettings } from './settings.js';

/**
 * Ticks the scheduled backup in this process: at start (catching up a slot missed while the
 * server was down) and every minute; the lease lets one process of several make each slot.
 */
export function backupRunner(source: Source, settings: BackupSettings, log: (msg: string) => void = console.error) {
  const owner = processOwner();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const once = () => {
    if (running) return;
    running = scheduledBackup(source, settings, owner)
      .catch((e: unknown) => log(`Резервное копирование: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = null;
      });
  };
  return {
    start(intervalMs = 60_000) {
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
