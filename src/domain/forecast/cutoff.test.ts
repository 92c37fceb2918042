import { describe, expect, it } from 'vitest';
import { trainCutoff } from './cutoff.js';

describe('the cutoff rule', () => {
  it('finds the cutoff that classifies the training rows best', () => {
    // Grades 8…11; «pass» from 9 on, with one 9 that failed and one 8 that passed.
    const g = [8, 8, 8, 9, 9, 9, 10, 10, 11, 11];
    const y = [0, 0, 1, 1, 1, 0, 1, 1, 1, 1];
    const rule = trainCutoff(g, y);
    expect(rule.cutoff).toBe(8.5);
    expect(rule.trainingAccuracy).toBeCloseTo(0.8);
    expect([7, 8, 9, 12].map(rule.predict)).toEqual([0, 0, 1, 1]);
  });

  it('all one outcome: a cutoff outside the values says that outcome for every training value', () => {
    expect(trainCutoff([3, 5, 7], [1, 1, 1]).predict(3)).toBe(1);
    expect(trainCutoff([3, 5, 7], [0, 0, 0]).predict(7)).toBe(0);
  });

  it('ties go to the middle of the tied range', () => {
    // Cutoffs 1.5, 2.5 and 3.5 are equally good (4 of 6 right each): the middle one.
    expect(trainCutoff([1, 2, 2, 3, 3, 4], [0, 0, 1, 0, 1, 1]).cutoff).toBe(2.5);
  });

  it('bad input is refused', () => {
    expect(() => trainCutoff([], [])).toThrow(/no rows/);
    expect(() => trainCutoff([1, 2], [1])).toThrow(/labels/);
    expect(() => trainCutoff([1, 2], [1, 2])).toThrow(/\{0, 1\}/);
  });
});
