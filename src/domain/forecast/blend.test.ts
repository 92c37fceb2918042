import { describe, expect, it } from 'vitest';
import { bestWeights, trainBlend, type BlendMember } from './blend.js';
import { seededRng } from './rng.js';

describe('bestWeights', () => {
  it('puts all the weight on a perfect member', () => {
    const y = [1, 2, 3, 4, 5];
    expect(bestWeights([[0, 0, 0, 0, 0], y, [5, 4, 3, 2, 1]], y)).toEqual([0, 1, 0]);
  });

  it('mixes two members whose errors cancel, on the grid of the step', () => {
    const y = [0, 0, 0, 0];
    // a errs by +1, b by −3: 0.75·a + 0.25·b is exact.
    const w = bestWeights([y.map((v) => v + 1), y.map((v) => v - 3)], y, 0.05);
    expect(w[0]).toBeCloseTo(0.75, 10);
    expect(w[1]).toBeCloseTo(0.25, 10);
  });

  it('weights are non-negative and sum to 1 even when a negative one would fit better', () => {
    const y = [1, 2, 3];
    const w = bestWeights(
      [
        [2, 4, 6],
        [1.5, 3, 4.5],
      ],
      y,
      0.1,
    );
    expect(w.every((v) => v >= 0)).toBe(true);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(w).toEqual([0, 1]);
  });

  it('refuses a step that does not divide 1 and an empty blend', () => {
    expect(() => bestWeights([[1]], [1], 0.3)).toThrow(/step/);
    expect(() => bestWeights([], [1])).toThrow(/no members/);
  });
});

describe('trainBlend', () => {
  // y = 2·x₀ + noise; one member knows the rule, one forecasts the mean, one forecasts x₁ (noise).
  const rng = seededRng(7);
  const x = Array.from({ length: 120 }, () => [rng.next() * 10, rng.next() * 10]);
  const y = x.map((r) => 2 * r[0] + (rng.next() - 0.5));
  const members: BlendMember[] = [
    { name: 'mean', fit: (_x, ty) => () => ty.reduce((a, b) => a + b, 0) / ty.length },
    { name: 'rule', fit: () => (row) => 2 * row[0] },
    { name: 'noise', fit: () => (row) => row[1] },
  ];

  it('learns the weights from out-of-fold forecasts of the training rows and refits every member', () => {
    const b = trainBlend(x, y, members, { folds: 4, seed: 3 });
    expect(b.names).toEqual(['mean', 'rule', 'noise']);
    expect(b.weights[1]).toBeGreaterThanOrEqual(0.9);
    expect(b.members).toHaveLength(3);
    expect(b.predict([3, 8])).toBeCloseTo(
      b.weights.reduce((s, w, j) => s + w * b.members[j]([3, 8]), 0),
      10,
    );
    expect(b.innerFolds).toHaveLength(4);
    expect(b.innerFolds.flat().sort((p, q) => p - q)).toEqual(x.map((_, i) => i));
    expect(b.memberOutOfFold[1]).toEqual(x.map((r) => 2 * r[0]));
    expect(b.outOfFold[5]).toBeCloseTo(
      b.weights.reduce((s, w, j) => s + w * b.memberOutOfFold[j][5], 0),
      10,
    );
  });

  it('fits each member on the other folds only', () => {
    const seen: number[] = [];
    const counting: BlendMember = {
      name: 'count',
      fit: (tx) => {
        seen.push(tx.length);
        return () => 0;
      },
    };
    trainBlend(x, y, [counting], { folds: 4 });
    expect(seen).toEqual([90, 90, 90, 90, 120]);
  });

  it('the same rows and seed give the same blend', () => {
    const a = trainBlend(x, y, members, { folds: 5, seed: 11 });
    const b = trainBlend(x, y, members, { folds: 5, seed: 11 });
    expect(a.weights).toEqual(b.weights);
    expect(a.outOfFold).toEqual(b.outOfFold);
  });
});
