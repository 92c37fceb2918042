// Small gradient-boosted regression trees (second-order boosting as in XGBoost, on binned features):
// squared loss for a number (e.g. a final grade), logistic loss for a yes/no (e.g. pass). Depth-limited
// trees, an L2 penalty on leaf values, row subsampling from a seeded generator, and optional early
// stopping on a held-out share of the rows: the same data and seed give the same model.
// A missing value (NaN) always goes to the left branch.

import { seededRng, shuffled, type Rng } from './rng.js';

export interface BoostOptions {
  /** Number of trees (the most when early stopping; default 200). */
  trees?: number;
  /** Shrinkage of each tree (default 0.05). */
  learningRate?: number;
  /** Depth of each tree (default 3). */
  maxDepth?: number;
  /** Least hessian weight in a leaf (for squared loss, rows; default 5). */
  minLeaf?: number;
  /** L2 penalty on leaf values (default 1). */
  lambda?: number;
  /** Share of rows each tree sees (default 0.8). */
  subsample?: number;
  /** Share of features each tree may split on (default 1). */
  colsample?: number;
  /** Share of features each split may choose from, drawn anew at every node (default 1). */
  colsampleByNode?: number;
  /** Random forest instead of boosting: every tree fits the targets on a bootstrap sample, the prediction is their mean
   * (learning rate 1 / trees; subsample, early stopping and lambda do not apply). */
  forest?: boolean;
  /** Most distinct thresholds per feature (default 64). */
  maxBins?: number;
  seed?: number;
  /** Hold out this share of rows and stop when their loss has not improved for `patience` trees. */
  earlyStopping?: { fraction: number; patience: number };
  features?: string[];
  sampleWeight?: number[];
}

interface TreeJSON {
  /** Per node: split feature (−1 for a leaf), threshold (go left when x ≤ t or missing), children, value. */
  f: number[];
  t: number[];
  l: number[];
  r: number[];
  v: number[];
}

export interface BoostJSON {
  kind: 'gbt';
  version: 1;
  loss: 'squared' | 'logistic';
  features: string[];
  base: number;
  learningRate: number;
  trees: TreeJSON[];
}

export interface Regressor {
  features: string[];
  predict(x: number[]): number;
  /** The prediction when no feature is known (the trees' root values): the contributions are measured from it. */
  baseline: number;
  /** Each feature's contribution to the prediction (path attribution; they sum to predict(x) − baseline). */
  contributions(x: number[]): number[];
  toJSON(): BoostJSON;
}

export interface Classifier {
  features: string[];
  /** Probability of the positive class (y = 1). */
  predictProba(x: number[]): number;
  /** The log-odds when no feature is known (the trees' root values). */
  baseline: number;
  /** Each feature's contribution to the log-odds (they sum to logit(predictProba(x)) − baseline). */
  contributions(x: number[]): number[];
  toJSON(): BoostJSON;
}

function leafOf(tree: TreeJSON, x: readonly number[]): number {
  let node = 0;
  while (tree.f[node] >= 0) {
    const v = x[tree.f[node]];
    node = v <= tree.t[node] || Number.isNaN(v) || v === undefined ? tree.l[node] : tree.r[node];
  }
  return node;
}

function rawScore(j: BoostJSON, x: readonly number[]): number {
  let s = j.base;
  for (const tree of j.trees) s += j.learningRate * tree.v[leafOf(tree, x)];
  return s;
}

function baselineOf(j: BoostJSON): number {
  let s = j.base;
  for (const tree of j.trees) s += j.learningRate * tree.v[0];
  return s;
}

