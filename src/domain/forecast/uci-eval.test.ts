import { describe, expect, it } from 'vitest';
import { evaluateUci, formatRows, gradeCeiling } from '../../../eval/forecast.js';
import { DERIVED, loadUci } from '../../../eval/uci.js';
import { rmse } from './metrics.js';

// A small, quick version of `npm run eval:forecast`: the blend (trees, forest, ordinal model) must beat
// the naive forecast (G3 = G2) on real grades, under cross-validation, or the modelling code has regressed.
describe('forecasting on the UCI student data (small run)', () => {
  it('setup A, Portuguese, 5 folds × 1: RMSE of G3 below the naive G3 = G2', () => {
    const d = loadUci('por', 'A');
    const naive = rmse(d.g2, d.g3);
    expect(naive).toBeCloseTo(1.32, 1);
    const [row, pair] = evaluateUci('por', 'A', { folds: 5, repeats: 1, innerFolds: 3, rmseOnly: true });
    expect(row.metric).toBe('RMSE of G3, blend chosen in training folds');
    expect(pair.metric).toBe('RMSE of G3, boosted trees + random forest (decision 045)');
    expect(row.value).toBeLessThan(naive);
    expect(pair.value).toBeLessThan(naive);
    expect(row.published_naive).toBe(1.32);
    expect(row.target).toBe('≤ 1.28');
    expect(row.met).toBe(row.value <= 1.28);
    expect(formatRows([row], true)).toBe(JSON.stringify(row));
    expect(JSON.parse(formatRows([pair], true))).toMatchObject({ target: null, met: null });
    expect(Object.keys(JSON.parse(formatRows([row], true)))).toEqual([
      'dataset',
      'setup',
      'metric',
      'value',
      'published_naive',
      'published_best',
      'target',
      'met',
    ]);
    // 60 models on 400–500 rows: seconds on a quiet machine, minutes on a busy one (a generous limit, no timed assertion).
  }, 300_000);

  it('the ceiling of a rule on the grades: each combination answered by its majority outcome, on the same rows', () => {
    // (9, 9): 2 pass, 1 fails → 2 right; (10, 10): 1 pass → 1; (8, 9): 1 fails, 1 passes → 1.
    expect(
      gradeCeiling(
        [
          [9, 9, 9, 10, 8, 8],
          [9, 9, 9, 10, 9, 9],
        ],
        [1, 1, 0, 1, 0, 1],
      ),
    ).toBeCloseTo(4 / 6, 10);
    // Mathematics: the students with G2 = 9 pass 18 times and fail 32 whatever G1 is, so no rule on G1 and G2 reaches 93 %.
    const a = loadUci('mat', 'A');
    const pass = a.g3.map((g) => (g >= 10 ? 1 : 0));
    expect(gradeCeiling([a.g1, a.g2], pass)).toBeCloseTo(0.9266, 4);
    expect(gradeCeiling([a.g1, a.g2], pass)).toBeLessThan(0.93);
  });

  it('reads the 33 attributes: one-hot nominal ones, grades only as the setup allows', () => {
    const a = loadUci('mat', 'A');
    const c = loadUci('mat', 'C');
    expect(a.x).toHaveLength(395);
    expect(a.features).toContain('G2');
    expect(c.features).not.toContain('G1');
    expect(c.features).toContain('Mjob=teacher');
    expect(a.features.length - c.features.length).toBe(2);
    for (const row of a.x) expect(row.every(Number.isFinite)).toBe(true);
  });

  it('setup C with the derived features: named, after the attributes, computed from them', () => {
    const c = loadUci('mat', 'C');
    const d = loadUci('mat', 'C', { derived: true });
    expect(d.features).toEqual([...c.features, ...DERIVED.map((f) => f.name)]);
    const at = (name: string) => d.features.indexOf(name);
    for (const row of d.x) {
      expect(row).toHaveLength(d.features.length);
      expect(row[at('failures>0')]).toBe(row[at('failures')] > 0 ? 1 : 0);
      expect(row[at('Medu+Fedu')]).toBe(row[at('Medu')] + row[at('Fedu')]);
      expect(row[at('higher×studytime')]).toBe(row[at('higher')] * row[at('studytime')]);
    }
  });

  it('pass/fail by the cutoff on G2, chosen in the training folds: Portuguese, 5 folds × 1, well over the naive G2 ≥ 10', () => {
    const d = loadUci('por', 'A');
    const naive = d.g2.filter((g, i) => g >= 10 === d.g3[i] >= 10).length / d.g2.length;
    expect(naive).toBeCloseTo(0.897, 3);
    const rows = evaluateUci('por', 'A', { folds: 5, repeats: 1, innerFolds: 3 });
    const cutoff = rows.find((r) => /cutoff on G2/.test(r.metric))!;
    expect(cutoff.value).toBeGreaterThan(naive + 0.02);
    expect(rows.find((r) => /naive/.test(r.metric))!.value).toBeCloseTo(naive, 10);
    const chosen = rows.find((r) => /rule chosen/.test(r.metric))!;
    expect(chosen.value).toBeGreaterThan(naive + 0.02);
    expect(chosen).toMatchObject({ target: '≥ 93 %', met: chosen.value >= 0.93 });
    expect(rows.map((r) => r.metric)).toEqual([
      'RMSE of G3, blend chosen in training folds',
      'RMSE of G3, boosted trees + random forest (decision 045)',
      'RMSE of G3, plain mean of trees, forest and ordinal model (seen before fixed)',
      'pass/fail accuracy, rule chosen in training folds',
      'pass/fail accuracy, ceiling of any rule on G1 and G2 (in-sample lookup, no CV)',
      'pass/fail accuracy, naive (G2 ≥ 10, no model)',
      'pass/fail accuracy, cutoff on G2 (chosen in training folds)',
      'pass/fail accuracy, ordinal model',
      'pass/fail Brier score, ordinal model',
    ]);
  }, 300_000);
});
