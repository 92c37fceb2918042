import { describe, expect, it } from 'vitest';
import { ordinalFromJSON, seededRng } from './forecast/model.js';
import { priorPass } from './term-forecast-prior.js';
import { fitTermModels, MIN_TRAINING_ROWS, type TrainingRow } from './term-forecast-train.js';
import { FEATURES } from './term-forecast.js';

// Fitting a college's models from its rows (decision 045): pass/fail subjects learn from history,
// even when the college has only ever given «зачтено», and keep the prior when the rows are too few.
// The built-in priors are fitted on first use (seconds on a busy machine): generous limits, no timed assertion.
const rowsOf = (n: number, passFail: boolean, label: (avg: number, i: number) => number): TrainingRow[] => {
  const rng = seededRng(5);
  return Array.from({ length: n }, (_, i) => {
    const avg = 2.5 + 2.5 * rng.next();
    const x = FEATURES.map((f) => (f === 'avg' ? avg : f === 'prevAvg' ? avg : 0));
    return { x, y: label(avg, i), passFail, studentId: i, termId: 1, naive: Math.round(avg) };
  });
};

describe('fitting the term forecast models', () => {
  it('pass/fail rows with both outcomes: the model learns the college’s own bar', () => {
    // A strict college: «зачтено» only from an average of 4.2 (the prior's bar is lower).
    const rows = rowsOf(200, true, (avg) => (avg >= 4.2 ? 1 : 0));
    const fit = fitTermModels({ rows, backtestTerms: [] });
    expect(fit.pass.source).toBe('history');
    expect(fit.pass.rows).toBe(200);
    expect(fit.five.source).toBe('prior');
    const own = ordinalFromJSON(fit.pass.model);
    const at = (avg: number) => FEATURES.map((f) => (f === 'avg' || f === 'prevAvg' ? avg : 0));
    expect(own.predictProba(at(3.8))[1]).toBeLessThan(priorPass().predictProba(at(3.8))[1]);
    expect(own.predictProba(at(4.8))[1]).toBeGreaterThan(0.5);
  }, 60_000);

  it('pass/fail rows all «зачтено»: still learned from history, «не зачтено» stays possible', () => {
    const fit = fitTermModels({ rows: rowsOf(60, true, () => 1), backtestTerms: [] });
    expect(fit.pass.source).toBe('history');
    const p = ordinalFromJSON(fit.pass.model).predictProba(FEATURES.map((f) => (f === 'avg' || f === 'prevAvg' ? 3 : 0)));
    expect(p[0]).toBeGreaterThan(0);
    expect(p[1]).toBeGreaterThan(0.5);
  }, 60_000);

  it('too few rows of a kind: the built-in prior', () => {
    const fit = fitTermModels({ rows: rowsOf(MIN_TRAINING_ROWS - 1, true, (avg) => (avg >= 3 ? 1 : 0)), backtestTerms: [] });
    expect(fit.pass.source).toBe('prior');
    expect(fit.pass.model).toEqual(priorPass().toJSON());
  }, 60_000);

  it('5-point rows of one grade only stay with the prior; the backtest scores the last year’s rows', () => {
    const same = fitTermModels({ rows: rowsOf(100, false, () => 4), backtestTerms: [1] });
    expect(same.five.source).toBe('prior');
    const rows = rowsOf(300, false, (avg) => Math.min(5, Math.max(2, Math.round(avg))));
    const fit = fitTermModels({ rows, backtestTerms: [1] });
    expect(fit.five.source).toBe('history');
    expect(fit.backtest.map((b) => b.method)).toEqual(['model', 'prior', 'naive']);
    expect(fit.backtest[0].rows).toBe(300);
    expect(fitTermModels({ rows, backtestTerms: [2] }).backtest).toEqual([]);
  }, 60_000);
});
