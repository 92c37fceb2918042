import { describe, expect, it } from 'vitest';
import { coefficientsFrom, DEFAULT_COEFFICIENTS, isDebt, levelOf, performanceOf, resultOf, weekStart } from './performance.js';

describe('levelOf', () => {
  it('is the weakest result, with exempt results left out', () => {
    expect(levelOf(['5', '5', 'зачтено'])).toBe('5');
    expect(levelOf(['5', '4', 'осв.'])).toBe('4');
    expect(levelOf(['5', '3'])).toBe('3');
    expect(levelOf(['5', 'не зачтено'])).toBe('2');
    expect(levelOf(['н/а', 'н/а'])).toBe('н/а');
    expect(levelOf(['5', 'н/а'])).toBe('2');
    expect(levelOf(['осв.'])).toBeNull();
    expect(levelOf([])).toBeNull();
  });
});

describe('performanceOf', () => {
  it('counts students, not grades, and keeps н/а in N', () => {
    // N = 5 (the exempt student is out): 5, 4, 3, 2, н/а.
    const p = performanceOf([['5', '5'], ['5', '4'], ['4', '3'], ['3', '2'], ['н/а'], ['осв.']]);
    expect(p.n).toBe(5);
    expect(p.counts).toEqual({ '5': 1, '4': 1, '3': 1, '2': 1, 'н/а': 1 });
    expect(p.passRate).toBe(60);
    expect(p.qualityRate).toBe(40);
    expect(p.average).toBe(3.88); // 31 / 8
    // (1 + 0.64 + 0.36 + 0.16 + 0.08) × 100 / 5 = 44.8
    expect(p.learningDegree).toBe(44.8);
  });

  it('uses the college coefficients', () => {
    const k = coefficientsFrom({ '5': 1, '4': 0.5, '3': 0.25, '2': 0, 'н/а': 0 });
    expect(performanceOf([['5'], ['4'], ['3'], ['2']], k).learningDegree).toBe(43.8);
  });

  it('has no rates when nobody counts', () => {
    expect(performanceOf([['осв.'], []])).toMatchObject({ n: 0, passRate: null, qualityRate: null, learningDegree: null, average: null });
  });
});

describe('coefficientsFrom', () => {
  it('falls back to Симонов for anything incomplete or out of range', () => {
    expect(coefficientsFrom(undefined)).toBe(DEFAULT_COEFFICIENTS);
    expect(coefficientsFrom({ '5': 1 })).toBe(DEFAULT_COEFFICIENTS);
    expect(coefficientsFrom({ '5': 2, '4': 0.64, '3': 0.36, '2': 0.16, 'н/а': 0.08 })).toBe(DEFAULT_COEFFICIENTS);
  });
});

describe('small rules', () => {
  it('takes the final over the exam over the term grade', () => {
    expect(resultOf({ term: '4', exam: '3' })).toBe('3');
    expect(resultOf({ term: '4', exam: '3', final: '4' })).toBe('4');
    expect(resultOf({})).toBeUndefined();
  });
  it('knows debts and weeks', () => {
    expect(['2', 'не зачтено', 'н/а', '3', 'осв.'].map(isDebt)).toEqual([true, true, true, false, false]);
    expect(weekStart('2026-09-06')).toBe('2026-08-31');
    expect(weekStart('2026-09-07')).toBe('2026-09-07');
  });
});
