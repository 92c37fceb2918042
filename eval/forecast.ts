// `npm run eval:forecast`: the forecasting code (src/domain/forecast) measured on real grades nobody here
// wrote — the UCI «Student Performance» data, by the protocol of Cortez & Silva 2008: 10-fold
// cross-validation repeated 20 times; setup A (G1 and G2 known), B (G1 only), C (no grades); RMSE of
// G3 and pass/fail accuracy (G3 ≥ 10) beside the published naive and best figures.
//
//   npm run eval:forecast                  the table
//   npm run eval:forecast -- --json        one JSON object per line
//   npm run eval:forecast -- --repeats 2   a quicker, rougher run (also --folds, --inner-folds, --seed,
//                                          --datasets mat,por, --setups A,B)
//
// Other evaluations join the same table through `runForecastEval({ extraRows })` (e.g. the demo
// college's backtest): rows of the same shape.

import { pathToFileURL } from 'node:url';
import {
  brier,
  crossValidate,
  mean,
  rmse,
  sd,
  trainBlend,
  trainCutoff,
  trainOrdinal,
  trainRegressor,
  type BlendMember,
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
  /** The target of issue 16 item 7 for this figure, e.g. «≤ 1.70», «< 3.90», «≥ 93 %» (none for most rows). */
  target?: string | null;
  /** Whether the value meets the target. */
  met?: boolean | null;
}

export interface UciEvalOptions {
  datasets?: UciDataset[];
  setups?: UciSetup[];
  folds?: number;
  repeats?: number;
  seed?: number;
  /** Inner folds inside each training fold, where the blend's weights and the pass/fail rule are chosen (default 5). */
  innerFolds?: number;
  /** Skip the pass/fail models (only RMSE), e.g. for a quick test. */
  rmseOnly?: boolean;
  /** Told when each dataset × setup is done (the command line prints it on stderr). */
  progress?: (line: string) => void;
}

/** Boosted trees and a random forest for G3 (settings of decision 035, not tuned since). */
export const G3_TREES: BoostOptions = { trees: 150, learningRate: 0.07, maxDepth: 3, minLeaf: 5, lambda: 1, subsample: 0.8 };
export const G3_FOREST: BoostOptions = { forest: true, trees: 60, maxDepth: 7, minLeaf: 5, colsampleByNode: 1 / 3 };

/** The latest grade known in a setup: the one the pass/fail cutoff rule reads (none in setup C). */
const LATEST: Record<UciSetup, 'g1' | 'g2' | null> = { A: 'g2', B: 'g1', C: null };

/** The targets of issue 16 item 7: setup A's RMSE and pass/fail, setups B and C better than the published best. */
export const TARGETS: Record<UciDataset, Record<UciSetup, { rmse: number; strict: boolean; pass?: number }>> = {
  mat: { A: { rmse: 1.7, strict: false, pass: 0.93 }, B: { rmse: 2.46, strict: true }, C: { rmse: 3.9, strict: true } },
  por: { A: { rmse: 1.28, strict: false, pass: 0.93 }, B: { rmse: 1.74, strict: true }, C: { rmse: 2.66, strict: true } },
};

/** The pass/fail rules the training folds choose from (decision 049), in order of preference on a tie. */
export const PASS_RULES = ['cutoff', 'ordinal', 'blend'] as const;
export type PassRule = (typeof PASS_RULES)[number];

/** The members of the G3 blend: boosted trees, a random forest and the ordinal model's expected grade (the product's model). */
export function g3Members(features: string[], seed: number): BlendMember[] {
  return [
    { name: 'trees', fit: (x, y) => trainRegressor(x, y, { ...G3_TREES, features, seed }).predict },
    { name: 'forest', fit: (x, y) => trainRegressor(x, y, { ...G3_FOREST, features, seed }).predict },
    {
      name: 'ordinal',
      fit: (x, y) => {
        const m = trainOrdinal(x, y, { classes: [...new Set(y)].sort((a, b) => a - b), features, l2: 1 });
        return (row) => m.expected(row);
      },
    },
  ];
}

/** Accuracy of 0/1 forecasts against 0/1 outcomes. */
const hitRate = (p: readonly number[], y: readonly number[]) => mean(p.map((v, i) => (v === y[i] ? 1 : 0)));

/**
 * The best any pass/fail rule on the given grades can do: every combination of them answered by its
 * majority outcome, scored on the very rows it was read from (decision 045, 049) — no rule, however
 * fitted, beats it on these rows.
 */
export function gradeCeiling(grades: readonly (readonly number[])[], pass: readonly number[]): number {
  const cells = new Map<string, [number, number]>();
  pass.forEach((p, i) => {
    const key = grades.map((g) => g[i]).join(',');
    const c = cells.get(key) ?? [0, 0];
    c[p]++;
    cells.set(key, c);
  });
  let right = 0;
  for (const [fail, ok] of cells.values()) right += Math.max(fail, ok);
  return right / pass.length;
}

