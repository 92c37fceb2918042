import { trainOrdinal, type OrdinalJSON, type OrdinalModel } from './forecast/model.js';
import { FIVE, outOfFold, score, type BacktestRow } from './term-forecast-backtest.js';
import { priorFive, priorPass } from './term-forecast-prior.js';
import { FEATURES } from './term-forecast.js';

// Fitting a college's forecast models from its training rows (issue 16 items 6 and 7, decisions 036
// and 045): pure and CPU-bound, so the nightly job runs it in a worker thread (server/forecast/fit-thread.ts)
// while the server keeps answering. Plain data in, plain data out (the models as JSON).

export interface TrainingRow {
  x: number[];
  y: number;
  passFail: boolean;
  studentId: number;
  termId: number;
  naive: number;
}

export interface FitInput {
  rows: TrainingRow[];
  /** The terms of the last finished year: its 5-point rows are the backtest. */
  backtestTerms: number[];
}

export interface FittedModel {
  source: 'history' | 'prior';
  rows: number;
  model: OrdinalJSON;
}

export interface FitOutput {
  five: FittedModel;
  pass: FittedModel;
  backtest: BacktestRow[];
}

/** Least rows of a kind to learn from; fewer, and the kind keeps the built-in prior. */
export const MIN_TRAINING_ROWS = 30;

/**
 * A kind learns from history when it has enough rows. Five-point grades need two grades seen at least;
 * pass/fail ones learn even when every row is «зачтено»: shrunk towards the prior, whose pseudo-counts
 * keep «не зачтено» possible, the college's own rows still set how its marks and absences weigh.
 */
function fitKind(rows: TrainingRow[], classes: number[], prior: OrdinalModel, minClasses: number): FittedModel {
  const enough = rows.length >= MIN_TRAINING_ROWS && new Set(rows.map((r) => r.y)).size >= minClasses;
  const model = enough
    ? trainOrdinal(
        rows.map((r) => r.x),
        rows.map((r) => r.y),
        { classes, features: [...FEATURES], prior, l2: 1 },
      )
    : prior;
  return { source: enough ? 'history' : 'prior', rows: rows.length, model: model.toJSON() };
}

/** The 5-point and the pass/fail model of a college, and the backtest of the last finished year. */
export function fitTermModels(input: FitInput): FitOutput {
  const five = input.rows.filter((r) => !r.passFail);
  const pass = input.rows.filter((r) => r.passFail);
  const yearTerms = new Set(input.backtestTerms);
  const test = five.filter((r) => yearTerms.has(r.termId));
  const backtest: BacktestRow[] = [];
  if (test.length >= 10) {
    const y = test.map((r) => r.y);
    const x = test.map((r) => r.x);
    backtest.push(
      score(
        'model',
        outOfFold(
          x,
          y,
          test.map((r) => r.studentId),
          priorFive(),
        ),
        y,
      ),
      score(
        'prior',
        x.map((v) => priorFive().predictProba(v)),
        y,
      ),
      score(
        'naive',
        test.map((r) => FIVE.map((c) => (c === r.naive ? 1 : 0))),
        y,
      ),
    );
  }
  return { five: fitKind(five, FIVE, priorFive(), 2), pass: fitKind(pass, [0, 1], priorPass(), 1), backtest };
}
