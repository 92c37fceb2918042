import { randomBytes } from 'node:crypto';
import { now } from '../../domain/clock.js';
import { localDateTime } from '../../domain/dates.js';
import { latestSlot, type Every } from '../../domain/schedule.js';
import type { Db } from '../platform/db.js';
import { claimJob, ensureJobRow, finishJob, organizationsForJobs } from './scheduler-queries.js';

/** A named piece of work run for each college on a schedule in its time zone (decision 021). */
export interface Job {
  name: string;
  every: Every;
  /**
   * Makes the work for one college and one slot (the local date it is due for). `since` is the
   * slot run before (null the first time): a job that makes something for each event between two
   * runs (a term that ended) catches up every one of them after a restart.
   */
  run(db: Db, org: { id: number; timeZone: string }, slot: string, since: string | null): Promise<void>;
}

export interface JobRun {
  organizationId: number;
  job: string;
  slot: string;
  error?: string;
}

/**
 * Runs due jobs: on each tick, for every college and job, the latest due slot is claimed in the
 * database (an atomic update that takes a lease) and run by the one process that claimed it; the
 * slot is stored when done. A restart finds the stored slot older than the latest due one and
 * runs that once. A process that dies mid-run leaves a lease that expires, and the job is retried.
 */
export class Scheduler {
  readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly jobs: readonly Job[],
    private readonly leaseMs = 10 * 60_000,
  ) {}

  async tick(at: Date = now()): Promise<JobRun[]> {
    const ran: JobRun[] = [];
    for (const org of await organizationsForJobs(this.db)) {
      const local = localDateTime(org.time_zone, at);
      for (const job of this.jobs) {
        const slot = latestSlot(job.every, local);
        await ensureJobRow(this.db, org.id, job.name);
        const atIso = at.toISOString();
        const since = await claimJob(
          this.db,
          org.id,
          job.name,
          slot,
          this.owner,
          atIso,
          new Date(at.getTime() + this.leaseMs).toISOString(),
        );
        if (since === false) continue;
        try {
          await job.run(this.db, { id: org.id, timeZone: org.time_zone }, slot, since);
          await finishJob(this.db, org.id, job.name, this.owner, { slot, at: now().toISOString() });
          ran.push({ organizationId: org.id, job: job.name, slot });
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          await finishJob(this.db, org.id, job.name, this.owner, { error });
          ran.push({ organizationId: org.id, job: job.name, slot, error });
        }
      }
    }
    return ran;
  }

  /** Ticks now (catching up what was missed) and then every interval; errors are logged, not thrown. */
  start(intervalMs = 60_000, log: (msg: string) => void = console.error): void {
    const once = () => {
      if (this.running) return;
      this.running = this.tick()
        .then(
          (runs) => runs.filter((r) => r.error).forEach((r) => log(`Задание ${r.job} (${r.slot}): ${r.error}`)),
          (e) => log(`Планировщик: ${e instanceof Error ? e.message : String(e)}`),
        )
        .finally(() => {
          this.running = null;
        });
    };
    once();
    this.timer = setInterval(once, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
