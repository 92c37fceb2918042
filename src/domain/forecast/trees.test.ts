import { describe, expect, it } from 'vitest';
import { rmse } from './metrics.js';
import { seededRng } from './rng.js';
import { classifierFromJSON, regressorFromJSON, trainClassifier, trainRegressor } from './trees.js';

function data(n: number, seed: number) {
  const rng = seededRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [rng.next() * 10, rng.next() * 10, rng.next()];
    // A step, a slope and noise; the third feature is irrelevant.
    x.push(row);
    y.push((row[0] > 5 ? 4 : 0) + 0.5 * row[1] + (rng.next() - 0.5));
  }
  return { x, y };
}

describe('gradient-boosted trees', () => {
  const train = data(800, 1);
  const test = data(300, 2);
  const model = trainRegressor(train.x, train.y, { trees: 150, learningRate: 0.1, maxDepth: 3, seed: 5 });

  it('learns a step and a slope far better than the mean', () => {
    const pred = test.x.map((r) => model.predict(r));
    const base = test.y.map(() => train.y.reduce((a, b) => a + b, 0) / train.y.length);
    expect(rmse(pred, test.y)).toBeLessThan(0.5);
    expect(rmse(base, test.y)).toBeGreaterThan(2);
  });

  it('attributes the prediction to the features that matter; contributions sum to prediction − baseline', () => {
    const row = [9, 5, 0.5];
    const parts = model.contributions(row);
    expect(parts[0]).toBeGreaterThan(1);
    expect(Math.abs(parts[2])).toBeLessThan(0.3);
    expect(parts.reduce((a, b) => a + b, 0) + model.baseline).toBeCloseTo(model.predict(row), 8);
  });

  it('is deterministic for a seed and survives a JSON round trip', () => {
    const again = trainRegressor(train.x, train.y, { trees: 150, learningRate: 0.1, maxDepth: 3, seed: 5 });
    expect(again.toJSON()).toEqual(model.toJSON());
    const back = regressorFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const r of test.x.slice(0, 30)) expect(back.predict(r)).toBe(model.predict(r));
    expect(() => regressorFromJSON({ kind: 'gbt' })).toThrow();
    expect(() => classifierFromJSON(model.toJSON())).toThrow();
  });

  it('stops early on held-out rows', () => {
    const m = trainRegressor(train.x, train.y, { trees: 2000, learningRate: 0.3, earlyStopping: { fraction: 0.2, patience: 20 } });
    expect(m.toJSON().trees.length).toBeLessThan(2000);
    expect(
      rmse(
        test.x.map((r) => m.predict(r)),
        test.y,
      ),
    ).toBeLessThan(0.6);
  });

  it('classifies with calibrated-looking probabilities, monotone in the signal', () => {
    const labels = train.y.map((v) => (v > 5 ? 1 : 0));
    const c = trainClassifier(train.x, labels, { trees: 100, learningRate: 0.1, seed: 3 });
    expect(c.predictProba([9, 9, 0.5])).toBeGreaterThan(0.9);
    expect(c.predictProba([1, 1, 0.5])).toBeLessThan(0.1);
    const back = classifierFromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    expect(back.predictProba([5.5, 2, 0])).toBe(c.predictProba([5.5, 2, 0]));
    expect(() => trainClassifier([[1], [2]], [0, 2])).toThrow(/\{0, 1\}/);
  });

  it('grows a random forest with the same trees: the mean of bootstrap trees, deterministic for a seed', () => {
    const opts = { forest: true, trees: 40, maxDepth: 6, minLeaf: 3, colsampleByNode: 0.5, seed: 9 };
    const f = trainRegressor(train.x, train.y, opts);
    expect(f.toJSON().trees).toHaveLength(40);
    expect(f.toJSON().learningRate).toBeCloseTo(1 / 40, 12);
    expect(
      rmse(
        test.x.map((r) => f.predict(r)),
        test.y,
      ),
    ).toBeLessThan(1);
    expect(trainRegressor(train.x, train.y, opts).toJSON()).toEqual(f.toJSON());
    const row = [9, 5, 0.5];
    expect(f.contributions(row).reduce((a, b) => a + b, 0) + f.baseline).toBeCloseTo(f.predict(row), 8);
    expect(() =>
      trainClassifier(
        train.x,
        train.y.map((v) => (v > 5 ? 1 : 0)),
        { forest: true },
      ),
    ).toThrow(/forest/);
  });

  it('sends a missing value to the left branch', () => {
    expect(Number.isFinite(model.predict([NaN, 5, 0.5]))).toBe(true);
  });
});
