import { seededRng, trainOrdinal, type OrdinalModel } from './forecast/model.js';
import { FEATURES, NEUTRAL_MEAN } from './term-forecast.js';

// The built-in prior (issue 16 item 6, decision 036): what a college with no history of its own
// forecasts from, and what its own training shrinks towards. It is fitted to rows drawn from stated
// relations, the ones colleges' own grading follows (п. 4.2 and the suggestion of attestation.ts):
// the term grade follows the weighted average, leans on earlier terms and the trend, and a missing
// required work or hours missed without a reason lower it. The relations are coarse on purpose:
// once a college has a term of its own grades, its data speaks louder.

const normal = (next: () => number) => Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next());
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Rows (FEATURES order) and the latent grade, before rounding. */
export function priorRows(n = 3000, seed = 36): { x: number[][]; latent: number[] } {
  const rng = seededRng(seed);
  const z = () => normal(rng.next);
  const x: number[][] = [];
  const latent: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = z();
    const marks = 1 + rng.int(12);
    const noMarks = rng.next() < 0.08 ? 1 : 0;
    const noPrev = rng.next() < 0.3 ? 1 : 0;
    const prev = noPrev ? NEUTRAL_MEAN : clamp(3.8 + 0.65 * a + 0.35 * z(), 2, 5);
    const trend = clamp(0.45 * z(), -2, 2);
    const avgTrue = clamp(3.8 + 0.7 * a + 0.4 * z(), 2, 5);
    const avg = noMarks ? (noPrev ? NEUTRAL_MEAN : prev) : avgTrue;
    const twos = noMarks ? 0 : clamp(0.12 - 0.12 * a + 0.08 * z(), 0, 1);
    const unexcused = clamp(0.03 - 0.035 * a + 0.04 * z(), 0, 1);
    const excused = clamp(Math.abs(0.04 * z()), 0, 1);
    const missing = clamp(0.1 - 0.12 * a + 0.12 * z(), 0, 1);
    const known = noMarks ? (noPrev ? NEUTRAL_MEAN + 0.7 * a : prev) : avg;
    latent.push(0.7 * known + 0.3 * (noPrev ? known : prev) + 0.5 * trend - 1.4 * missing - 3 * unexcused + 0.5 * z());
    x.push([avg, noMarks, trend, twos, unexcused, excused, missing, prev, noPrev, noMarks ? 0 : Math.log1p(marks)]);
  }
  return { x, latent };
}

let five: OrdinalModel | null = null;
let pass: OrdinalModel | null = null;

/** The prior of 5-point term grades (classes 2…5). */
export function priorFive(): OrdinalModel {
  if (!five) {
    const { x, latent } = priorRows();
    five = trainOrdinal(
      x,
      latent.map((v) => clamp(Math.round(v), 2, 5)),
      { classes: [2, 3, 4, 5], features: [...FEATURES], l2: 1 },
    );
  }
  return five;
}

/** The prior of pass/fail term grades (0 «не зачтено», 1 «зачтено»). */
export function priorPass(): OrdinalModel {
  if (!pass) {
    const { x, latent } = priorRows(3000, 37);
    pass = trainOrdinal(
      x,
      latent.map((v) => (v >= 2.6 ? 1 : 0)),
      { classes: [0, 1], features: [...FEATURES], l2: 1 },
    );
  }
  return pass;
}
