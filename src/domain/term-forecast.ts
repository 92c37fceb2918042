import { addDays } from './dates.js';
import { type DateRange, coveredBy } from './journal-stats.js';
import { gradePoints } from './marks.js';
import { countRu, decimalRu, NOUNS, pluralForm, type PluralForms } from './russian.js';

// The forecast of a term grade (issue 16 item 2, п. 2.9): what the journal holds about a student in
// a subject AS OF a date — weighted marks and their trend, absences, required works held without a
// mark, earlier term grades — turned into the model's features, and the model's answer turned into
// plain Russian: the reasons and what would change it. The same code makes the training rows of
// past terms (as of their middle) and today's forecast, so no later data leaks into either.

/** The features, in the order of the model's vector; a trained model keeps these names. */
export const FEATURES = [
  'avg',
  'noMarks',
  'trend',
  'twos',
  'unexcused',
  'excused',
  'missingWorks',
  'prevAvg',
  'noPrev',
  'marksLog',
] as const;
export type Feature = (typeof FEATURES)[number];

/** The works that must carry a mark before a term grade (п. 4.2, DEFAULT_OBJECTIVITY). */
export const REQUIRED_WORKS = ['control', 'laboratory', 'practical'] as const;
export type RequiredWork = (typeof REQUIRED_WORKS)[number];

/** What a mean is taken to be when there is none yet (the middle of what colleges give). */
export const NEUTRAL_MEAN = 3.8;
/** Marks of the last weeks before the date, against the earlier ones, make the trend. */
export const TREND_DAYS = 28;

/** The journal of one student in one subject of a term, in full: `factsAsOf` cuts it at a date. */
export interface StudentJournal {
  /** Marks of the student in the subject's lessons (grades only), with the lesson's date. */
  marks: readonly { lessonId: number; date: string; value: string; weight: number }[];
  absences: readonly { date: string; value: string; hours: number | null }[];
  excuses: readonly DateRange[];
  /** Lessons held in the subject while the student was in the group (recorded, not cancelled). */
  lessons: readonly { id: number; date: string; hours: number; workTypes: readonly string[] }[];
  /** The student's term grades of earlier terms (any subject), with the date each was set. */
  earlier: readonly { value: string; setAt: string }[];
}

/** What the journal holds up to a date: the features and the figures the reasons quote. */
export interface Facts {
  asOf: string;
  wSum: number;
  wTotal: number;
  marks: number;
  twos: number;
  recent: { wSum: number; wTotal: number; n: number };
  earlierMarks: { wSum: number; wTotal: number; n: number };
  hoursHeld: number;
  unexcusedHours: number;
  excusedHours: number;
  requiredHeld: number;
  missing: Record<RequiredWork, number>;
  prevSum: number;
  prevN: number;
}

const isRequired = (t: string): t is RequiredWork => (REQUIRED_WORKS as readonly string[]).includes(t);

/** The journal as of the end of a date: nothing dated later is read. */
export function factsAsOf(j: StudentJournal, asOf: string): Facts {
  const since = addDays(asOf, -TREND_DAYS);
  const f: Facts = {
    asOf,
    wSum: 0,
    wTotal: 0,
    marks: 0,
    twos: 0,
    recent: { wSum: 0, wTotal: 0, n: 0 },
    earlierMarks: { wSum: 0, wTotal: 0, n: 0 },
    hoursHeld: 0,
    unexcusedHours: 0,
    excusedHours: 0,
    requiredHeld: 0,
    missing: { control: 0, laboratory: 0, practical: 0 },
    prevSum: 0,
    prevN: 0,
  };
  const graded = new Set<number>();
  for (const m of j.marks) {
    if (m.date > asOf) continue;
    graded.add(m.lessonId);
    if (m.value === '2' || m.value === 'незач') f.twos += 1;
    const p = gradePoints(m.value);
    if (p === null) continue;
    const w = m.weight > 0 ? m.weight : 1;
    f.wSum += p * w;
    f.wTotal += w;
    f.marks += 1;
    const part = m.date > since ? f.recent : f.earlierMarks;
    part.wSum += p * w;
    part.wTotal += w;
    part.n += 1;
  }
  for (const l of j.lessons) {
    if (l.date > asOf) continue;
    f.hoursHeld += l.hours;
    const req = l.workTypes.filter(isRequired);
    if (!req.length) continue;
    f.requiredHeld += 1;
    if (!graded.has(l.id)) f.missing[req[0]] += 1;
  }
  for (const a of j.absences) {
    if (a.date > asOf) continue;
    const h = a.hours ?? 0;
    if (a.value === 'н' && !coveredBy(j.excuses, a.date)) f.unexcusedHours += h;
    else if (a.value === 'н' || a.value === 'б' || a.value === 'уп') f.excusedHours += h;
  }
  for (const g of j.earlier) {
    if (g.setAt.slice(0, 10) > asOf) continue;
    const p = gradePoints(g.value) ?? (g.value === 'зачтено' ? 4 : g.value === 'не зачтено' || g.value === 'н/а' ? 2 : null);
    if (p === null) continue;
    f.prevSum += p;
    f.prevN += 1;
  }
  return f;
}

