import { ordinalFromJSON, trainOrdinal, type OrdinalModel } from '../../domain/forecast/model.js';
import { FIVE, naiveGrade, outOfFold, score, type BacktestRow } from '../../domain/term-forecast-backtest.js';
import { priorFive, priorPass } from '../../domain/term-forecast-prior.js';
import { addDays } from '../../domain/dates.js';
import { factsAsOf, FEATURES, vectorOf } from '../../domain/term-forecast.js';
import { nowIso, type Db } from '../platform/db.js';
import { termJournals } from './journals.js';
import { insertModel, latestModel, termsOf } from './queries.js';

// The college's forecast models (issue 16 item 6, decision 036): trained on its own past terms —
// every student × subject with a term grade, its features as of the middle of that term — shrunk
// towards the built-in prior, kept in the database with the backtest of the last finished year, and
// read back (parsed once per process per kept row). A college without history forecasts with the prior.

/** Past terms used for training: the latest finished ones, at most this many. */
export const TRAINING_TERMS = 4;

export const midTerm = (t: { start_date: string; end_date: string }) =>
  addDays(t.start_date, Math.round((Date.parse(t.end_date) - Date.parse(t.start_date)) / 86_400_000 / 2));

const fiveOf = (v: string) => (v === '5' || v === '4' || v === '3' || v === '2' ? Number(v) : v === 'н/а' ? 2 : null);
const passOf = (v: string) => (v === 'зачтено' ? 1 : v === 'не зачтено' || v === 'н/а' ? 0 : null);

export interface TrainingRow {
  x: number[];
  y: number;
  passFail: boolean;
  studentId: number;
  termId: number;
  naive: number;
}

/** The rows of one past term: features as of its middle, the grade given as the label. */
export async function trainingRows(db: Db, orgId: number, term: { id: number; start_date: string; end_date: string }) {
  const mid = midTerm(term);
  const tj = await termJournals(db, orgId, term.id, mid, { reach: null });
  const rows: TrainingRow[] = [];
  for (const s of tj?.subjects ?? [])
    for (const st of s.students) {
      if (!st.final) continue;
      const y = s.passFail ? passOf(st.final) : fiveOf(st.final);
      if (y === null) continue;
      const x = vectorOf(factsAsOf(st.journal, mid));
      rows.push({ x, y, passFail: s.passFail, studentId: st.studentId, termId: term.id, naive: naiveGrade(st.journal, mid) });
    }
  return rows;
}

export interface TrainResult {
  rows: number;
  source: 'history' | 'prior';
  backtest: { term: string | null; rows: BacktestRow[] };
}

/**
 * Trains the college's models on its finished terms (up to `today`) and keeps them: the 5-point one
 * and the pass/fail one (the prior when there are too few rows of a kind).
 */
export async function trainModels(
  db: Db,
  orgId: number,
  today: string,
  by: { job: string | null; userId: number | null },
): Promise<TrainResult> {
  const terms = (await termsOf(db, orgId)).filter((t) => t.end_date < today).slice(-TRAINING_TERMS);
  const rows: TrainingRow[] = [];
  for (const t of terms) rows.push(...(await trainingRows(db, orgId, t)));
  // Nothing to learn from yet and the prior already kept: no new row each night.
  const kept = await latestModel(db, orgId, 'five');
  if (!rows.length && kept?.source === 'prior') return { rows: 0, source: 'prior', backtest: { term: null, rows: [] } };
  const five = rows.filter((r) => !r.passFail);
  const pass = rows.filter((r) => r.passFail);
  const enough = (rs: TrainingRow[], classes: number) => rs.length >= 30 && new Set(rs.map((r) => r.y)).size >= classes;
  const fiveModel = enough(five, 2)
    ? trainOrdinal(
        five.map((r) => r.x),
        five.map((r) => r.y),
        { classes: FIVE, features: [...FEATURES], prior: priorFive(), l2: 1 },
      )
    : priorFive();
  const passModel = enough(pass, 2)
    ? trainOrdinal(
        pass.map((r) => r.x),
        pass.map((r) => r.y),
        { classes: [0, 1], features: [...FEATURES], prior: priorPass(), l2: 1 },
      )
    : priorPass();

  // The backtest: the last finished year's 5-point rows, as of each term's middle.
  const lastYear = terms.length ? terms[terms.length - 1].year_name : null;
  const yearTerms = new Set(terms.filter((t) => t.year_name === lastYear).map((t) => t.id));
  const test = five.filter((r) => yearTerms.has(r.termId));
  const backtest: BacktestRow[] = [];
  if (test.length >= 10) {
    const y = test.map((r) => r.y);
    backtest.push(
      score(
        'model',
        outOfFold(
          test.map((r) => r.x),
          y,
          test.map((r) => r.studentId),
          priorFive(),
        ),
        y,
      ),
    );
    backtest.push(
      score(
        'prior',
        test.map((r) => priorFive().predictProba(r.x)),
        y,
      ),
    );
    backtest.push(
      score(
        'naive',
        test.map((r) => FIVE.map((c) => (c === r.naive ? 1 : 0))),
        y,
      ),
    );
  }
  const at = nowIso();
  const metrics = JSON.stringify({ backtest: { term: lastYear, rows: backtest }, terms: terms.map((t) => t.id) });
  const source = (m: OrdinalModel, prior: OrdinalModel) => (m === prior ? 'prior' : 'history');
  await insertModel(db, {
    orgId,
    kind: 'five',
    source: source(fiveModel, priorFive()),
    model: JSON.stringify(fiveModel.toJSON()),
    rows: five.length,
    metrics,
    at,
    ...by,
  });
  await insertModel(db, {
    orgId,
    kind: 'pass',
    source: source(passModel, priorPass()),
    model: JSON.stringify(passModel.toJSON()),
    rows: pass.length,
    metrics: JSON.stringify({ terms: terms.map((t) => t.id) }),
    at,
    ...by,
  });
  return { rows: rows.length, source: source(fiveModel, priorFive()), backtest: { term: lastYear, rows: backtest } };
}

export interface Models {
  five: OrdinalModel;
  pass: OrdinalModel;
  source: 'history' | 'prior';
  trainedAt: string | null;
  rows: number;
}

const parsed = new Map<number, OrdinalModel>();
const parse = (row: { id: number; model: string }) => {
  let m = parsed.get(row.id);
  if (!m) {
    m = ordinalFromJSON(JSON.parse(row.model));
    parsed.set(row.id, m);
  }
  return m;
};

/** The models in use: the latest kept of each kind, else the prior. */
export async function modelsFor(db: Db, orgId: number): Promise<Models> {
  const [five, pass] = await Promise.all([latestModel(db, orgId, 'five'), latestModel(db, orgId, 'pass')]);
  return {
    five: five ? parse(five) : priorFive(),
    pass: pass ? parse(pass) : priorPass(),
    source: five?.source ?? 'prior',
    trainedAt: five?.trained_at ?? null,
    rows: five?.rows ?? 0,
  };
}
