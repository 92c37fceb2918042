// A one-feature cutoff rule for a yes/no (a decision stump): «yes» when the value is at or over the
// cutoff. The cutoff is the one that classifies the training rows best (ties: the one nearest the middle
// of the tied range), so it is chosen from training data only. Small and explainable: e.g. «passes
// when the second-term grade is at least 9» — on the UCI data (eval/forecast.ts, decision 045) it is
// the pass/fail rule of setups A and B.

export interface CutoffRule {
  /** «Yes» when the value ≥ cutoff. */
  cutoff: number;
  /** Share of the training rows the rule classifies right. */
  trainingAccuracy: number;
  predict(value: number): 0 | 1;
}

/** The cutoff among the midpoints between distinct training values (and below/above them all). */
export function trainCutoff(values: readonly number[], y: readonly number[]): CutoffRule {
  if (values.length === 0) throw new Error('no rows to train on');
  if (values.length !== y.length) throw new Error(`${values.length} values, ${y.length} labels`);
  if (y.some((v) => v !== 0 && v !== 1)) throw new Error('a cutoff rule needs y in {0, 1}');
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const candidates = [distinct[0] - 1, ...distinct.slice(1).map((v, i) => (distinct[i] + v) / 2), distinct[distinct.length - 1] + 1];
  // Rows right for cutoff c: the 1s at or over c plus the 0s under it — one pass over the sorted values.
  const ones = new Map<number, number>();
  const zeros = new Map<number, number>();
  for (let i = 0; i < values.length; i++) (y[i] ? ones : zeros).set(values[i], ((y[i] ? ones : zeros).get(values[i]) ?? 0) + 1);
  let onesAbove = y.reduce((s: number, v) => s + v, 0);
  let zerosBelow = 0;
  const right: number[] = [onesAbove];
  for (const v of distinct) {
    onesAbove -= ones.get(v) ?? 0;
    zerosBelow += zeros.get(v) ?? 0;
    right.push(onesAbove + zerosBelow);
  }
  const best = Math.max(...right);
  const tied = right.flatMap((r, k) => (r === best ? [k] : []));
  const cutoff = candidates[tied[Math.floor((tied.length - 1) / 2)]];
  return { cutoff, trainingAccuracy: best / values.length, predict: (value) => (value >= cutoff ? 1 : 0) };
}