const mean = (s: number, n: number) => (n > 0 ? s / n : null);
export const missingTotal = (f: Facts) => f.missing.control + f.missing.laboratory + f.missing.practical;

/** The model's vector of the facts, in FEATURES order. */
export function vectorOf(f: Facts): number[] {
  const prev = mean(f.prevSum, f.prevN);
  const avg = mean(f.wSum, f.wTotal) ?? prev ?? NEUTRAL_MEAN;
  const r = mean(f.recent.wSum, f.recent.wTotal);
  const e = mean(f.earlierMarks.wSum, f.earlierMarks.wTotal);
  const trend = r !== null && e !== null && f.recent.n >= 2 && f.earlierMarks.n >= 2 ? Math.max(-2, Math.min(2, r - e)) : 0;
  const counted = f.marks + (f.twos - Math.min(f.twos, f.marks));
  return [
    avg,
    f.wTotal > 0 ? 0 : 1,
    trend,
    counted > 0 ? f.twos / counted : 0,
    f.hoursHeld > 0 ? Math.min(1, f.unexcusedHours / f.hoursHeld) : 0,
    f.hoursHeld > 0 ? Math.min(1, f.excusedHours / f.hoursHeld) : 0,
    f.requiredHeld > 0 ? missingTotal(f) / f.requiredHeld : 0,
    prev ?? NEUTRAL_MEAN,
    f.prevN > 0 ? 0 : 1,
    Math.log1p(f.marks),
  ];
}

// ── The model's answer ──────────────────────────────────────────────────────────────────────

/** What the forecast needs of a trained model (domain/forecast/model.ts OrdinalModel has it). */
export interface ProbaModel {
  classes: number[];
  predictProba(x: number[]): number[];
  contributions(x: number[]): number[];
}

/** Pass/fail models have the classes [0, 1]: 0 «не зачтено», 1 «зачтено». */
export const isPassFailModel = (m: { classes: number[] }) => m.classes.length === 2 && m.classes[0] === 0;

export const gradeLabel = (c: number, passFail: boolean) => (passFail ? (c >= 1 ? 'зачтено' : 'не зачтено') : String(c));

