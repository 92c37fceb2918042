import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Batch } from '../../contracts/archive.js';
import { now } from '../../domain/clock.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import {
  claimBatch,
  deleteFilesFromStep,
  finishBatch,
  insertBatch,
  insertFile,
  markProgress,
  waitingBatchIds,
  batchRow,
} from './batch-queries.js';
import { ChunkWriter } from './file-store.js';

// Background batches inside the server (decision 028): a batch is a kind, its parameters, and
// steps (e.g. one per group); one process takes it under a lease renewed after every step,
// writes its files as they are made (never a whole one in memory), and stores how many steps are
// done. A process that dies leaves a lease that expires; the next one to look (a tick, a restart)
// continues from the first step not done.

/** One step of a batch: what it is made for (a group), in a fixed order. */
export interface BatchStep {
  groupId: number | null;
  label: string;
}

/** Where a step writes its files: each file is a stream, kept with its size and SHA-256. */
export interface StepFiles {
  write(name: string, contentType: string, make: (out: Writable) => Promise<unknown>): Promise<void>;
}

/** A kind of batch: the year's archive; the coordinator adds «printed journals of the whole college». */
export interface BatchKind {
  kind: string;
  /** Steps made at the same time (a window; the progress moves by whole windows). Default 1. */
  concurrency?: number;
  steps(db: Db, orgId: number, params: unknown): Promise<BatchStep[]>;
  runStep(db: Db, orgId: number, params: unknown, step: BatchStep, files: StepFiles): Promise<void>;
}

const KINDS = new Map<string, BatchKind>();
export function registerBatchKind(k: BatchKind): void {
  KINDS.set(k.kind, k);
}

/** Queues a batch (inside the caller's transaction); `batchRunner(db).kick()` after the commit starts it here and now. */
export function queueBatch(tx: Db | Tx, b: { orgId: number; kind: string; params: unknown; title: string; userId: number | null }) {
  return insertBatch(tx, { ...b, at: nowIso() });
}

export function batchOut(r: NonNullable<Awaited<ReturnType<typeof batchRow>>>): Batch {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    totalSteps: r.total_steps,
    doneSteps: r.done_steps,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export class BatchRunner {
  readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly leaseMs = 2 * 60_000,
    private readonly log: (msg: string) => void = console.error,
  ) {}

  private leaseUntil = () => new Date(now().getTime() + this.leaseMs).toISOString();

  /** Runs every waiting batch this process can take; returns the ids it ran. */
  async tick(): Promise<number[]> {
    const ran: number[] = [];
    for (;;) {
      const ids = await waitingBatchIds(this.db, now().toISOString());
      let took: number | null = null;
      for (const id of ids) {
        if (await claimBatch(this.db, id, this.owner, now().toISOString(), this.leaseUntil())) {
          took = id;
          break;
        }
      }
      if (took === null) return ran;
      await this.run(took);
      ran.push(took);
    }
  }

  /** Where step `i` writes its files: each a stream into the database, with its size and SHA-256. */
  private filesOf(row: { id: number; organization_id: number }, i: number, step: BatchStep): StepFiles {
    return {
      write: async (name, contentType, make) => {
        const fileId = await insertFile(this.db, {
          orgId: row.organization_id,
          batchId: row.id,
          step: i,
          groupId: step.groupId,
          name,
          contentType,
          at: nowIso(),
        });
        const out = new ChunkWriter(this.db, row.organization_id, fileId);
        await make(out);
        if (!out.writableEnded) out.end();
        await finished(out);
      },
    };
  }

  private async run(id: number): Promise<void> {
    const row = (await batchRow(this.db, id))!;
    const kind = KINDS.get(row.kind);
    let error: string | null = null;
    try {
      if (!kind) throw new Error(`Неизвестный вид фонового задания: ${row.kind}`);
      const params: unknown = JSON.parse(row.params);
      const steps = await kind.steps(this.db, row.organization_id, params);
      const from = Math.min(row.done_steps, steps.length);
      await deleteFilesFromStep(this.db, id, from);
      if (
        !(await markProgress(this.db, id, this.owner, {
          totalSteps: steps.length,
          startedAt: row.started_at ?? nowIso(),
          leaseUntil: this.leaseUntil(),
        }))
      )
        return;
      const window = Math.max(1, kind.concurrency ?? 1);
      for (let i = from; i < steps.length; i += window) {
        const upTo = Math.min(i + window, steps.length);
        await Promise.all(
          steps.slice(i, upTo).map((step, k) => kind.runStep(this.db, row.organization_id, params, step, this.filesOf(row, i + k, step))),
        );
        // The lease lost (another process took the batch after ours expired): stop, theirs goes on.
        if (!(await markProgress(this.db, id, this.owner, { doneSteps: upTo, leaseUntil: this.leaseUntil() }))) return;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.log(`Фоновое задание ${id} (${row.kind}): ${error}`);
    }
    await finishBatch(this.db, id, this.owner, { at: nowIso(), error });
  }

  /** Looks for waiting batches now (a batch was just queued), unless a run is under way; then once more after it. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.tick()
      .catch((e) => this.log(`Фоновые задания: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running = null;
        if (this.again) this.kick();
      });
  }

  /** Kicks now (catching up what a restart left) and then every interval. */
  start(intervalMs = 30_000): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }

  /** Resolves when no run is under way (tests, the bench). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}

const runners = new WeakMap<Db, BatchRunner>();
/** The runner of this process for a database. */
export function batchRunner(db: Db): BatchRunner {
  let r = runners.get(db);
  if (!r) runners.set(db, (r = new BatchRunner(db)));
  return r;
}
