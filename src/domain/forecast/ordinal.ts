// Regularised ordinal regression (cumulative logit, «proportional odds»):
//   P(y ≤ c_k | x) = σ(θ_k − s(x)),  s(x) = Σ_j w_j (x_j − m_j) / sd_j,
// for classes c_0 < c_1 < … < c_{K−1} and increasing thresholds θ. A higher score s means a higher
// class. Features are standardised on the training rows, so one L2 penalty (λ/2)·|w − w₀|² treats
// them alike; w₀ is 0, or the coefficients of a prior model (another college's, or the demo's) for
// a college with little history. The negative log-likelihood is convex; Newton's method with a
// backtracking line search finds its minimum deterministically. Each class also gets a small
// pseudo-count at the mean row, so a class never seen in training keeps a small probability and
// the thresholds stay strictly ordered.

export interface OrdinalModel {
  /** Ordered class values, e.g. [2, 3, 4, 5] or [0, 1] for незачёт / зачёт. */
  classes: number[];
  features: string[];
  /** One probability per class (same order as `classes`); they sum to 1. */
  predictProba(x: number[]): number[];
  /** Each feature's contribution to the expected grade for x against the training mean row (same order as
   * `features`); they sum to expected(x) − expected(mean row). */
  contributions(x: number[]): number[];
  /** The expected class value Σ c_k p_k. */
  expected(x: number[]): number;
  /** The most likely class. */
  predict(x: number[]): number;
  /** The linear score s(x) (standardised units): higher means a higher class. */
  score(x: number[]): number;
  /** Coefficients per feature in raw units (change of the score per unit of the feature). */
  coefficients(): number[];
  /** The training mean row (missing features, NaN, are replaced by it). */
  means(): number[];
  toJSON(): OrdinalJSON;
}

export interface OrdinalOptions {
  /** Class values in order; by default the sorted distinct values of y. Every y must be one of them. */
  classes?: number[];
  /** L2 penalty on the standardised coefficients (default 1). */
  l2?: number;
  /** A model to shrink towards instead of 0 (matched by feature name; its thresholds are used when the classes match). */
  prior?: OrdinalModel;
  /** Observation weights (default 1). */
  sampleWeight?: number[];
  /** Feature names (default x0, x1, …). */
  features?: string[];
  /** Total pseudo-count spread over the classes at the mean row (default 0.5 per class). */
  pseudoCount?: number;
  maxIterations?: number;
}