export interface Outlook {
  /** One probability per class, in the model's class order. */
  probabilities: { grade: string; p: number }[];
  likely: string;
  /** The narrowest run of neighbouring grades around the likely one that holds at least 80 %. */
  interval: { from: string; to: string; p: number };
  /** The expected grade (5-point) or the probability of «зачтено» (pass/fail). */
  expected: number;
  /** The probability of a «2» or «не зачтено». */
  risk: number;
  /** The probabilities of a positive grade and of a «4» or «5» (pass/fail: «зачтено», both). */
  pPass: number;
  pQuality: number;
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** An outlook as the API gives it (GradeOutlook): to three decimals, with the grade given, if any. */
export const outlookOut = (o: Outlook, given: string | null) => ({
  probabilities: o.probabilities.map((p) => ({ grade: p.grade, p: round3(p.p) })),
  likely: o.likely,
  interval: { from: o.interval.from, to: o.interval.to, p: round3(o.interval.p) },
  expected: round3(o.expected),
  risk: round3(o.risk),
  given,
});

export const INTERVAL_LEVEL = 0.8;

export function outlookOf(classes: readonly number[], p: readonly number[]): Outlook {
  const passFail = classes.length === 2 && classes[0] === 0;
  let mode = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[mode]) mode = i;
  let lo = mode;
  let hi = mode;
  let mass = p[mode];
  while (mass < INTERVAL_LEVEL - 1e-9 && (lo > 0 || hi < p.length - 1)) {
    const left = lo > 0 ? p[lo - 1] : -1;
    const right = hi < p.length - 1 ? p[hi + 1] : -1;
    if (left >= right) mass += p[--lo];
    else mass += p[++hi];
  }
  const expected = classes.reduce((s, c, i) => s + c * p[i], 0);
  const pOf = (ok: (c: number) => boolean) => classes.reduce((s, c, i) => s + (ok(c) ? p[i] : 0), 0);
  const pPass = passFail ? pOf((c) => c >= 1) : pOf((c) => c >= 3);
  return {
    probabilities: classes.map((c, i) => ({ grade: gradeLabel(c, passFail), p: p[i] })),
    likely: gradeLabel(classes[mode], passFail),
    interval: { from: gradeLabel(classes[lo], passFail), to: gradeLabel(classes[hi], passFail), p: mass },
    expected,
    risk: 1 - pPass,
    pPass,
    pQuality: passFail ? pPass : pOf((c) => c >= 4),
  };
}

/** A term grade already given: certain. */
export function outlookOfGiven(classes: readonly number[], value: string): Outlook | null {
  const passFail = classes.length === 2 && classes[0] === 0;
  const c = passFail
    ? value === 'зачтено'
      ? 1
      : value === 'не зачтено' || value === 'н/а'
        ? 0
        : null
    : value === 'н/а'
      ? 2
      : gradePoints(value);
  const i = c === null ? -1 : classes.indexOf(c);
  if (i < 0) return null;
  return outlookOf(
    classes,
    classes.map((_, k) => (k === i ? 1 : 0)),
  );
}

// ── Reasons in plain Russian ────────────────────────────────────────────────────────────────

const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const WORK_NOUNS: Record<RequiredWork, PluralForms> = {
  control: ['контрольная', 'контрольные', 'контрольных'],
  laboratory: ['лабораторная', 'лабораторные', 'лабораторных'],
  practical: ['практическая', 'практические', 'практических'],
};
const WORK_ACCUSATIVE: Record<RequiredWork, PluralForms> = {
  control: ['контрольную', 'контрольные', 'контрольных'],
  laboratory: ['лабораторную', 'лабораторные', 'лабораторных'],
  practical: ['практическую', 'практические', 'практических'],
};

/** «оценку», «оценки», «оценок» after «получить ещё N». */
const GRADE_ACCUSATIVE: PluralForms = ['оценку', 'оценки', 'оценок'];

