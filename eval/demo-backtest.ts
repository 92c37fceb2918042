import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../src/server/demo/seed.js';
import { trainGiaModels } from '../src/server/forecast/gia.js';
import { trainModels } from '../src/server/forecast/models.js';
import { openDatabase } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import type { BacktestRow } from '../src/domain/term-forecast-backtest.js';
import type { EvalRow } from './forecast.js';

// The backtest on the demo college (issue 16 item 8) as rows of `npm run eval:forecast`: the demo of
// DEMO_STUDENTS students built around a fixed date, its models trained on the previous year, and the
// forecasts made as of mid-term of each term of that year scored against the term grades then given —
// the college's model (out of fold, by student), beside the naive forecast (the current weighted average
// rounded) in the «published naive» column and the built-in prior in «published best». Calibration: the
// reliability table, one row per bin (value: the observed share; the bin's mean forecast in the metric).
// The ГИА rows (decision 044): the previous year's graduates forecast as of the day before their demo exam
// or defence, the college's model out of fold, beside the naive forecast (the mean of module results rounded).

const STUDENTS = Number(process.env.DEMO_STUDENTS ?? 600);
const TODAY = '2026-11-28';

export async function demoBacktestRows(): Promise<EvalRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-eval-'));
  const { db, close } = openDatabase(`sqlite:${join(dir, 'demo.db')}`);
  try {
    await migrateToLatest(db);
    const { orgId } = await seedDemo(db, { students: STUDENTS, seed: 1, today: TODAY });
    const { backtest } = await trainModels(db, orgId, TODAY, { job: null, userId: null });
    const gia = await trainGiaModels(db, orgId, TODAY, { job: null, userId: null });
    const dataset = `demo college (${STUDENTS})`;
    return [
      ...backtestRows(dataset, `mid-term ${backtest.term}`, 'term grade', backtest.rows),
      ...backtestRows(dataset, `day before ГИА ${gia.demo.backtest.year}`, 'demo exam grade', gia.demo.backtest.rows),
      ...backtestRows(dataset, `day before ГИА ${gia.thesis.backtest.year}`, 'thesis grade', gia.thesis.backtest.rows),
    ];
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A backtest's rows: accuracy, Brier and calibration beside the naive forecast and the prior, then the reliability table. */
function backtestRows(dataset: string, setup: string, what: string, bt: BacktestRow[]): EvalRow[] {
  const by = Object.fromEntries(bt.map((r) => [r.method, r]));
  const { model, naive, prior } = by;
  if (!model) return [];
  const ece = (r: typeof model) =>
    r.reliability.reduce((s, b) => s + b.n * Math.abs(b.predicted - b.observed), 0) / r.reliability.reduce((s, b) => s + b.n, 0);
  const rows: EvalRow[] = [
    {
      dataset,
      setup,
      metric: `${what} accuracy (n=${model.rows})`,
      value: model.accuracy,
      published_naive: naive?.accuracy ?? null,
      published_best: prior?.accuracy ?? null,
    },
    {
      dataset,
      setup,
      metric: `${what} Brier`,
      value: model.brier,
      published_naive: naive?.brier ?? null,
      published_best: prior?.brier ?? null,
    },
    {
      dataset,
      setup,
      metric: `${what} calibration error (ECE)`,
      value: ece(model),
      published_naive: naive ? ece(naive) : null,
      published_best: prior ? ece(prior) : null,
    },
  ];
  for (const b of model.reliability)
    rows.push({
      dataset,
      setup,
      metric: `reliability ${b.from.toFixed(1)}–${b.to.toFixed(1)}: forecast ${b.predicted.toFixed(3)}, n=${b.n}; observed`,
      value: b.observed,
      published_naive: null,
      published_best: null,
    });
  return rows;
}
