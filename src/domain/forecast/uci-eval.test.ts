import { describe, expect, it } from 'vitest';
import { evaluateUci, formatRows } from '../../../eval/forecast.js';
import { DERIVED, loadUci } from '../../../eval/uci.js';
import { rmse } from './metrics.js';

// A small, quick version of `npm run eval:forecast`: the boosted trees must beat the naive forecast
// (G3 = G2) on real grades, under cross-validation, or the modelling code has regressed.
describe('forecasting on the UCI student data (small run)', () => {
  it('setup A, Portuguese, 5 folds × 2: RMSE of G3 below the naive G3 = G2', () => {
    const d = loadUci('por', 'A');
    const naive = rmse(d.g2, d.g3);
    expect(naive).toBeCloseTo(1.32, 1);
    const [row] = evaluateUci('por', 'A', { folds: 5, repeats: 2, rmseOnly: true });
    expect(row.metric).toMatch(/RMSE/);
    expect(row.value).toBeLessThan(naive);
    expect(row.published_naive).toBe(1.32);
    expect(formatRows([row], true)).toBe(JSON.stringify(row));
    expect(Object.keys(JSON.parse(formatRows([row], true)))).toEqual([
      'dataset',
      'setup',
      'metric',
      'value',
      'published_naive',
      'published_best',
    ]);
    // 20 models on 500 rows: seconds on a quiet machine, more on a busy one (a generous limit, no timed assertion).
  }, 180_000);

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
    const rows = evaluateUci('por', 'A', { folds: 5, repeats: 1 });
    const cutoff = rows.find((r) => /cutoff on G2/.test(r.metric))!;
    expect(cutoff.value).toBeGreaterThan(naive + 0.02);
    expect(rows.map((r) => r.metric)).toEqual([
      'RMSE of G3, boosted trees + random forest',
      'pass/fail accuracy, cutoff on G2 (chosen in training folds)',
      'pass/fail accuracy, ordinal model',
      'pass/fail Brier score, ordinal model',
    ]);
  }, 180_000);
});