const listRu = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} и ${parts[parts.length - 1]}`;

/** «3 лабораторные не сданы», «1 контрольная и 2 практические не сданы». */
export function missingWorksText(missing: Record<RequiredWork, number>): string | null {
  const parts = REQUIRED_WORKS.filter((w) => missing[w] > 0).map((w) => countRu(missing[w], WORK_NOUNS[w]));
  if (!parts.length) return null;
  const total = REQUIRED_WORKS.reduce((s, w) => s + missing[w], 0);
  return `${listRu(parts)} ${pluralForm(total, ['не сдана', 'не сданы', 'не сданы'])}`;
}

/** «сдать 2 лабораторные и 1 контрольную». */
export function submitWorksText(missing: Record<RequiredWork, number>): string | null {
  const parts = REQUIRED_WORKS.filter((w) => missing[w] > 0).map((w) => countRu(missing[w], WORK_ACCUSATIVE[w]));
  return parts.length ? `сдать ${listRu(parts)}` : null;
}

export interface Reason {
  feature: Feature;
  /** Its pull on the expected grade against the college's usual student: below zero lowers it. */
  effect: number;
  text: string;
}

/** The text of one feature's reason, down (lowers the forecast) or up; null when it has nothing to say. */
function reasonText(feature: Feature, f: Facts, down: boolean): string | null {
  const avg = mean(f.wSum, f.wTotal);
  switch (feature) {
    case 'avg':
      return avg === null ? null : `средний балл ${decimalRu(avg, 1)}`;
    case 'noMarks':
      return down ? 'оценок пока нет' : null;
    case 'trend': {
      const r = mean(f.recent.wSum, f.recent.wTotal);
      const e = mean(f.earlierMarks.wSum, f.earlierMarks.wTotal);
      if (r === null || e === null) return null;
      const month = MONTHS_GEN[Number(addDays(f.asOf, -TREND_DAYS).slice(5, 7)) - 1];
      return `средний балл ${r < e ? 'снижается' : 'растёт'} с ${month} (${decimalRu(e, 1)} → ${decimalRu(r, 1)})`;
    }
    case 'twos':
      return f.twos > 0 ? `${countRu(f.twos, NOUNS.grade)} «2»` : down ? null : 'нет оценок «2»';
    case 'unexcused':
      return f.unexcusedHours > 0 ? `${f.unexcusedHours} ч пропусков без причины` : down ? null : 'нет пропусков без причины';
    case 'excused':
      return f.excusedHours > 0 ? `${f.excusedHours} ч пропусков по уважительной причине` : null;
    case 'missingWorks':
      return missingWorksText(f.missing) ?? (f.requiredHeld > 0 && !down ? 'все обязательные работы сданы' : null);
    case 'prevAvg':
    case 'noPrev':
      return f.prevN > 0 ? `в прошлых семестрах средний балл ${decimalRu(f.prevSum / f.prevN, 1)}` : null;
    case 'marksLog':
      return down && f.marks < 2 ? `${countRu(f.marks, NOUNS.grade)} за семестр` : null;
  }
}

/** The strongest pulls on the forecast, in plain Russian, strongest first (at most `max`). */
export function reasonsOf(f: Facts, contributions: readonly number[], max = 3, min = 0.05): Reason[] {
  const out: Reason[] = [];
  const seen = new Set<string>();
  const order = FEATURES.map((feature, i) => ({ feature, effect: contributions[i] ?? 0 })).sort(
    (a, b) => Math.abs(b.effect) - Math.abs(a.effect),
  );
  for (const { feature, effect } of order) {
    if (out.length >= max || Math.abs(effect) < min) break;
    const text = reasonText(feature, f, effect < 0);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ feature, effect, text });
  }
  return out;
}

// ── What would change it ────────────────────────────────────────────────────────────────────

/** The facts after the missing works are handed in and marked `grade` (weight of each as given). */
export function withWorksDone(f: Facts, grade = 4, weight = 2): Facts {
  const n = missingTotal(f);
  return {
    ...f,
    wSum: f.wSum + grade * weight * n,
    wTotal: f.wTotal + weight * n,
    marks: f.marks + n,
    recent: { wSum: f.recent.wSum + grade * weight * n, wTotal: f.recent.wTotal + weight * n, n: f.recent.n + n },
    missing: { control: 0, laboratory: 0, practical: 0 },
  };
}

/** The facts after `k` more marks of `grade` (weight 1). */
export function withMarks(f: Facts, k: number, grade = 5): Facts {
  return {
    ...f,
    wSum: f.wSum + grade * k,
    wTotal: f.wTotal + k,
    marks: f.marks + k,
    recent: { wSum: f.recent.wSum + grade * k, wTotal: f.recent.wTotal + k, n: f.recent.n + k },
  };
}

export interface Advice {
  /** The grade aimed at: one above the likely one (or «зачтено»); null when the likely one is the best. */
  target: string | null;
  /** Steps that bring the forecast there, in order: «сдать 2 лабораторные», «получить ещё 2 оценки «5»». */
  steps: string[];
  /** Whether the steps reach the target by the model's reckoning. */
  reaches: boolean;
}

const MAX_EXTRA_MARKS = 6;

/** What is needed for a better grade: the missing works first, then more good marks. */
export function adviceFor(model: ProbaModel, f: Facts): Advice {
  const passFail = isPassFailModel(model);
  const likelyIndex = (facts: Facts) => {
    const p = model.predictProba(vectorOf(facts));
    let m = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[m]) m = i;
    return m;
  };
  const now = likelyIndex(f);
  const steps: string[] = [];
  const unexcused = f.unexcusedHours > 0 ? 'не пропускать занятия без уважительной причины' : null;
  if (now >= model.classes.length - 1) {
    const keep = submitWorksText(f.missing);
    return { target: null, steps: [keep, 'сохранить уровень текущих оценок'].filter((x): x is string => !!x), reaches: true };
  }
  const target = now + 1;
  let facts = f;
  const works = submitWorksText(f.missing);
  if (works) {
    steps.push(works);
    facts = withWorksDone(f);
  }
  let reaches = likelyIndex(facts) >= target;
  for (let k = 1; !reaches && k <= MAX_EXTRA_MARKS; k++) {
    if (likelyIndex(withMarks(facts, k)) >= target) {
      steps.push(`получить ещё ${countRu(k, GRADE_ACCUSATIVE)} «5»`);
      reaches = true;
    }
  }
  if (!reaches) steps.push(`получить ещё не меньше ${countRu(MAX_EXTRA_MARKS, GRADE_ACCUSATIVE)} «5»`);
  if (unexcused) steps.push(unexcused);
  return { target: gradeLabel(model.classes[target], passFail), steps, reaches };
}

/** What would change the forecast for the curator: each step alone and the likely grade it leads to. */
export function changesFor(model: ProbaModel, f: Facts): { step: string; likely: string; risk: number }[] {
  const out: { step: string; likely: string; risk: number }[] = [];
  const works = submitWorksText(f.missing);
  const at = (facts: Facts) => outlookOf(model.classes, model.predictProba(vectorOf(facts)));
  if (works) {
    const o = at(withWorksDone(f));
    out.push({ step: works, likely: o.likely, risk: o.risk });
  }
  for (const k of [2, 4]) {
    const o = at(withMarks(f, k, 4));
    out.push({ step: `получить ещё ${countRu(k, GRADE_ACCUSATIVE)} «4»`, likely: o.likely, risk: o.risk });
  }
  return out;
}

// ── Groups: how many pass, with an interval ─────────────────────────────────────────────────

/** The distribution of the number of successes of independent trials (Poisson-binomial), exact. */
export function poissonBinomial(ps: readonly number[]): number[] {
  let dist = [1];
  for (const p of ps) {
    const next = new Array<number>(dist.length + 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      next[k] += dist[k] * (1 - p);
      next[k + 1] += dist[k] * p;
    }
    dist = next;
  }
  return dist;
}

/** A rate in per cent over students, expected and its central interval (default 90 %). */
export interface RateForecast {
  expected: number;
  from: number;
  to: number;
}

export function rateForecast(ps: readonly number[], level = 0.9): RateForecast | null {
  const n = ps.length;
  if (!n) return null;
  const dist = poissonBinomial(ps);
  const tail = (1 - level) / 2;
  let acc = 0;
  let lo = 0;
  while (lo < n && acc + dist[lo] <= tail) acc += dist[lo++];
  acc = 0;
  let hi = n;
  while (hi > 0 && acc + dist[hi] <= tail) acc += dist[hi--];
  const pct = (k: number) => Math.round((k * 1000) / n) / 10;
  return { expected: Math.round((ps.reduce((s, p) => s + p, 0) * 1000) / n) / 10, from: pct(lo), to: pct(hi) };
}

/**
 * A student counts in a group's успеваемость only with every subject positive, and in its качество
 * with every one a «4» or «5» (domain/performance.ts): the product over subjects, taken as independent.
 */
export function allOf(ps: readonly number[]): number {
  return ps.reduce((s, p) => s * p, 1);
}
