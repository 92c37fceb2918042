// `npm run bench` runs every benchmark; `npm run bench -- <name> …` runs the named ones.
// Each benchmark prints its figures with their targets (bench/lib.ts figure); quote them with the machine noted.
import { cpus, totalmem } from 'node:os';
import { countRu } from '../src/domain/russian.js';
import { benchmarks } from './index.js';
import { JSON_OUTPUT } from './lib.js';

// With --json only the figures go to stdout (one JSON object a line); everything else to stderr.
if (JSON_OUTPUT) console.log = console.error;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !benchmarks[w]);
if (unknown.length) {
  console.error(`Неизвестный замер: ${unknown.join(', ')}. Есть: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
console.log(
  `Машина: ${countRu(cpus().length, ['ядро', 'ядра', 'ядер'])} (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} ГиБ, Node ${process.version}`,
);
for (const name of wanted.length ? wanted : Object.keys(benchmarks)) {
  console.log(`\n=== ${name} ===`);
  await benchmarks[name]();
}
process.exit(0);
