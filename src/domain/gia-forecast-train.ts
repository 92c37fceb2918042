import { giaPrior, trainGia } from './gia-forecast.js';
import { FIVE, score, type BacktestRow } from './term-forecast-backtest.js';

// Fitting the college's ГИА models (decision 045's way for the term models): pure, so that the nightly
// job runs it in a worker thread (server/forecast/fit-worker.ts) and the event loop keeps serving.

export interface GiaRow {
  x: number[];
  y: number;
  naive: number;
  studentId: number;
  yearName: string;
}

/** Out-of-fold probabilities (folds by student) of the college's model trained with the prior on the other folds. */
export function giaOutOfFold(kind: 'demo' | 'thesis', rows: GiaRow[], folds = 5): number[][] {
  const out: number[][] = new Array<number[]>(rows.length);
  const foldOf = (s: number) => ((s * 2654435761) >>> 0) % folds;
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((r) => foldOf(r.studentId) !== f);
    const { model } = trainGia(
      kind,
      train.map((r) => r.x),
      train.map((r) => r.y),
    );
    rows.forEach((r, i) => {
      if (foldOf(r.studentId) === f) out[i] = model.predictProba(r.x);
    });
  }
  return out;
}

/** The backtest of the last year's graduates: the college's model out of fold, the prior, the naive forecast. */
export function giaBacktest(kind: 'demo' | 'thesis', rows: GiaRow[]): { year: string | null; rows: BacktestRow[] } {
  const lastYear = rows.length ? [...rows.map((r) => r.yearName)].sort().at(-1)! : null;
  const test = rows.filter((r) => r.yearName === lastYear);
  if (test.length < 10) return { year: lastYear, rows: [] };
  const y = test.map((r) => r.y);
  // Out of fold over every past year's rows, scored on the last year's.
  const oof = giaOutOfFold(kind, rows);
  const last = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.yearName === lastYear);
  return {
    year: lastYear,
    rows: [
      score(
        'model',
        last.map(({ i }) => oof[i]),
        y,
      ),
      score(
        'prior',
        test.map((r) => giaPrior(kind).predictProba(r.x)),
        y,
      ),
      score(
        'naive',
        test.map((r) => FIVE.map((c) => (c === r.naive ? 1 : 0))),
        y,
      ),
    ],
  };
}

export interface GiaFit {
  rows: number;
  source: 'history' | 'prior';
  /** The ordinal model as kept (OrdinalModel.toJSON). */
  model: unknown;
  backtest: { year: string | null; rows: BacktestRow[] };
}

/** Both ГИА models of a college from its past graduates' rows, each with its backtest. */
export function fitGiaModels(rows: { demo: GiaRow[]; thesis: GiaRow[] }): { demo: GiaFit; thesis: GiaFit } {
  const fit = (kind: 'demo' | 'thesis'): GiaFit => {
    const rs = rows[kind];
    const { model, source } = trainGia(
      kind,
      rs.map((r) => r.x),
      rs.map((r) => r.y),
    );
    return { rows: rs.length, source, model: model.toJSON(), backtest: giaBacktest(kind, rs) };
  };
  return { demo: fit('demo'), thesis: fit('thesis') };
}
