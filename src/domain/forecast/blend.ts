// A blend of forecasters of a number (stacking): each member is fitted on part of the training rows and
// predicts the rest (inner cross-validation), and the weights are the ones whose mix of those out-of-fold
// forecasts has the least squared error, among every weight vector on a grid of `step` (non-negative,
// summing to 1). The members are then refitted on every training row. Only training rows are seen, so the weights can be chosen per dataset without
// touching the rows a forecast is scored on (decision 049).

import { kFold } from './metrics.js';

export interface BlendMember {
  name: string;
  /** Fits the member on the rows and returns its forecast of one row. */
  fit(x: number[][], y: number[]): (row: number[]) => number;
}

export interface BlendOptions {
  /** Inner folds (default 5). */
  folds?: number;
  /** Seed of the inner folds (default 1). */
  seed?: number;
  /** Grid of the weights (default 0.05). */
  step?: number;
}

export interface Blend {
  names: string[];
  weights: number[];
  predict(row: number[]): number;
  /** Each member fitted on every training row (a member of weight 0 too, to be compared). */
  members: ((row: number[]) => number)[];
  /** The blend's out-of-fold forecast of every training row (inner cross-validation, the chosen weights). */
  outOfFold: number[];
  /** Each member's out-of-fold forecasts (one array per member, aligned with the training rows). */
  memberOutOfFold: number[][];
  /** The training row indices of each inner test fold, for choosing other things on the same folds. */
  innerFolds: number[][];
}

/** Every weight vector of `m` non-negative multiples of 1/units summing to 1. */
function simplexGrid(m: number, units: number): number[][] {
  if (m === 1) return [[1]];
  const out: number[][] = [];
  const rec = (prefix: number[], left: number) => {
    if (prefix.length === m - 1) {
      out.push([...prefix, left].map((u) => u / units));
      return;
    }
    for (let u = 0; u <= left; u++) rec([...prefix, u], left - u);
  };
  rec([], units);
  return out;
}

/** The weights (on the simplex grid of `step`) whose mix of `preds` (members × rows) has the least squared error against y; ties: the first. */
export function bestWeights(preds: readonly (readonly number[])[], y: readonly number[], step = 0.05): number[] {
  const m = preds.length;
  if (m === 0) throw new Error('no members to blend');
  const units = Math.round(1 / step);
  if (!(units >= 1) || Math.abs(units * step - 1) > 1e-9) throw new Error(`step must divide 1, got ${step}`);
  // Squared error of a mix from the Gram matrix: w'Gw − 2w'b + Σy².
  const G = preds.map((a) => preds.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
  const b = preds.map((a) => a.reduce((s, v, i) => s + v * y[i], 0));
  let best: number[] = [];
  let bestLoss = Infinity;
  for (const w of simplexGrid(m, units)) {
    let loss = 0;
    for (let j = 0; j < m; j++) {
      loss -= 2 * w[j] * b[j];
      for (let k = 0; k < m; k++) loss += w[j] * w[k] * G[j][k];
    }
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = w;
    }
  }
  return best;
}

export function trainBlend(x: number[][], y: number[], members: readonly BlendMember[], opts: BlendOptions = {}): Blend {
  if (members.length === 0) throw new Error('no members to blend');
  if (x.length !== y.length) throw new Error(`x has ${x.length} rows, y has ${y.length}`);
  const folds = kFold(x.length, opts.folds ?? 5, opts.seed ?? 1);
  const oof = members.map(() => new Array<number>(x.length).fill(NaN));
  for (const f of folds) {
    const tx = f.train.map((i) => x[i]);
    const ty = f.train.map((i) => y[i]);
    members.forEach((m, j) => {
      const predict = m.fit(tx, ty);
      for (const i of f.test) oof[j][i] = predict(x[i]);
    });
  }
  const weights = bestWeights(oof, y, opts.step ?? 0.05);
  const fitted = members.map((m) => m.fit(x, y));
  return {
    names: members.map((m) => m.name),
    weights,
    predict: (row) => fitted.reduce((s, p, j) => (weights[j] > 0 ? s + weights[j] * p(row) : s), 0),
    members: fitted,
    outOfFold: y.map((_, i) => oof.reduce((s, o, j) => s + weights[j] * o[i], 0)),
    memberOutOfFold: oof,
    innerFolds: folds.map((f) => f.test),
  };
}
