import { describe, expect, it } from 'vitest';
import { accuracy, brier, calibrationError, crossValidate, kFold, mae, reliability, repeatedKFold, rmse } from './metrics.js';

describe('forecast measures', () => {
  it('rmse, mae and accuracy', () => {
    expect(rmse([1, 2, 3], [1, 2, 5])).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(mae([1, 2, 3], [1, 2, 5])).toBeCloseTo(2 / 3, 12);
    expect(accuracy([1, 0, 1, 1], [1, 1, 1, 0])).toBe(0.5);
    expect(() => rmse([1], [1, 2])).toThrow(/lengths/);
  });

  it('Brier score: 0 for a sure right forecast, 2 for a sure wrong one, 1 − 1/K for uniform', () => {
    expect(brier([[0, 1, 0]], [1])).toBe(0);
    expect(brier([[1, 0, 0]], [1])).toBe(2);
    expect(brier([[0.25, 0.25, 0.25, 0.25]], [5], [2, 3, 4, 5])).toBeCloseTo(0.75, 12);
    expect(() => brier([[0.5, 0.5]], [7], [2, 3])).toThrow(/class 7/);
  });

  it('reliability table bins forecasts and compares with what happened', () => {
    const t = reliability([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1], 10);
    expect(t).toHaveLength(10);
    expect(t[0]).toMatchObject({ count: 1, predicted: 0.05, observed: 0 });
    expect(t[1].count).toBe(2);
    expect(t[1].observed).toBe(0.5);
    expect(t[9].count).toBe(2);
    expect(t[5].count).toBe(0);
    expect(calibrationError(t)).toBeCloseTo((0.05 + 2 * Math.abs(0.135 - 0.5) + 2 * Math.abs(0.975 - 1)) / 5, 12);
    expect(() => reliability([1.5], [1])).toThrow(/outside/);
  });

  it('k-fold: each index tested once per repetition, folds balanced, deterministic for a seed', () => {
    const folds = repeatedKFold(23, 5, 3, 42);
    expect(folds).toHaveLength(15);
    for (let r = 0; r < 3; r++) {
      const tested = folds.filter((f) => f.repeat === r).flatMap((f) => f.test);
      expect(tested.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    }
    for (const f of folds) {
      expect(f.test.length).toBeGreaterThanOrEqual(4);
      expect(f.test.length).toBeLessThanOrEqual(5);
      expect(f.train.length + f.test.length).toBe(23);
      expect(f.train.some((i) => f.test.includes(i))).toBe(false);
    }
    expect(repeatedKFold(23, 5, 3, 42)).toEqual(folds);
    expect(repeatedKFold(23, 5, 3, 43)).not.toEqual(folds);
    expect(kFold(10, 2)).toHaveLength(2);
    expect(() => kFold(3, 5)).toThrow();
  });

  it('crossValidate returns out-of-fold predictions aligned with the rows', () => {
    const y = Array.from({ length: 20 }, (_, i) => i);
    const out = crossValidate(20, 4, 2, 1, (train, test) => test.map(() => train.length));
    expect(out).toHaveLength(2);
    expect(out[0].every((v) => v === 15)).toBe(true);
    expect(out[1]).toHaveLength(y.length);
  });
});