export interface OrdinalJSON {
  kind: 'ordinal';
  version: 1;
  classes: number[];
  features: string[];
  mean: number[];
  scale: number[];
  thresholds: number[];
  weights: number[];
  /** Diagnostics of the fit, kept for the record. */
  fit?: { n: number; l2: number; iterations: number; logLoss: number };
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Probabilities of each class from thresholds and a score. */
function classProbs(theta: readonly number[], s: number): number[] {
  const K = theta.length + 1;
  const out = new Array<number>(K);
  let prev = 0;
  for (let k = 0; k < K - 1; k++) {
    const c = sigmoid(theta[k] - s);
    out[k] = Math.max(0, c - prev);
    prev = c;
  }
  out[K - 1] = Math.max(0, 1 - prev);
  let sum = 0;
  for (const p of out) sum += p;
  for (let k = 0; k < K; k++) out[k] /= sum;
  return out;
}

function makeModel(j: OrdinalJSON): OrdinalModel {
  const { classes, features, mean, scale, thresholds, weights } = j;
  const p = features.length;
  const z = (x: number[], i: number) => {
    const v = x[i];
    return v === undefined || Number.isNaN(v) ? 0 : (v - mean[i]) / scale[i];
  };
  const check = (x: number[]) => {
    if (x.length !== p) throw new Error(`expected ${p} features, got ${x.length}`);
  };
  const score = (x: number[]) => {
    check(x);
    let s = 0;
    for (let i = 0; i < p; i++) s += weights[i] * z(x, i);
    return s;
  };
  const expectedAt = (s: number) => {
    const pr = classProbs(thresholds, s);
    let e = 0;
    for (let k = 0; k < classes.length; k++) e += classes[k] * pr[k];
    return e;
  };
  const model: OrdinalModel = {
    classes: classes.slice(),
    features: features.slice(),
    predictProba: (x) => classProbs(thresholds, score(x)),
    expected: (x) => expectedAt(score(x)),
    predict: (x) => {
      const pr = classProbs(thresholds, score(x));
      let best = 0;
      for (let k = 1; k < pr.length; k++) if (pr[k] > pr[best]) best = k;
      return classes[best];
    },
    score,
    contributions: (x) => {
      // Each feature moves the score by w_j z_j; the change of the expected grade from the mean row
      // (score 0) to x is shared in proportion to those moves (exact sum, signs kept).
      const parts = features.map((_, i) => weights[i] * z(x, i));
      const s = parts.reduce((a, b) => a + b, 0);
      const base = expectedAt(0);
      if (Math.abs(s) < 1e-9) {
        const h = 1e-4;
        const slope = (expectedAt(h) - expectedAt(-h)) / (2 * h);
        return parts.map((d) => d * slope);
      }
      const total = expectedAt(s) - base;
      return parts.map((d) => (d / s) * total);
    },
    coefficients: () => weights.map((w, i) => w / scale[i]),
    means: () => mean.slice(),
    toJSON: () => ({ ...j, classes: classes.slice(), features: features.slice() }),
  };
  return model;
}

/** Solves A x = b for a symmetric positive definite A (Cholesky); A is n×n row-major. */
function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** log(σ(a) − σ(b)) for a > b, computed on the side where it does not cancel. */
function logDiff(a: number, b: number): number {
  const d = a + b > 0 ? sigmoid(-b) - sigmoid(-a) : sigmoid(a) - sigmoid(b);
  return Math.log(Math.max(d, 1e-300));
}

export function trainOrdinal(x: number[][], y: number[], opts: OrdinalOptions = {}): OrdinalModel {
  const n = x.length;
  if (n !== y.length) throw new Error(`x has ${n} rows, y has ${y.length}`);
  const p = n > 0 ? x[0].length : (opts.features?.length ?? opts.prior?.features.length ?? 0);
  const features = opts.features ?? opts.prior?.features ?? Array.from({ length: p }, (_, i) => `x${i}`);
  if (features.length !== p) throw new Error(`${features.length} feature names for ${p} features`);
  for (const row of x) if (row.length !== p) throw new Error(`every row must have ${p} features`);
  const classes = (opts.classes ?? opts.prior?.classes ?? [...new Set(y)]).slice().sort((a, b) => a - b);
  const K = classes.length;
  if (K < 2) throw new Error('an ordinal model needs at least two classes');
  const yi = y.map((v, i) => {
    const k = classes.indexOf(v);
    if (k < 0) throw new Error(`observation ${i}: class ${v} is not among ${classes.join(', ')}`);
    return k;
  });
  const sw = opts.sampleWeight ?? new Array<number>(n).fill(1);
  if (sw.length !== n || sw.some((w) => !(w >= 0))) throw new Error('sampleWeight must have one non-negative weight per row');
  const l2 = opts.l2 ?? 1;
  if (!(l2 >= 0)) throw new Error('l2 must be non-negative');

  // Standardisation (weighted), missing values ignored.
  const mean = new Array<number>(p).fill(0);
  const scale = new Array<number>(p).fill(1);
  for (let j = 0; j < p; j++) {
    let sw0 = 0;
    let s = 0;
    for (let i = 0; i < n; i++)
      if (!Number.isNaN(x[i][j])) {
        sw0 += sw[i];
        s += sw[i] * x[i][j];
      }
    const m = sw0 > 0 ? s / sw0 : 0;
    let v = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(x[i][j])) v += sw[i] * (x[i][j] - m) ** 2;
    const sdv = sw0 > 0 ? Math.sqrt(v / sw0) : 0;
    mean[j] = m;
    scale[j] = sdv > 1e-12 ? sdv : 1;
  }
  const Z = x.map((row) => Float64Array.from(row, (v, j) => (Number.isNaN(v) ? 0 : (v - mean[j]) / scale[j])));

  // The centre of the shrinkage: the prior's raw coefficients expressed in this standardisation.
  const w0 = new Float64Array(p);
  let prior: OrdinalModel | undefined = opts.prior;
  if (prior) {
    const pc = prior.coefficients();
    features.forEach((f, j) => {
      const at = prior!.features.indexOf(f);
      if (at >= 0) w0[j] = pc[at] * scale[j];
    });
    if (prior.classes.length !== K || prior.classes.some((c, k) => c !== classes[k])) prior = undefined;
  }

