// `npm run eval:forecast`: the forecasting code (src/domain/forecast) measured on real grades nobody here
// wrote — the UCI «Student Performance» data, by the protocol of Cortez & Silva 2008: 10-fold
// cross-validation repeated 20 times; setup A (G1 and G2 known), B (G1 only), C (no grades); RMSE of
// G3 and pass/fail accuracy (G3 ≥ 10) beside the published naive and best figures.
//
//   npm run eval:forecast                  the table
//   npm run eval:forecast -- --json        one JSON object per line
//   npm run eval:forecast -- --repeats 2   a quicker, rougher run (also --folds, --datasets mat,por, --setups A,B)
//
// Other evaluations join the same table through `runForecastEval({ extraRows })` (e.g. the demo
// college's backtest): rows of the same shape.

import { pathToFileURL } from 'node:url';
import {
  brier,
  crossValidate,
  mean,
  rmse,
  trainCutoff,
  trainOrdinal,
  trainRegressor,
  type BoostOptions,
} from '../src/domain/forecast/model.js';
import { loadUci, PUBLISHED, UCI_TITLES, type UciDataset, type UciSetup } from './uci.js';

/** One line of the table (and of `--json`). */
export interface EvalRow {
  dataset: string;
  setup: string;
  metric: string;
  value: number;
  published_naive: number | null;
  published_best: number | null;
}

export interface UciEvalOptions {
  datasets?: UciDataset[];
  setups?: UciSetup[];
  folds?: number;
  repeats?: number;
  seed?: number;
  /** Skip the pass/fail models (only RMSE), e.g. for a quick test. */
  rmseOnly?: boolean;
  /** Told when each dataset × setup is done (the command line prints it on stderr). */
  progress?: (line: string) => void;
}

/** G3 is forecast by the mean of boosted trees and a random forest (settings chosen on 2-repetition runs; decision 035). */
export const G3_TREES: BoostOptions = { trees: 150, learningRate: 0.07, maxDepth: 3, minLeaf: 5, lambda: 1, subsample: 0.8 };
export const G3_FOREST: BoostOptions = { forest: true, trees: 60, maxDepth: 7, minLeaf: 5, colsampleByNode: 1 / 3 };

/** The latest grade known in a setup: the one the pass/fail cutoff rule reads (none in setup C). */
const LATEST: Record<UciSetup, 'g1' | 'g2' | null> = { A: 'g2', B: 'g1', C: null };

/**
 * Cross-validated figures of one dataset and setup (decision 045): G3 by boosted trees + a random forest
 * (in setup C on the attributes and the DERIVED features); pass/fail by a cutoff on the latest grade and by
 * the ordinal (logistic) model on every feature. Everything is fitted on the training folds only; the
 * cutoff, too, is chosen there.
 */
export function evaluateUci(dataset: UciDataset, setup: UciSetup, opts: UciEvalOptions = {}): EvalRow[] {
  const d = loadUci(dataset, setup, { derived: setup === 'C' });
  const folds = opts.folds ?? 10;
  const repeats = opts.repeats ?? 20;
  const seed = opts.seed ?? 2008;
  const pass = d.g3.map((g) => (g >= 10 ? 1 : 0));
  const latest = LATEST[setup] ? d[LATEST[setup]] : null;
  type Out = { g3: number; cutoff: number; ordinal: number };
  const out = crossValidate<Out>(d.x.length, folds, repeats, seed, (train, test) => {
    const tx = train.map((i) => d.x[i]);
    const ty = train.map((i) => d.g3[i]);
    const trees = trainRegressor(tx, ty, { ...G3_TREES, features: d.features, seed: seed + test[0] });
    const forest = trainRegressor(tx, ty, { ...G3_FOREST, features: d.features, seed: seed + test[0] });
    const g3 = (i: number) => (trees.predict(d.x[i]) + forest.predict(d.x[i])) / 2;
    if (opts.rmseOnly) return test.map((i) => ({ g3: g3(i), cutoff: NaN, ordinal: NaN }));
    const ty01 = train.map((i) => pass[i]);
    const rule = latest
      ? trainCutoff(
          train.map((i) => latest[i]),
          ty01,
        )
      : null;
    const ord = trainOrdinal(tx, ty01, { classes: [0, 1], features: d.features, l2: 1 });
    return test.map((i) => ({ g3: g3(i), cutoff: rule && latest ? rule.predict(latest[i]) : NaN, ordinal: ord.predictProba(d.x[i])[1] }));
  });
  const published = PUBLISHED[dataset][setup];
  const name = UCI_TITLES[dataset];
  const rows: EvalRow[] = [
    {
      dataset: name,
      setup,
      metric: `RMSE of G3, boosted trees + random forest${setup === 'C' ? ' (derived features)' : ''}`,
      value: mean(
        out.map((r) =>
          rmse(
            r.map((o) => o.g3),
            d.g3,
          ),
        ),
      ),
      published_naive: published.rmse[0],
      published_best: published.rmse[1],
    },
  ];
  if (opts.rmseOnly) return rows;
  const acc = (f: (o: Out) => boolean) => mean(out.map((r) => mean(r.map((o, i) => (f(o) === (pass[i] === 1) ? 1 : 0)))));
  const naiveP = published.pass?.[0] ?? null;
  const bestP = published.pass?.[1] ?? null;
  if (latest)
    rows.push({
      dataset: name,
      setup,
      metric: `pass/fail accuracy, cutoff on ${LATEST[setup]!.toUpperCase()} (chosen in training folds)`,
      value: acc((o) => o.cutoff === 1),
      published_naive: naiveP,
      published_best: bestP,
    });
  rows.push(
    {
      dataset: name,
      setup,
      metric: 'pass/fail accuracy, ordinal model',
      value: acc((o) => o.ordinal >= 0.5),
      published_naive: naiveP,
      published_best: bestP,
    },
    {
      dataset: name,
      setup,
      metric: 'pass/fail Brier score, ordinal model',
      // The usual two-outcome form, mean (p − y)²: half of the multi-class sum over both outcomes.
      value: mean(
        out.map(
          (r) =>
            brier(
              r.map((o) => [1 - o.ordinal, o.ordinal]),
              pass,
            ) / 2,
        ),
      ),
      published_naive: null,
      published_best: null,
    },
  );
  return rows;
}

