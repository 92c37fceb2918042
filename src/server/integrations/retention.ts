import { addDays } from '../../domain/dates.js';
import type { Job } from '../control/scheduler.js';
import { envInt } from '../platform/config.js';
import type { Db } from '../platform/db.js';
import { deleteUsesBefore } from './queries.js';

// How long the use log of service accounts is kept (decision 039): SERVICE_ACCOUNT_USES_KEEP_DAYS,
// 180 days unless set. A daily job deletes what is older, exactly once across processes; after a
// restart the scheduler runs the day's slot once, and that run deletes everything past the period,
// however many days were missed.

export const USES_RETENTION_JOB = 'service-account-uses-retention';
export const DEFAULT_USES_KEEP_DAYS = 180;

export const usesKeepDays = (env: NodeJS.ProcessEnv = process.env) => envInt('SERVICE_ACCOUNT_USES_KEEP_DAYS', DEFAULT_USES_KEEP_DAYS, env);

/** The first moment still kept on a slot's run: the uses before the start (UTC) of the day `days` before it go. */
export const usesKeptFrom = (slot: string, days: number) => `${addDays(slot, -days)}T00:00:00.000Z`;

export async function pruneTokenUses(db: Db, orgId: number, slot: string, days = usesKeepDays()): Promise<number> {
  return deleteUsesBefore(db, orgId, usesKeptFrom(slot, days));
}

export const USES_RETENTION: Job = {
  name: USES_RETENTION_JOB,
  every: { kind: 'daily', at: '03:30' },
  async run(db, org, slot) {
    await pruneTokenUses(db, org.id, slot);
  },
};
