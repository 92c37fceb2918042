import { ordinalFromJSON, type OrdinalModel } from '../../domain/forecast/model.js';
import { naiveGrade, type BacktestRow } from '../../domain/term-forecast-backtest.js';
import { priorFive, priorPass } from '../../domain/term-forecast-prior.js';
import type { TrainingRow } from '../../domain/term-forecast-train.js';
import { addDays } from '../../domain/dates.js';
import { factsAsOf, vectorOf } from '../../domain/term-forecast.js';
import { nowIso, type Db } from '../platform/db.js';
import { fitInWorker } from './fit-worker.js';
import { termJournals } from './journals.js';
import { groupsOfTerm, insertModel, latestModel, termsOf } from './queries.js';

// The college's forecast models (issue 16 item 6, decision 036): trained on its own past terms —
// every student × subject with a term grade, its features as of the middle of that term — shrunk
// towards the built-in prior, kept in the database with the backtest of the last finished year, and
// read back (parsed once per process per kept row). A college without history forecasts with the prior.

/** Past terms used for training: the latest finished ones, at most this many. */
export const TRAINING_TERMS = 4;

export const midTerm = (t: { start_date: string; end_date: string }) =>
  addDays(t.start_date, Math.round((Date.parse(t.end_date) - Date.parse(t.start_date)) / 86_400_000 / 2));

const fiveOf = (v: string) => (v === '5' || v === '4' || v === '3' || v === '2' ? Number(v) : v === 'н/а' ? 2 : null);
// A pass/fail subject's term grade; a 5-point grade given instead (as older records and imports have it)
// counts as «зачтено» from 3 up, as attestation.ts suggests a зачёт from a weighted average of 3.
const passOf = (v: string) =>
  v === 'зачтено' || v === '5' || v === '4' || v === '3' ? 1 : v === 'не зачтено' || v === 'н/а' || v === '2' ? 0 : null;

/** The rows of one past term: features as of its middle, the grade given as the label. */
export async function trainingRows(db: Db, orgId: number, term: { id: number; start_date: string; end_date: string }) {
  const mid = midTerm(term);
  const rows: TrainingRow[] = [];
  // One group at a time, letting requests waiting meanwhile through between groups and subjects: a
  // whole college's term read in one piece holds the event loop for hundreds of milliseconds.
  for (const groupId of await groupsOfTerm(db, orgId, term.id)) {
    const tj = await termJournals(db, orgId, term.id, mid, { reach: null, groupId });
    for (const s of tj?.subjects ?? []) {
      for (const st of s.students) {
        if (!st.final) continue;
        const y = s.passFail ? passOf(st.final) : fiveOf(st.final);
        if (y === null) continue;
        const x = vectorOf(factsAsOf(st.journal, mid));
        rows.push({ x, y, passFail: s.passFail, studentId: st.studentId, termId: term.id, naive: naiveGrade(st.journal, mid) });
      }
      await yieldToEventLoop();
    }
  }
  return rows;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface TrainResult {
  rows: number;
  source: 'history' | 'prior';
  /** Where the pass/fail model came from (its own rows, or the prior when there are too few). */
  passSource: 'history' | 'prior';
  passRows: number;
  backtest: { term: string | null; rows: BacktestRow[] };
}

/**
 * Trains the college's models on its finished terms (up to `today`) and keeps them: the 5-point one
 * and the pass/fail one (the prior when there are too few rows of a kind). The rows are read here; the
 * fitting runs in a worker thread (fit-worker.ts), so the event loop stays free meanwhile.
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
  if (!rows.length && kept?.source === 'prior')
    return { rows: 0, source: 'prior', passSource: 'prior', passRows: 0, backtest: { term: null, rows: [] } };

  // The backtest: the last finished year's 5-point rows, as of each term's middle.
  const lastYear = terms.length ? terms[terms.length - 1].year_name : null;
  const backtestTerms = terms.filter((t) => t.year_name === lastYear).map((t) => t.id);
  const { fit } = await fitInWorker({ task: 'term', input: { rows, backtestTerms } });

  const at = nowIso();
  const metrics = JSON.stringify({ backtest: { term: lastYear, rows: fit.backtest }, terms: terms.map((t) => t.id) });
  for (const [kind, m] of [
    ['five', fit.five],
    ['pass', fit.pass],
  ] as const)
    await insertModel(db, {
      orgId,
      kind,
      source: m.source,
      model: JSON.stringify(m.model),
      rows: m.rows,
      metrics: kind === 'five' ? metrics : JSON.stringify({ terms: terms.map((t) => t.id) }),
      at,
      ...by,
    });
  return {
    rows: rows.length,
    source: fit.five.source,
    passSource: fit.pass.source,
    passRows: fit.pass.rows,
    backtest: { term: lastYear, rows: fit.backtest },
  };
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
