import { parentPort, threadId, workerData } from 'node:worker_threads';
import { fitTermModels, type FitInput } from '../../domain/term-forecast-train.js';

// Inside the worker thread (fit-worker.ts): fit the models from the rows it was given and post them back.
parentPort!.postMessage({ threadId, fit: fitTermModels(workerData as FitInput) });
