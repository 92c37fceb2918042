import { describe, expect, it } from 'vitest';
import { ordinalFromJSON, trainOrdinal } from './ordinal.js';
import { seededRng } from './rng.js';

const logistic = (z: number) => 1 / (1 + Math.exp(-z));

/** Rows drawn from a known cumulative-logit model with classes 2..5. */
function synthetic(n: number, w: number[], theta: number[], seed: number) {
  const rng = seededRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = w.map(() => rng.next() * 4 - 2);
    const s = row.reduce((a, v, j) => a + v * w[j], 0);
    const u = rng.next();
    let k = 0;
    while (k < theta.length && u > logistic(theta[k] - s)) k++;
    x.push(row);
    y.push(2 + k);
  }
  return { x, y };
}

describe('ordinal regression (cumulative logit)', () => {
  const w = [1.5, -0.8, 0.3, 0];
  const theta = [-2, 0, 2];
  const { x, y } = synthetic(3000, w, theta, 7);
  const model = trainOrdinal(x, y, { features: ['a', 'b', 'c', 'd'], l2: 0.1 });

  it('recovers the coefficients: signs, ordering and size', () => {
    const c = model.coefficients();
    expect(c[0]).toBeGreaterThan(0);
    expect(c[1]).toBeLessThan(0);
    expect(c[2]).toBeGreaterThan(0);
    expect(Math.abs(c[0])).toBeGreaterThan(Math.abs(c[1]));
    expect(Math.abs(c[1])).toBeGreaterThan(Math.abs(c[2]));
    expect(Math.abs(c[3])).toBeLessThan(Math.abs(c[2]));
    expect(c[0]).toBeCloseTo(1.5, 0);
    expect(c[1]).toBeCloseTo(-0.8, 0);
  });

  it('gives probabilities that sum to 1, one per class', () => {
    expect(model.classes).toEqual([2, 3, 4, 5]);
    for (const row of x.slice(0, 50)) {
      const p = model.predictProba(row);
      expect(p).toHaveLength(4);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      for (const q of p) expect(q).toBeGreaterThan(0);
    }
  });

  it('is monotone in a feature with a positive effect', () => {
    let prevExpected = -Infinity;
    let prevTop = -Infinity;
    for (let v = -3; v <= 3; v += 0.25) {
      const row = [v, 0, 0, 0];
      const e = model.expected(row);
      const top = model.predictProba(row)[3];
      expect(e).toBeGreaterThan(prevExpected);
      expect(top).toBeGreaterThan(prevTop);
      prevExpected = e;
      prevTop = top;
    }
  });

  it('explains a forecast: contributions sum to the change from the mean row, signs follow the effects', () => {
    const row = [2, 1, -1, 0.5];
    const parts = model.contributions(row);
    const sum = parts.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(model.expected(row) - model.expected(model.means()), 8);
    expect(parts[0]).toBeGreaterThan(0);
    expect(parts[1]).toBeLessThan(0);
    expect(parts[2]).toBeLessThan(0);
    expect(model.contributions(model.means()).every((c) => Math.abs(c) < 1e-9)).toBe(true);
  });

  it('survives a JSON round trip and refuses malformed JSON', () => {
    const back = ordinalFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const row of x.slice(0, 20)) expect(back.predictProba(row)).toEqual(model.predictProba(row));
    expect(back.features).toEqual(['a', 'b', 'c', 'd']);
    expect(() => ordinalFromJSON({ kind: 'ordinal', version: 1 })).toThrow();
    expect(() => ordinalFromJSON(null)).toThrow();
    const bad = { ...model.toJSON(), thresholds: [1, 0, 2] };
    expect(() => ordinalFromJSON(bad)).toThrow(/order/);
  });

  it('is deterministic', () => {
    const again = trainOrdinal(x, y, { features: ['a', 'b', 'c', 'd'], l2: 0.1 });
    expect(again.toJSON()).toEqual(model.toJSON());
  });

  it('keeps a class never seen in training possible, with ordered thresholds', () => {
    const m = trainOrdinal([[0], [1], [2], [3]], [2, 2, 5, 5], { classes: [2, 3, 4, 5] });
    const p = m.predictProba([1.5]);
    expect(p[1]).toBeGreaterThan(0);
    expect(p[2]).toBeGreaterThan(0);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('works for pass/fail (two classes) and a missing value means the mean', () => {
    const rows = x.map((r) => r.slice(0, 2));
    const pass = y.map((v) => (v >= 4 ? 1 : 0));
    const m = trainOrdinal(rows, pass);
    expect(m.classes).toEqual([0, 1]);
    expect(m.predictProba([2, -2])[1]).toBeGreaterThan(0.9);
    expect(m.predictProba([NaN, NaN])).toEqual(m.predictProba(m.means()));
  });

  it('shrinks towards a prior: with few rows the prior dominates, with many the data', () => {
    const prior = model;
    const few = synthetic(12, [-1, 0, 0, 0], theta, 3);
    const withPrior = trainOrdinal(few.x, few.y, { prior, l2: 20 });
    const without = trainOrdinal(few.x, few.y, { l2: 20 });
    expect(withPrior.coefficients()[0]).toBeGreaterThan(without.coefficients()[0]);
    expect(withPrior.coefficients()[0]).toBeGreaterThan(0);
    const many = synthetic(3000, [-1, 0, 0, 0], theta, 4);
    expect(trainOrdinal(many.x, many.y, { prior, l2: 1 }).coefficients()[0]).toBeLessThan(-0.7);
  });

  it('weights rows: a row of weight 0 changes nothing', () => {
    const extraX = [...x.slice(0, 500), [5, 5, 5, 5]];
    const extraY = [...y.slice(0, 500), 2];
    const weights = [...new Array(500).fill(1), 0];
    const a = trainOrdinal(extraX, extraY, { sampleWeight: weights, classes: [2, 3, 4, 5] });
    const b = trainOrdinal(x.slice(0, 500), y.slice(0, 500), { classes: [2, 3, 4, 5] });
    expect(a.predictProba([1, 1, 1, 1])[0]).toBeCloseTo(b.predictProba([1, 1, 1, 1])[0], 3);
  });

  it('refuses bad input with a message', () => {
    expect(() => trainOrdinal([[1], [2]], [1])).toThrow(/rows/);
    expect(() => trainOrdinal([[1], [2]], [1, 1])).toThrow(/two classes/);
    expect(() => trainOrdinal([[1], [2]], [1, 7], { classes: [1, 2] })).toThrow(/class 7/);
  });
});
