import { Worker } from 'node:worker_threads';
import type { FitInput, FitOutput } from '../../domain/term-forecast-train.js';

// Fitting the forecast models takes seconds of CPU on a large college (decision 045): the nightly job
// hands the rows to a worker thread and awaits its answer, so the server's event loop keeps serving
// requests meanwhile. One short-lived worker per fit (one a night per college); an error in it rejects.

export interface FitResult {
  fit: FitOutput;
  /** The worker's thread id (never the main thread's 0): the fit did not run on the event loop. */
  threadId: number;
}

export function fitInWorker(input: FitInput): Promise<FitResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fit-thread.mjs', import.meta.url), { workerData: input });
    let done = false;
    worker.once('message', (m: FitResult) => {
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
