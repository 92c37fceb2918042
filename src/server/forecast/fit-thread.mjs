// The entry of the worker thread that fits a college's forecast models (fit-worker.ts): a worker does not
// inherit the main thread's TypeScript loader, so it registers tsx here, then runs fit-thread-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./fit-thread-main.ts');