/**
 * Cross-validated figures of one dataset and setup (decision 049). Inside each training fold, by inner
 * cross-validation on its rows only: the weights of the G3 blend (boosted trees, random forest, ordinal
 * model) and the pass/fail rule — a cutoff on the latest grade, the ordinal (logistic) model on every
 * feature, or a cutoff on the blend's G3 — whichever classifies the inner folds best. The test fold is
 * only forecast. Setup C reads the attributes and the DERIVED features.
 */
export function evaluateUci(dataset: UciDataset, setup: UciSetup, opts: UciEvalOptions = {}): EvalRow[] {
  const d = loadUci(dataset, setup, { derived: setup === 'C' });
  const folds = opts.folds ?? 10;
  const repeats = opts.repeats ?? 20;
  const seed = opts.seed ?? 2008;
  const pass = d.g3.map((g) => (g >= 10 ? 1 : 0));
  const latest = LATEST[setup] ? d[LATEST[setup]] : null;
  type Out = {
    g3: number;
    pair: number;
    mean3: number;
    cutoff: number;
    ordinal: number;
    chosen: number;
    rule: PassRule | null;
    weights: number[];
  };
  const out = crossValidate<Out>(d.x.length, folds, repeats, seed, (train, test) => {
    const tx = train.map((i) => d.x[i]);
    const ty = train.map((i) => d.g3[i]);
    const blend = trainBlend(tx, ty, g3Members(d.features, seed + test[0]), { folds: opts.innerFolds ?? 5, seed: seed + test[0] });
    const pair = (i: number) => (blend.members[0](d.x[i]) + blend.members[1](d.x[i])) / 2;
    const mean3 = (i: number) => (blend.members[0](d.x[i]) + blend.members[1](d.x[i]) + blend.members[2](d.x[i])) / 3;
    const base = (i: number) => ({ g3: blend.predict(d.x[i]), pair: pair(i), mean3: mean3(i), weights: blend.weights });
    if (opts.rmseOnly) return test.map((i) => ({ ...base(i), cutoff: NaN, ordinal: NaN, chosen: NaN, rule: null }));
    // The pass/fail rules, each scored on the blend's inner folds (rows of this training fold only).
    const ty01 = train.map((i) => pass[i]);
    const tLatest = latest ? train.map((i) => latest[i]) : null;
    const inner = blend.innerFolds;
    const others = (held: number[]) => {
      const out = new Set(held);
      return ty.map((_, k) => k).filter((k) => !out.has(k));
    };
    const innerScore: Record<PassRule, number> = { cutoff: -1, ordinal: -1, blend: -1 };
    const scoreOf = (fit: (rows: number[]) => (k: number) => number) =>
      mean(
        inner.map((held) => {
          const predict = fit(others(held));
          return hitRate(
            held.map((k) => predict(k)),
            held.map((k) => ty01[k]),
          );
        }),
      );
    if (tLatest)
      innerScore.cutoff = scoreOf((rows) => {
        const r = trainCutoff(
          rows.map((k) => tLatest[k]),
          rows.map((k) => ty01[k]),
        );
        return (k) => r.predict(tLatest[k]);
      });
    const fitOrdinal = (rows: number[]) =>
      trainOrdinal(
        rows.map((k) => tx[k]),
        rows.map((k) => ty01[k]),
        { classes: [0, 1], features: d.features, l2: 1 },
      );
    innerScore.ordinal = scoreOf((rows) => {
      const m = fitOrdinal(rows);
      return (k) => (m.predictProba(tx[k])[1] >= 0.5 ? 1 : 0);
    });
    innerScore.blend = scoreOf((rows) => {
      const r = trainCutoff(
        rows.map((k) => blend.outOfFold[k]),
        rows.map((k) => ty01[k]),
      );
      return (k) => r.predict(blend.outOfFold[k]);
    });
    const rule = PASS_RULES.reduce((best, r) => (innerScore[r] > innerScore[best] ? r : best), PASS_RULES[0]);
    const all = ty.map((_, k) => k);
    const cutoff = tLatest ? trainCutoff(tLatest, ty01) : null;
    const ord = fitOrdinal(all);
    const onBlend = trainCutoff(blend.outOfFold, ty01);
    return test.map((i) => {
      const c = cutoff && latest ? cutoff.predict(latest[i]) : NaN;
      const o = ord.predictProba(d.x[i])[1];
      const b = base(i);
      const chosen = rule === 'cutoff' ? c : rule === 'ordinal' ? (o >= 0.5 ? 1 : 0) : onBlend.predict(b.g3);
      return { ...b, cutoff: c, ordinal: o, chosen, rule };
    });
  });
  const published = PUBLISHED[dataset][setup];
  const target = TARGETS[dataset][setup];
  const name = UCI_TITLES[dataset];
  const rmseOf = (f: (o: Out) => number) => mean(out.map((r) => rmse(r.map(f), d.g3)));
  const blendRmse = rmseOf((o) => o.g3);
  const w = [0, 1, 2].map((j) => mean(out.flatMap((r) => r.map((o) => o.weights[j]))));
  opts.progress?.(
    `${name}, setup ${setup}: mean weights of the blend — trees ${w[0].toFixed(2)}, forest ${w[1].toFixed(2)}, ordinal ${w[2].toFixed(2)};` +
      ` its RMSE by repetition ${blendRmse.toFixed(3)} ± ${sd(
        out.map((r) =>
          rmse(
            r.map((o) => o.g3),
            d.g3,
          ),
        ),
      ).toFixed(3)} (sd)`,
  );
  const rows: EvalRow[] = [
    {
      dataset: name,
      setup,
      metric: `RMSE of G3, blend chosen in training folds${setup === 'C' ? ' (derived features)' : ''}`,
      value: blendRmse,
      published_naive: published.rmse[0],
      published_best: published.rmse[1],
      target: `${target.strict ? '<' : '≤'} ${target.rmse.toFixed(2)}`,
      met: target.strict ? blendRmse < target.rmse : blendRmse <= target.rmse,
    },
    {
      dataset: name,
      setup,
      metric: 'RMSE of G3, boosted trees + random forest (decision 045)',
      value: rmseOf((o) => o.pair),
      published_naive: published.rmse[0],
      published_best: published.rmse[1],
    },
    {
      dataset: name,
      setup,
      // Not a headline figure: this fixed mean was picked after seeing an exploratory run of it (decision 049).
      metric: 'RMSE of G3, plain mean of trees, forest and ordinal model (seen before fixed)',
      value: rmseOf((o) => o.mean3),
      published_naive: published.rmse[0],
      published_best: published.rmse[1],
    },
  ];
  if (opts.rmseOnly) return rows;
  const acc = (f: (o: Out) => boolean) => mean(out.map((r) => mean(r.map((o, i) => (f(o) === (pass[i] === 1) ? 1 : 0)))));
  const naiveP = published.pass?.[0] ?? null;
  const bestP = published.pass?.[1] ?? null;
  const chosenAcc = acc((o) => o.chosen === 1);
  const picks = PASS_RULES.map((r) => {
    const n = out.reduce((s, rep) => s + rep.filter((o) => o.rule === r).length, 0);
    return `${r} ${((100 * n) / (out.length * d.g3.length)).toFixed(0)} %`;
  }).join(', ');
  opts.progress?.(`${name}, setup ${setup}: pass/fail rule chosen (share of forecasts) — ${picks}`);
  rows.push({
    dataset: name,
    setup,
    metric: 'pass/fail accuracy, rule chosen in training folds',
    value: chosenAcc,
    published_naive: naiveP,
    published_best: bestP,
    target: target.pass ? `≥ ${(target.pass * 100).toFixed(0)} %` : null,
    met: target.pass ? chosenAcc >= target.pass : null,
  });
  if (latest) {
    const upper = LATEST[setup]!.toUpperCase();
    rows.push(
      {
        dataset: name,
        setup,
        metric: `pass/fail accuracy, ceiling of any rule on ${setup === 'A' ? 'G1 and G2' : 'G1'} (in-sample lookup, no CV)`,
        value: gradeCeiling(setup === 'A' ? [d.g1, d.g2] : [d.g1], pass),
        published_naive: null,
        published_best: null,
      },
      {
        dataset: name,
        setup,
        metric: `pass/fail accuracy, naive (${upper} ≥ 10, no model)`,
        value: hitRate(
          latest.map((g) => (g >= 10 ? 1 : 0)),
          pass,
        ),
        published_naive: naiveP,
        published_best: bestP,
      },
      {
        dataset: name,
        setup,
        metric: `pass/fail accuracy, cutoff on ${upper} (chosen in training folds)`,
        value: acc((o) => o.cutoff === 1),
        published_naive: naiveP,
        published_best: bestP,
      },
    );
  } else
    rows.push({
      dataset: name,
      setup,
      metric: 'pass/fail accuracy, naive (everyone passes, no model)',
      value: mean(pass),
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

/** The table, one row per line; with `json`, one JSON object per line (target and met always present, null when none). */
export function formatRows(rows: readonly EvalRow[], json = false): string {
  if (json) return rows.map((r) => JSON.stringify({ ...r, target: r.target ?? null, met: r.met ?? null })).join('\n');
  const head = ['dataset', 'setup', 'metric', 'value', 'published naive', 'published best', 'target', 'met'];
  const cells = rows.map((r) => [
    r.dataset,
    r.setup,
    r.metric,
    fmt(r.value, r.metric),
    fmt(r.published_naive, r.metric),
    fmt(r.published_best, r.metric),
    r.target ?? '',
    r.met === undefined || r.met === null ? '' : r.met ? 'yes' : 'NO',
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
    innerFolds: Number(argValue(argv, '--inner-folds') ?? 5),
    seed: Number(argValue(argv, '--seed') ?? 2008),
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