function pathContributions(j: BoostJSON, x: readonly number[]): number[] {
  const out = new Array<number>(j.features.length).fill(0);
  for (const tree of j.trees) {
    let node = 0;
    while (tree.f[node] >= 0) {
      const f = tree.f[node];
      const v = x[f];
      const next = v <= tree.t[node] || Number.isNaN(v) || v === undefined ? tree.l[node] : tree.r[node];
      out[f] += j.learningRate * (tree.v[next] - tree.v[node]);
      node = next;
    }
  }
  return out;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Candidate thresholds of one feature: midpoints between distinct values, thinned to quantiles. */
function thresholdsOf(values: number[], maxBins: number): number[] {
  const distinct = [...new Set(values.filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  if (distinct.length <= 1) return [];
  const mids: number[] = [];
  for (let i = 1; i < distinct.length; i++) mids.push((distinct[i - 1] + distinct[i]) / 2);
  if (mids.length <= maxBins - 1) return mids;
  // Thin by rank: keep thresholds at evenly spaced quantiles of the rows.
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const out = new Set<number>();
  for (let b = 1; b < maxBins; b++) {
    const q = sorted[Math.floor((b * sorted.length) / maxBins)];
    const at = mids.findIndex((m) => m >= q);
    if (at > 0) out.add(mids[at - 1]);
  }
  return [...out].sort((a, b) => a - b);
}

function boost(x: number[][], y: number[], loss: 'squared' | 'logistic', opts: BoostOptions): BoostJSON {
  const n = x.length;
  if (n === 0) throw new Error('no rows to train on');
  if (n !== y.length) throw new Error(`x has ${n} rows, y has ${y.length}`);
  const p = x[0].length;
  for (const row of x) if (row.length !== p) throw new Error(`every row must have ${p} features`);
  const features = opts.features ?? Array.from({ length: p }, (_, i) => `x${i}`);
  if (features.length !== p) throw new Error(`${features.length} feature names for ${p} features`);
  if (loss === 'logistic' && y.some((v) => v !== 0 && v !== 1)) throw new Error('a classifier needs y in {0, 1}');
  const nTrees = opts.trees ?? 200;
  const lr = opts.forest ? 1 / (opts.trees ?? 200) : (opts.learningRate ?? 0.05);
  const maxDepth = opts.maxDepth ?? 3;
  const minLeaf = opts.minLeaf ?? 5;
  const lambda = opts.forest ? 0 : (opts.lambda ?? 1);
  const subsample = opts.subsample ?? 0.8;
  const colsample = opts.colsample ?? 1;
  const byNode = opts.colsampleByNode ?? 1;
  const forest = opts.forest === true;
  if (forest && loss !== 'squared') throw new Error('a random forest is grown for squared loss only');
  const maxBins = Math.min(255, opts.maxBins ?? 64);
  const sw = opts.sampleWeight ?? new Array<number>(n).fill(1);
  const rng: Rng = seededRng(opts.seed ?? 1);

  // Rows for fitting and (with early stopping) for validation.
  let fitRows = Array.from({ length: n }, (_, i) => i);
  let valRows: number[] = [];
  if (opts.earlyStopping && !forest && n >= 20) {
    const order = shuffled(fitRows, rng);
    const nv = Math.max(1, Math.round(n * opts.earlyStopping.fraction));
    valRows = order.slice(0, nv);
    fitRows = order.slice(nv);
  }

  // Bins: bin b of feature j holds values in (thr[b−1], thr[b]]; NaN → bin 0 (goes left with the smallest).
  const thr = Array.from({ length: p }, (_, j) =>
    thresholdsOf(
      fitRows.map((i) => x[i][j]),
      maxBins,
    ),
  );
  const bins = Array.from({ length: p }, (_, j) => {
    const t = thr[j];
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i][j];
      if (Number.isNaN(v)) continue;
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= t[mid]) hi = mid;
        else lo = mid + 1;
      }
      out[i] = lo;
    }
    return out;
  });

  let wsum = 0;
  let ysum = 0;
  for (const i of fitRows) {
    wsum += sw[i];
    ysum += sw[i] * y[i];
  }
  const ybar = ysum / wsum;
  const base = loss === 'squared' ? ybar : Math.log(Math.max(1e-6, ybar) / Math.max(1e-6, 1 - ybar));
  const F = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const lossOf = (i: number) => (loss === 'squared' ? (F[i] - y[i]) ** 2 : -(y[i] ? Math.log(sigmoid(F[i])) : Math.log(sigmoid(-F[i]))));

  const trees: TreeJSON[] = [];
  let bestVal = Infinity;
  let bestCount = 0;
  const nb = maxBins + 1;
  const hg = new Float64Array(nb);
  const hh = new Float64Array(nb);

  for (let t = 0; t < nTrees; t++) {
    for (const i of fitRows) {
      if (loss === 'squared') {
        grad[i] = sw[i] * (F[i] - y[i]);
        hess[i] = sw[i];
      } else {
        const q = sigmoid(F[i]);
        grad[i] = sw[i] * (q - y[i]);
        hess[i] = sw[i] * Math.max(q * (1 - q), 1e-6);
      }
    }
    const rows = forest
      ? fitRows.map(() => fitRows[rng.int(fitRows.length)])
      : subsample < 1
        ? fitRows.filter(() => rng.next() < subsample)
        : fitRows.slice();
    const cols = colsample < 1 ? Array.from({ length: p }, (_, j) => j).filter(() => rng.next() < colsample) : null;
    const usable = cols ?? Array.from({ length: p }, (_, j) => j);

    const tree: TreeJSON = { f: [], t: [], l: [], r: [], v: [] };
    const splitBin: number[] = [];
    const grow = (idx: number[], depth: number): number => {
      let G = 0;
      let Hs = 0;
      for (const i of idx) {
        G += grad[i];
        Hs += hess[i];
      }
      const node = tree.f.length;
      tree.f.push(-1);
      tree.t.push(0);
      tree.l.push(-1);
      tree.r.push(-1);
      tree.v.push(-G / (Hs + lambda));
      splitBin.push(-1);
      if (depth >= maxDepth || Hs < 2 * minLeaf) return node;
      const parentScore = (G * G) / (Hs + lambda);
      let bestGain = 1e-12;
      let bestF = -1;
      let bestB = -1;
      for (const j of byNode < 1 ? usable.filter(() => rng.next() < byNode) : usable) {
        const tj = thr[j];
        if (tj.length === 0) continue;
        const bj = bins[j];
        hg.fill(0, 0, tj.length + 1);
        hh.fill(0, 0, tj.length + 1);
        for (const i of idx) {
          hg[bj[i]] += grad[i];
          hh[bj[i]] += hess[i];
        }
        let GL = 0;
        let HL = 0;
        for (let b = 0; b < tj.length; b++) {
          GL += hg[b];
          HL += hh[b];
          const HR = Hs - HL;
          if (HL < minLeaf) continue;
          if (HR < minLeaf) break;
          const GR = G - GL;
          const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = j;
            bestB = b;
          }
        }
      }
      if (bestF < 0) return node;
      const left: number[] = [];
      const right: number[] = [];
      const bj = bins[bestF];
      for (const i of idx) (bj[i] <= bestB ? left : right).push(i);
      tree.f[node] = bestF;
      tree.t[node] = thr[bestF][bestB];
      splitBin[node] = bestB;
      tree.l[node] = grow(left, depth + 1);
      tree.r[node] = grow(right, depth + 1);
      return node;
    };
    grow(rows, 0);
    trees.push(tree);
    // Update scores of every row (the tree routes by bins, identical to routing by thresholds).
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (tree.f[node] >= 0) node = bins[tree.f[node]][i] <= splitBin[node] ? tree.l[node] : tree.r[node];
      if (!forest) F[i] += lr * tree.v[node];
    }
    if (valRows.length > 0) {
      let L = 0;
      for (const i of valRows) L += lossOf(i);
      if (L < bestVal - 1e-12) {
        bestVal = L;
        bestCount = trees.length;
      } else if (trees.length - bestCount >= opts.earlyStopping!.patience) break;
    }
  }
  const kept = valRows.length > 0 ? trees.slice(0, bestCount) : trees;
  return { kind: 'gbt', version: 1, loss, features: features.slice(), base, learningRate: lr, trees: kept };
}

