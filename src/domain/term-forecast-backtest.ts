import { suggestTermGrade } from './attestation.js';
import { accuracy, brier, reliability, trainOrdinal, type OrdinalModel } from './forecast/model.js';
import { FEATURES, round3, type StudentJournal } from './term-forecast.js';

// The backtest of term-grade forecasts (issue 16 item 8): forecasts made as of mid-term of past terms
// against the grades then given — accuracy, Brier score and a reliability table — beside the naive
// forecast, the current weighted average rounded (attestation.ts suggestTermGrade), which is certain
// of its one grade. The college's model is scored out of fold: rows of the same student never sit on
// both sides, so it is never scored on what it was trained on.

export interface BacktestRow {
  method: 'model' | 'prior' | 'naive';
  rows: number;
  accuracy: number;
  brier: number;
  reliability: { from: number; to: number; n: number; predicted: number; observed: number }[];
}

export const FIVE = [2, 3, 4, 5];

/** The naive forecast of a 5-point grade from the marks up to mid-term (4 when there are none). */
export function naiveGrade(j: StudentJournal, asOf: string): number {
  const s = suggestTermGrade(j.marks.filter((m) => m.date <= asOf));
  return s === '2' || s === '3' || s === '4' || s === '5' ? Number(s) : 4;
}

/** Accuracy of the likely grade, the Brier score and the one-vs-rest reliability table (5 bins). */
export function score(method: BacktestRow['method'], probs: number[][], y: number[], classes = FIVE): BacktestRow {
  const likely = probs.map((p) => classes[p.indexOf(Math.max(...p))]);
  const flat: number[] = [];
  const hit: boolean[] = [];
  probs.forEach((p, i) =>
    p.forEach((q, k) => {
      flat.push(Math.min(1, Math.max(0, q)));
      hit.push(classes[k] === y[i]);
    }),
  );
  return {
    method,
    rows: y.length,
    accuracy: round3(accuracy(likely, y)),
    brier: round3(brier(probs, y, classes)),
    reliability: reliability(flat, hit, 5)
      .filter((r) => r.count > 0)
      .map((r) => ({ from: r.from, to: r.to, n: r.count, predicted: round3(r.predicted), observed: round3(r.observed) })),
  };
}

/** Out-of-fold probabilities of a model trained with the prior on the other folds (folds by student). */
export function outOfFold(x: number[][], y: number[], students: number[], prior: OrdinalModel, folds = 5): number[][] {
  const out: number[][] = new Array<number[]>(y.length);
  const foldOf = (s: number) => ((s * 2654435761) >>> 0) % folds;
  for (let f = 0; f < folds; f++) {
    const train = y.map((_, i) => i).filter((i) => foldOf(students[i]) !== f);
    const test = y.map((_, i) => i).filter((i) => foldOf(students[i]) === f);
    if (!test.length) continue;
    const m = train.length
      ? trainOrdinal(
          train.map((i) => x[i]),
          train.map((i) => y[i]),
          { classes: FIVE, features: [...FEATURES], prior, l2: 1 },
        )
      : prior;
    for (const i of test) out[i] = m.predictProba(x[i]);
  }
  return out;
}
