import { describe, expect, it } from 'vitest';
import { evaluateUci, formatRows } from '../../../eval/forecast.js';
import { loadUci } from '../../../eval/uci.js';
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
});