  // Pseudo-counts at the mean row: the prior's forecast for this college's mean row, or uniform.
  const pseudoTotal = opts.pseudoCount ?? 0.5 * K;
  const pseudo = prior ? prior.predictProba(mean).map((q) => q * pseudoTotal) : new Array<number>(K).fill(pseudoTotal / K);

  // Initial thresholds from the smoothed marginal distribution.
  const counts = new Array<number>(K).fill(0);
  yi.forEach((k, i) => (counts[k] += sw[i]));
  const total = counts.reduce((a, b) => a + b, 0) + pseudoTotal;
  const P = K - 1 + p;
  const params = new Float64Array(P);
  let cum = 0;
  for (let k = 0; k < K - 1; k++) {
    cum += counts[k] + pseudo[k];
    const q = Math.min(1 - 1e-6, Math.max(1e-6, cum / total));
    params[k] = Math.log(q / (1 - q));
  }
  for (let k = 1; k < K - 1; k++) if (params[k] <= params[k - 1]) params[k] = params[k - 1] + 1e-3;
  for (let j = 0; j < p; j++) params[K - 1 + j] = w0[j];

  const zero = new Float64Array(p);
  const rowsAll: { z: Float64Array; k: number; w: number }[] = [];
  for (let i = 0; i < n; i++) if (sw[i] > 0) rowsAll.push({ z: Z[i], k: yi[i], w: sw[i] });
  for (let k = 0; k < K; k++) if (pseudo[k] > 0) rowsAll.push({ z: zero, k, w: pseudo[k] });