function regressorOf(j: BoostJSON): Regressor {
  return {
    features: j.features.slice(),
    predict: (x) => rawScore(j, x),
    baseline: baselineOf(j),
    contributions: (x) => pathContributions(j, x),
    toJSON: () => j,
  };
}

function classifierOf(j: BoostJSON): Classifier {
  return {
    features: j.features.slice(),
    predictProba: (x) => sigmoid(rawScore(j, x)),
    baseline: baselineOf(j),
    contributions: (x) => pathContributions(j, x),
    toJSON: () => j,
  };
}

/** Gradient-boosted trees for a number (squared loss). */
export function trainRegressor(x: number[][], y: number[], opts: BoostOptions = {}): Regressor {
  return regressorOf(boost(x, y, 'squared', opts));
}

/** Gradient-boosted trees for a yes/no (logistic loss); y in {0, 1}. */
export function trainClassifier(x: number[][], y: number[], opts: BoostOptions = {}): Classifier {
  return classifierOf(boost(x, y, 'logistic', opts));
}

function checkBoost(json: unknown, loss: 'squared' | 'logistic'): BoostJSON {
  const j = json as Partial<BoostJSON> | null;
  const ok =
    !!j &&
    j.kind === 'gbt' &&
    j.version === 1 &&
    j.loss === loss &&
    Array.isArray(j.features) &&
    j.features.every((f) => typeof f === 'string') &&
    Number.isFinite(j.base) &&
    Number.isFinite(j.learningRate) &&
    Array.isArray(j.trees) &&
    j.trees.every((t) => {
      const len = t?.f?.length;
      return (
        Number.isInteger(len) &&
        len > 0 &&
        [t.t, t.l, t.r, t.v].every(
          (a) => Array.isArray(a) && a.length === len && a.every((v) => typeof v === 'number' && Number.isFinite(v)),
        ) &&
        t.f.every(
          (f, i) =>
            f === -1 ||
            (Number.isInteger(f) && f >= 0 && f < j.features!.length && t.l[i] > i && t.r[i] > i && t.r[i] < len && t.l[i] < len),
        )
      );
    });
  if (!ok) throw new Error(`boosted trees (${loss}): malformed JSON`);
  return j as BoostJSON;
}

export function regressorFromJSON(json: unknown): Regressor {
  return regressorOf(checkBoost(json, 'squared'));
}

export function classifierFromJSON(json: unknown): Classifier {
  return classifierOf(checkBoost(json, 'logistic'));
}
