// Measures of a forecast and the cross-validation that produces them. Pure functions of arrays.

import { seededRng, shuffled } from './rng.js';

function sameLength(a: readonly unknown[], b: readonly unknown[]) {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  if (a.length === 0) throw new Error('no observations');
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return Math.sqrt(s / (values.length - 1));
}

/** Root mean squared error. */
export function rmse(predicted: readonly number[], actual: readonly number[]): number {
  sameLength(predicted, actual);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(s / actual.length);
}

/** Mean absolute error. */
export function mae(predicted: readonly number[], actual: readonly number[]): number {
  sameLength(predicted, actual);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(predicted[i] - actual[i]);
  return s / actual.length;
}

/** Share of exact matches, 0..1. */
export function accuracy<T>(predicted: readonly T[], actual: readonly T[]): number {
  sameLength(predicted, actual);
  let hit = 0;
  for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) hit++;
  return hit / actual.length;
}

/**
 * Brier score of probabilistic forecasts: the mean over observations of Σ_k (p_k − [y = k])².
 * `actual` holds class values when `classes` is given (probabilities in the same order), else class indices.
 * 0 is perfect; always forecasting the uniform distribution over K classes scores 1 − 1/K.
 */
export function brier(probs: readonly (readonly number[])[], actual: readonly number[], classes?: readonly number[]): number {
  sameLength(probs, actual);
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const k = classes ? classes.indexOf(actual[i]) : actual[i];
    const p = probs[i];
    if (k < 0 || k >= p.length) throw new Error(`observation ${i}: class ${actual[i]} is not forecast`);
    for (let j = 0; j < p.length; j++) s += (p[j] - (j === k ? 1 : 0)) ** 2;
  }
  return s / actual.length;
}

export interface ReliabilityRow {
  /** The bin's bounds of forecast probability, [from, to). The last bin includes 1. */
  from: number;
  to: number;
  count: number;
  /** Mean forecast probability in the bin (NaN when empty). */
  predicted: number;
  /** Observed frequency of the event in the bin (NaN when empty). */
  observed: number;
}

/**
 * Reliability table (calibration): forecasts of an event's probability grouped into equal-width bins,
 * each with its mean forecast and the observed frequency. A calibrated forecast has them close.
 * For several classes, pass one-vs-rest pairs (every class probability with whether that class occurred).
 */
export function reliability(probs: readonly number[], occurred: readonly (boolean | number)[], bins = 10): ReliabilityRow[] {
  sameLength(probs, occurred);
  const rows = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, sumP: 0, sumY: 0 }));
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`observation ${i}: probability ${p} is outside [0, 1]`);
    const r = rows[Math.min(bins - 1, Math.floor(p * bins))];
    r.count++;
    r.sumP += p;
    r.sumY += occurred[i] ? 1 : 0;
  }
  return rows.map((r) => ({ from: r.from, to: r.to, count: r.count, predicted: r.sumP / r.count, observed: r.sumY / r.count }));
}

/** Expected calibration error: the count-weighted mean |predicted − observed| over the table's bins. */
export function calibrationError(table: readonly ReliabilityRow[]): number {
  let n = 0;
  let s = 0;
  for (const r of table) {
    if (r.count === 0) continue;
    n += r.count;
    s += r.count * Math.abs(r.predicted - r.observed);
  }
  return n === 0 ? NaN : s / n;
}

export interface Fold {
  repeat: number;
  fold: number;
  train: number[];
  test: number[];
}

/**
 * k-fold cross-validation repeated `repeats` times, each repetition with its own shuffle from one seed:
 * every index is in exactly one test fold per repetition; folds differ in size by at most one.
 */
export function repeatedKFold(n: number, k: number, repeats = 1, seed = 1): Fold[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new Error(`k must be an integer in [2, ${n}], got ${k}`);
  const rng = seededRng(seed);
  const all = Array.from({ length: n }, (_, i) => i);
  const out: Fold[] = [];
  for (let r = 0; r < repeats; r++) {
    const order = shuffled(all, rng);
    for (let f = 0; f < k; f++) {
      const test: number[] = [];
      const train: number[] = [];
      order.forEach((idx, pos) => (pos % k === f ? test : train).push(idx));
      out.push({ repeat: r, fold: f, train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) });
    }
  }
  return out;
}

/** One fold of `kFold` repeated once. */
export function kFold(n: number, k: number, seed = 1): Fold[] {
  return repeatedKFold(n, k, 1, seed);
}

/**
 * Out-of-fold predictions of every repetition: `predict(train, test)` returns one prediction per test index.
 * Returns, per repetition, an array aligned with the observations (each predicted by the model that did not see it).
 */
export function crossValidate<P>(
  n: number,
  k: number,
  repeats: number,
  seed: number,
  predict: (train: number[], test: number[]) => P[],
): P[][] {
  const out: P[][] = Array.from({ length: repeats }, () => new Array<P>(n));
  for (const f of repeatedKFold(n, k, repeats, seed)) {
    const p = predict(f.train, f.test);
    if (p.length !== f.test.length) throw new Error(`fold ${f.fold}: ${p.length} predictions for ${f.test.length} observations`);
    f.test.forEach((idx, j) => (out[f.repeat][idx] = p[j]));
  }
  return out;
}
