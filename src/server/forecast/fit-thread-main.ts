import { parentPort, threadId, workerData } from 'node:worker_threads';
import { fitGiaModels } from '../../domain/gia-forecast-train.js';
import { fitTermModels } from '../../domain/term-forecast-train.js';
import type { FitTask } from './fit-worker.js';

// Inside the worker thread (fit-worker.ts): fit the models from the rows it was given and post them back.
const work = workerData as FitTask;
parentPort!.postMessage({ threadId, fit: work.task === 'term' ? fitTermModels(work.input) : fitGiaModels(work.input) });
