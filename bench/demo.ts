import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../src/server/demo/seed.js';
import { openDatabase } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { figure } from './lib.js';
import { decimalRu } from '../src/domain/russian.js';

/** Generating the demo college of 2,000 students (target: under 30 s). */
export async function demoBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-bench-'));
  const { db, close } = openDatabase(`sqlite:${join(dir, 'demo.db')}`);
  try {
    await migrateToLatest(db);
    const t = performance.now();
    await seedDemo(db, { students: 2000, seed: 7 });
    const s = (performance.now() - t) / 1000;
    console.log(`Демо-колледж на 2000 обучающихся (SQLite): ${decimalRu(s, 2)} с (цель < 30 с, запас ×${(30 / s).toFixed(0)})`);
    figure('Демо-колледж на 2000 обучающихся (SQLite)', s, 'с', { op: '<=', value: 30 });
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}
