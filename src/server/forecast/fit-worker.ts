import { Worker } from 'node:worker_threads';
import type { GiaRow, GiaFit } from '../../domain/gia-forecast-train.js';
import type { FitInput, FitOutput } from '../../domain/term-forecast-train.js';

// Fitting the forecast models takes seconds of CPU on a large college (decision 045): the nightly job
// hands the rows to a worker thread and awaits its answer, so the server's event loop keeps serving
// requests meanwhile. One short-lived worker per fit (a few a night per college); an error in it rejects.

/** What a worker fits: the term models (fitTermModels) or the ГИА models (fitGiaModels). */
export type FitTask = { task: 'term'; input: FitInput } | { task: 'gia'; input: { demo: GiaRow[]; thesis: GiaRow[] } };
type FitOf<T extends FitTask> = T extends { task: 'term' } ? FitOutput : { demo: GiaFit; thesis: GiaFit };

export interface FitResult<F> {
  fit: F;
  /** The worker's thread id (never the main thread's 0): the fit did not run on the event loop. */
  threadId: number;
}

export function fitInWorker<T extends FitTask>(work: T): Promise<FitResult<FitOf<T>>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fit-thread.mjs', import.meta.url), { workerData: work });
    let done = false;
    worker.once('message', (m: FitResult<FitOf<T>>) => {
      done = true;
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      done = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the forecast fitting worker stopped with code ${code} before answering`));
    });
  });
}