  const ordered = (t: Float64Array) => {
    for (let k = 1; k < K - 1; k++) if (!(t[k] > t[k - 1])) return false;
    return true;
  };
  const score = (t: Float64Array, z: Float64Array) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += t[K - 1 + j] * z[j];
    return s;
  };
  const loss = (t: Float64Array) => {
    let L = 0;
    for (const r of rowsAll) {
      const s = score(t, r.z);
      const a = r.k < K - 1 ? t[r.k] - s : Infinity;
      const b = r.k > 0 ? t[r.k - 1] - s : -Infinity;
      const ll =
        a === Infinity ? Math.log(Math.max(sigmoid(-b), 1e-300)) : b === -Infinity ? Math.log(Math.max(sigmoid(a), 1e-300)) : logDiff(a, b);
      L -= r.w * ll;
    }
    for (let j = 0; j < p; j++) L += (l2 / 2) * (t[K - 1 + j] - w0[j]) ** 2;
    return L;
  };

  let current = loss(params);
  let iterations = 0;
  const maxIt = opts.maxIterations ?? 100;
  const g = new Float64Array(P);
  const H = new Float64Array(P * P);
  for (; iterations < maxIt; iterations++) {
    g.fill(0);
    H.fill(0);
    for (const r of rowsAll) {
      const s = score(params, r.z);
      const k = r.k;
      const hasA = k < K - 1;
      const hasB = k > 0;
      const Fa = hasA ? sigmoid(params[k] - s) : 1;
      const Fb = hasB ? sigmoid(params[k - 1] - s) : 0;
      const fa = Fa * (1 - Fa);
      const fb = Fb * (1 - Fb);
      const a = params[k] - s;
      const b = hasB ? params[k - 1] - s : 0;
      const D = Math.max(hasA && hasB && a + b > 0 ? sigmoid(-b) - sigmoid(-a) : Fa - Fb, 1e-300);
      // Derivatives of log-likelihood ℓ with respect to a = θ_k − s and b = θ_{k−1} − s.
      const ga = fa / D;
      const gb = -fb / D;
      const haa = (fa * (1 - 2 * Fa)) / D - ga * ga;
      const hbb = (-fb * (1 - 2 * Fb)) / D - gb * gb;
      const hab = -ga * gb;
      const w = r.w;
      // Minimise −ℓ: gradient −∂ℓ, Hessian −∂²ℓ.
      if (hasA) g[k] -= w * ga;
      if (hasB) g[k - 1] -= w * gb;
      const gs = -(ga + gb); // ∂ℓ/∂s
      const hss = haa + hbb + 2 * hab;
      for (let j = 0; j < p; j++) g[K - 1 + j] -= w * gs * r.z[j];
      if (hasA) H[k * P + k] -= w * haa;
      if (hasB) H[(k - 1) * P + (k - 1)] -= w * hbb;
      if (hasA && hasB) {
        H[k * P + (k - 1)] -= w * hab;
        H[(k - 1) * P + k] -= w * hab;
      }
      for (let j = 0; j < p; j++) {
        const zj = r.z[j];
        if (zj === 0) continue;
        const row = (K - 1 + j) * P;
        if (hasA) {
          const v = -w * -(haa + hab) * zj;
          H[k * P + K - 1 + j] += v;
          H[row + k] += v;
        }
        if (hasB) {
          const v = -w * -(hbb + hab) * zj;
          H[(k - 1) * P + K - 1 + j] += v;
          H[row + k - 1] += v;
        }
        const c = -w * hss * zj;
        for (let m = 0; m <= j; m++) H[row + K - 1 + m] += c * r.z[m];
      }
    }
    for (let j = 0; j < p; j++) {
      g[K - 1 + j] += l2 * (params[K - 1 + j] - w0[j]);
      H[(K - 1 + j) * P + K - 1 + j] += l2;
      for (let m = 0; m < j; m++) H[(K - 1 + m) * P + K - 1 + j] = H[(K - 1 + j) * P + K - 1 + m];
    }
    let gnorm = 0;
    for (let i = 0; i < P; i++) gnorm = Math.max(gnorm, Math.abs(g[i]));
    if (gnorm < 1e-8 * Math.max(1, rowsAll.length)) break;
    let step: Float64Array | null = null;
    for (let ridge = 1e-9; !step && ridge < 1e6; ridge *= 100) {
      const A = H.slice();
      for (let i = 0; i < P; i++) A[i * P + i] += ridge * (1 + Math.abs(H[i * P + i]));
      step = solveSpd(A, g, P);
    }
    if (!step) break;
    let t = 1;
    let improved = false;
    const trial = new Float64Array(P);
    for (let ls = 0; ls < 40; ls++, t /= 2) {
      for (let i = 0; i < P; i++) trial[i] = params[i] - t * step[i];
      if (!ordered(trial)) continue;
      const L = loss(trial);
      if (L <= current) {
        improved = current - L > 1e-12 * Math.max(1, Math.abs(current));
        params.set(trial);
        current = L;
        break;
      }
    }
    if (!improved) break;
  }

  const json: OrdinalJSON = {
    kind: 'ordinal',
    version: 1,
    classes,
    features: features.slice(),
    mean,
    scale,
    thresholds: Array.from(params.subarray(0, K - 1)),
    weights: Array.from(params.subarray(K - 1)),
    fit: { n, l2, iterations, logLoss: current / Math.max(1, rowsAll.length) },
  };
  return makeModel(json);
}

const numArray = (v: unknown, len?: number): v is number[] =>
  Array.isArray(v) && (len === undefined || v.length === len) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Restores a model kept by `toJSON`; throws on anything that is not one. */
export function ordinalFromJSON(json: unknown): OrdinalModel {
  const j = json as Partial<OrdinalJSON> | null;
  if (!j || typeof j !== 'object' || j.kind !== 'ordinal' || j.version !== 1) throw new Error('not an ordinal model');
  const K = Array.isArray(j.classes) ? j.classes.length : 0;
  const p = Array.isArray(j.features) ? j.features.length : -1;
  if (
    K < 2 ||
    !numArray(j.classes) ||
    p < 0 ||
    !j.features!.every((f) => typeof f === 'string') ||
    !numArray(j.mean, p) ||
    !numArray(j.scale, p) ||
    !j.scale.every((s) => s > 0) ||
    !numArray(j.weights, p) ||
    !numArray(j.thresholds, K - 1)
  )
    throw new Error('ordinal model: malformed JSON');
  for (let k = 1; k < K - 1; k++) if (!(j.thresholds[k] > j.thresholds[k - 1])) throw new Error('ordinal model: thresholds out of order');
  return makeModel(j as OrdinalJSON);
}