/** Every dataset × setup of the UCI evaluation. */
export function evaluateAllUci(opts: UciEvalOptions = {}): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const dataset of opts.datasets ?? (['mat', 'por'] as const))
    for (const setup of opts.setups ?? (['A', 'B', 'C'] as const)) {
      const started = Date.now();
      rows.push(...evaluateUci(dataset, setup, opts));
      opts.progress?.(`${UCI_TITLES[dataset]}, setup ${setup}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  return rows;
}

const fmt = (v: number | null, metric: string) =>
  v === null || Number.isNaN(v) ? '—' : /accuracy/.test(metric) ? `${(v * 100).toFixed(1)} %` : v.toFixed(3);

/** The table, one row per line; with `json`, one JSON object per line. */
export function formatRows(rows: readonly EvalRow[], json = false): string {
  if (json) return rows.map((r) => JSON.stringify(r)).join('\n');
  const head = ['dataset', 'setup', 'metric', 'value', 'published naive', 'published best'];
  const cells = rows.map((r) => [
    r.dataset,
    r.setup,
    r.metric,
    fmt(r.value, r.metric),
    fmt(r.published_naive, r.metric),
    fmt(r.published_best, r.metric),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((s, c) => (c >= 3 ? s.padStart(widths[c]) : s.padEnd(widths[c]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function argValue(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/**
 * Runs the evaluation and prints it. `extraRows` adds rows of other evaluations (e.g. the demo college's
 * backtest) to the same table; it receives the parsed options.
 */
export async function runForecastEval(
  argv: string[] = process.argv.slice(2),
  extraRows?: (opts: UciEvalOptions) => EvalRow[] | Promise<EvalRow[]>,
): Promise<EvalRow[]> {
  const json = argv.includes('--json');
  const opts: UciEvalOptions = {
    repeats: Number(argValue(argv, '--repeats') ?? 20),
    folds: Number(argValue(argv, '--folds') ?? 10),
    datasets: argValue(argv, '--datasets')?.split(',') as UciDataset[] | undefined,
    setups: argValue(argv, '--setups')?.split(',') as UciSetup[] | undefined,
    progress: (line) => process.stderr.write(`${line}\n`),
  };
  const started = Date.now();
  const rows = evaluateAllUci(opts);
  if (extraRows) rows.push(...(await extraRows(opts)));
  console.log(formatRows(rows, json));
  if (!json) {
    console.log(
      `\n${opts.folds}-fold cross-validation repeated ${opts.repeats} times; ${((Date.now() - started) / 1000).toFixed(0)} s.` +
        '\nData: P. Cortez and A. Silva, Using Data Mining to Predict Secondary School Student Performance, FUBUTEC 2008;' +
        '\nUCI Machine Learning Repository #320, DOI 10.24432/C5TG7T, CC BY 4.0 (eval/datasets/uci-student-performance/README.md).',
    );
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  runForecastEval().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
