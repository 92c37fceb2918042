import { BatchRunner } from '../src/server/archive/batches.js';
import '../src/server/archive/close.js';
import '../src/server/print/batch.js';
import { openDatabase } from '../src/server/platform/db.js';

// A batch (the year's archive, the printed journals) as a server process runs it, alone in its process so that its memory is its
// own (bench/archive.ts): prints {seconds, rss0, peak, early, late} as JSON.
const [dbPath] = process.argv.slice(2);
const { db, close } = openDatabase(`sqlite:${dbPath}`);
const rss0 = process.memoryUsage().rss;
let peak = rss0;
const samples: number[] = [];
const timer = setInterval(() => {
  const r = process.memoryUsage().rss;
  peak = Math.max(peak, r);
  samples.push(r);
}, 50);
const started = Date.now();
await new BatchRunner(db).tick();
const seconds = (Date.now() - started) / 1000;
clearInterval(timer);
const q = Math.max(1, Math.floor(samples.length / 4));
await close();
console.log(JSON.stringify({ seconds, rss0, peak, early: Math.max(...samples.slice(0, q)), late: Math.max(...samples.slice(-q)) }));
