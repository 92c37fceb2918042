import { seededRng, trainOrdinal, type OrdinalModel } from './forecast/model.js';
import { DEMO_EXAM_MAX_POINTS, type GiaCutoffs } from './gia.js';
import { gradePoints } from './marks.js';
import { countRu, decimalRu, type PluralForms } from './russian.js';
import { outlookOf, type Outlook, type ProbaModel } from './term-forecast.js';

// Forecasts of the demo exam (ДЭ) and the thesis defence (ВКР) of a graduating student (issue 16
// item 4, decision 044): what the college knows of the student AS OF a date — results in the
// professional modules (ПМ, МДК), module exams «освоен», practice, course projects, attendance and
// debts — turned into the model's features, and the model's answer into plain Russian: the reasons,
// the demo exam's points band by the college's cut-offs, and what would change the forecast. The same
// code makes the training rows of past graduates (as of the day before their ГИА) and today's forecast.

/** The features, in the order of the model's vector; a trained model keeps these names. */
export const GIA_FEATURES = ['pmAvg', 'masteredShare', 'practiceAvg', 'projectAvg', 'unexcusedShare', 'excusedShare', 'debts'] as const;
/**
 * The thesis also reads the supervisor's grade (отзыв) and the reviewer's (рецензия) when they are given
 * (decision 050): both come before the defence, so a row as of the day before it has them.
 */
export const GIA_THESIS_FEATURES = [...GIA_FEATURES, 'supervisorGrade', 'reviewerGrade'] as const;
export type GiaFeature = (typeof GIA_THESIS_FEATURES)[number];
/** The features of a kind's model. */
export const giaFeaturesOf = (kind: 'demo' | 'thesis'): readonly GiaFeature[] => (kind === 'demo' ? GIA_FEATURES : GIA_THESIS_FEATURES);

export const GIA_CLASSES = [2, 3, 4, 5];

/** One result of the student in a curriculum item (term, exam or final grade), with its date. */
export interface GiaGradeRow {
  /** The assignment (or item × term) the grade belongs to: results are taken per assignment. */
  key: string;
  kind: 'term' | 'exam' | 'final';
  value: string;
  setAt: string;
  /** The item's kind: mdk, module, educational_practice, industrial_practice, discipline … */
  itemKind: string;
  /** The professional module the item belongs to (ПМ.02), or null. */
  moduleCode: string | null;
  /** The attestation form of the item in that term (КП, КР mark a course project). */
  form: string | null;
}

/** Everything read about one student, in full: `giaFactsAsOf` cuts it at a date. */
export interface GiaStudentRecord {
  grades: readonly GiaGradeRow[];
  /** Marks in module and practice lessons: an assignment without a result yet counts with their mean («updated as grades arrive»). */
  journal: readonly { key: string; value: string; date: string; itemKind: string; moduleCode: string | null }[];
  moduleExams: readonly { moduleCode: string; mastered: boolean; date: string }[];
  /** Modules of the student's curriculum (each ends with a module exam). */
  modulesTotal: number;
  /** Absences in the year up to the date: hours by code, and hours of lessons held in the group. */
  absences: readonly { date: string; value: string; hours: number }[];
  lessons: readonly { date: string; hours: number }[];
  /** The decision on admission to the defence (the pre-defence), if taken. */
  admission: 'admitted' | 'not_admitted' | null;
  /** The thesis's grades by its supervisor (отзыв) and its reviewer (рецензия), 2–5, when given. */
  supervisorGrade?: number | null;
  reviewerGrade?: number | null;
}

export interface GiaFacts {
  asOf: string;
  /** Results (2–5) in the professional modules by module code, course projects left out. */
  modules: { code: string; grades: number[] }[];
  examsTaken: number;
  examsMastered: number;
  /** Modules whose exam is not taken yet. */
  examsPending: number;
  /** Codes of modules whose exam is taken and not «освоен». */
  notMastered: string[];
  modulesTotal: number;
  practice: number[];
  projects: number[];
  heldHours: number;
  unexcusedHours: number;
  excusedHours: number;
  /** Items whose result stands negative («2», «н/а», «не зачтено»). */
  debts: number;
  admission: 'admitted' | 'not_admitted' | null;
  supervisorGrade: number | null;
  reviewerGrade: number | null;
}

const PROFESSIONAL = new Set(['mdk', 'module', 'module_exam']);
const PRACTICE = new Set(['educational_practice', 'industrial_practice']);
const PROJECT_FORMS = new Set(['КП', 'КР']);
const NEGATIVE = new Set(['2', 'н/а', 'не зачтено', 'незач']);
const UNEXCUSED = 'н';
const EXCUSED = new Set(['б', 'уп']);
const RANK = { term: 0, exam: 1, final: 2 } as const;

const dayOf = (iso: string) => iso.slice(0, 10);
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** What is known of a student up to a date (inclusive): no later grade, exam or absence leaks in. */
export function giaFactsAsOf(r: GiaStudentRecord, asOf: string): GiaFacts {
  // The result of each assignment as it stood on the date: the final grade over the exam over the term grade.
  const results = new Map<string, GiaGradeRow>();
  for (const g of r.grades) {
    if (dayOf(g.setAt) > asOf) continue;
    const had = results.get(g.key);
    if (!had || RANK[g.kind] >= RANK[had.kind]) results.set(g.key, g);
  }
  const modules = new Map<string, number[]>();
  const practice: number[] = [];
  const projects: number[] = [];
  const add = (itemKind: string, moduleCode: string | null, points: number) => {
    if (PRACTICE.has(itemKind)) practice.push(points);
    else if (PROFESSIONAL.has(itemKind) && moduleCode) modules.set(moduleCode, [...(modules.get(moduleCode) ?? []), points]);
  };
  let debts = 0;
  for (const g of results.values()) {
    if (NEGATIVE.has(g.value)) debts++;
    const points = g.value === 'н/а' ? 2 : gradePoints(g.value);
    if (points === null) continue;
    if (g.form !== null && PROJECT_FORMS.has(g.form)) projects.push(points);
    else add(g.itemKind, g.moduleCode, points);
  }
  const interim = new Map<string, { itemKind: string; moduleCode: string | null; sum: number; n: number }>();
  for (const m of r.journal) {
    const points = gradePoints(m.value);
    if (points === null || m.date > asOf || results.has(m.key)) continue;
    const e = interim.get(m.key) ?? { itemKind: m.itemKind, moduleCode: m.moduleCode, sum: 0, n: 0 };
    interim.set(m.key, e);
    e.sum += points;
    e.n++;
  }
  for (const e of interim.values()) add(e.itemKind, e.moduleCode, e.sum / e.n);
  const exams = new Map<string, boolean>();
  for (const e of [...r.moduleExams].sort((a, b) => (a.date < b.date ? -1 : 1))) if (e.date <= asOf) exams.set(e.moduleCode, e.mastered);
  const mastered = [...exams.values()].filter(Boolean).length;
  let unexcusedHours = 0;
  let excusedHours = 0;
  for (const a of r.absences) {
    if (a.date > asOf) continue;
    if (a.value === UNEXCUSED) unexcusedHours += a.hours;
    else if (EXCUSED.has(a.value)) excusedHours += a.hours;
  }
  return {
    asOf,
    modules: [...modules.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, grades]) => ({ code, grades })),
    examsTaken: exams.size,
    examsMastered: mastered,
    examsPending: Math.max(0, r.modulesTotal - exams.size),
    notMastered: [...exams.entries()].filter(([, m]) => !m).map(([c]) => c),
    modulesTotal: r.modulesTotal,
    practice,
    projects,
    heldHours: r.lessons.filter((l) => l.date <= asOf).reduce((s, l) => s + l.hours, 0),
    unexcusedHours,
    excusedHours,
    debts,
    admission: r.admission,
    supervisorGrade: r.supervisorGrade ?? null,
    reviewerGrade: r.reviewerGrade ?? null,
  };
}

const allModuleGrades = (f: GiaFacts) => f.modules.flatMap((m) => m.grades);

/**
 * The model's vector, in the order of `features` (a model's own names: a model kept before a feature was
 * added reads what it was trained on); NaN where nothing is known yet (the model reads it as its mean row).
 */
export function giaVectorOf(f: GiaFacts, features: readonly string[] = GIA_FEATURES): number[] {
  const share = (h: number) => (f.heldHours > 0 ? Math.min(1, h / f.heldHours) : NaN);
  const value = (name: string): number => {
    switch (name as GiaFeature) {
      case 'pmAvg':
        return mean(allModuleGrades(f));
      case 'masteredShare':
        return f.examsTaken ? f.examsMastered / f.examsTaken : NaN;
      case 'practiceAvg':
        return mean(f.practice);
      case 'projectAvg':
        return mean(f.projects);
      case 'unexcusedShare':
        return share(f.unexcusedHours);
      case 'excusedShare':
        return share(f.excusedHours);
      case 'debts':
        return f.debts;
      case 'supervisorGrade':
        return f.supervisorGrade ?? NaN;
      case 'reviewerGrade':
        return f.reviewerGrade ?? NaN;
      default:
        return NaN;
    }
  };
  return features.map(value);
}

/** The features a model reads (its own names when it keeps them). */
const featuresOfModel = (model: ProbaModel): readonly string[] => (model as { features?: string[] }).features ?? GIA_FEATURES;

// ── The prior: a college with no graduates of its own yet ───────────────────────────────────

const normal = (next: () => number) => Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next());
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/**
 * Rows drawn from stated relations: one latent ability drives the module grades, the module exams, the
 * practice and the course projects; weaker students miss more lessons without a reason and carry more
 * debts. The demo exam is the tasks of the modules done in a day: it follows the module grades and the
 * module exams most, and hours missed without a reason (skills not practised) pull it down. The thesis
 * grows from the course projects and the practice and is defended before a commission: it follows the
 * module grades a little less, the project and practice more, and is less spread (few «2» among those
 * admitted). Some facts are missing on purpose (no module exam yet, no course project), as in October.
 */
export function giaPriorRows(kind: 'demo' | 'thesis', n = 2000, seed = 44): { x: number[][]; y: number[] } {
  const rng = seededRng(seed + (kind === 'demo' ? 0 : 1));
  const z = () => normal(rng.next);
  // The supervisor's and the reviewer's grades draw from their own stream: the rest of a row stays as it was.
  const reviews = seededRng(seed + 7);
  const zr = () => normal(reviews.next);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = z();
    const pm = clamp(3.8 + 0.6 * a + 0.3 * z(), 2, 5);
    const exams = rng.next() < 0.3 ? 0 : 1 + rng.int(4);
    let mastered = 0;
    for (let k = 0; k < exams; k++) if (rng.next() < 1 / (1 + Math.exp(-(2 + 1.8 * a)))) mastered++;
    const share = exams ? mastered / exams : NaN;
    const practice = rng.next() < 0.15 ? NaN : clamp(4.2 + 0.45 * a + 0.4 * z(), 3, 5);
    const project = rng.next() < 0.35 ? NaN : clamp(Math.round(3.9 + 0.6 * a + 0.5 * z()), 2, 5);
    const unexcused = clamp(0.06 - 0.045 * a + 0.04 * z(), 0, 0.6);
    const excused = clamp(Math.abs(0.04 * z()), 0, 0.4);
    const debts = Math.max(0, Math.round(0.3 - 0.7 * a + 0.5 * z()));
    const known = (v: number, centre: number) => (Number.isNaN(v) ? centre : v);
    if (kind === 'thesis') {
      // The work as the student's record shows it (`work`) and what only the thesis itself shows (`day`):
      // both reviews see some of the latter; the supervisor is lenient (never below «3»), the reviewer
      // is closer to the commission.
      const work =
        3.9 +
        0.6 * (pm - 3.8) +
        0.4 * (known(project, 3.9) - 3.9) +
        0.3 * (known(practice, 4.2) - 4.2) +
        0.4 * (known(share, 0.85) - 0.85) -
        2.5 * unexcused -
        0.15 * debts +
        0.3 * a;
      const day = 0.45 * z();
      // In October neither is written yet; the отзыв comes first, the рецензия after it.
      const supervisorGiven = reviews.next() >= 0.4;
      const reviewerGiven = supervisorGiven && reviews.next() >= 0.2;
      const supervisor = supervisorGiven ? clamp(Math.round(work + 0.3 + 0.5 * day + 0.3 * zr()), 3, 5) : NaN;
      const reviewer = reviewerGiven ? clamp(Math.round(work + 0.1 + 0.7 * day + 0.4 * zr()), 2, 5) : NaN;
      x.push([pm, share, practice, project, unexcused, excused, debts, supervisor, reviewer]);
      y.push(clamp(Math.round(work + day), 2, 5));
      continue;
    }
    // The demo exam (the thesis continued above).
    const latent =
      3.7 +
      0.9 * (pm - 3.8) +
      1.2 * (known(share, 0.85) - 0.85) +
      0.2 * (known(practice, 4.2) - 4.2) -
      4 * unexcused -
      0.2 * debts +
      0.35 * a +
      0.55 * z();
    x.push([pm, share, practice, project, unexcused, excused, debts]);
    y.push(clamp(Math.round(latent), 2, 5));
  }
  return { x, y };
}

const priors: Partial<Record<'demo' | 'thesis', OrdinalModel>> = {};

/** The built-in model of the demo exam grade (classes 2…5). */
export function giaPrior(kind: 'demo' | 'thesis'): OrdinalModel {
  let m = priors[kind];
  if (!m) {
    const { x, y } = giaPriorRows(kind);
    m = trainOrdinal(x, y, { classes: GIA_CLASSES, features: [...giaFeaturesOf(kind)], l2: 1 });
    priors[kind] = m;
  }
  return m;
}

/** Fewer graduates than this with a grade of a kind: the prior is kept. */
export const GIA_MIN_ROWS = 20;

/** The college's model: its graduates' rows, shrunk towards the prior (or the prior alone when too few). */
export function trainGia(kind: 'demo' | 'thesis', x: number[][], y: number[]): { model: OrdinalModel; source: 'history' | 'prior' } {
  const prior = giaPrior(kind);
  if (x.length < GIA_MIN_ROWS || new Set(y).size < 2) return { model: prior, source: 'prior' };
  return { model: trainOrdinal(x, y, { classes: GIA_CLASSES, features: [...giaFeaturesOf(kind)], prior, l2: 1 }), source: 'history' };
}

/** The naive forecast: the mean of the module results rounded (4 when there are none). */
export function giaNaive(f: GiaFacts): number {
  const m = mean(allModuleGrades(f));
  return Number.isNaN(m) ? 4 : clamp(Math.round(m), 2, 5);
}

// ── The demo exam's points ──────────────────────────────────────────────────────────────────

/** The points that earn a grade by the college's cut-offs (a boundary earns the higher grade): [from, to]. */
export function pointsBand(grade: number, cutoffs: GiaCutoffs, maxPoints = DEMO_EXAM_MAX_POINTS): { from: number; to: number } {
  const at = (pct: number) => Math.round(pct * maxPoints) / 100;
  const lower = [0, at(cutoffs[0]), at(cutoffs[1]), at(cutoffs[2])];
  const i = clamp(grade, 2, 5) - 2;
  return { from: lower[i], to: i === 3 ? maxPoints : Math.round((lower[i + 1] - 0.01) * 100) / 100 };
}

/** The points band of a run of grades: from the lowest one's floor to the highest one's top. */
export function pointsBandOf(from: number, to: number, cutoffs: GiaCutoffs, maxPoints = DEMO_EXAM_MAX_POINTS) {
  return { from: pointsBand(from, cutoffs, maxPoints).from, to: pointsBand(to, cutoffs, maxPoints).to };
}

// ── Reasons in plain Russian ────────────────────────────────────────────────────────────────

const EXAM_NOUN: PluralForms = ['модульный экзамен', 'модульных экзамена', 'модульных экзаменов'];
const DEBT_NOUN: PluralForms = ['задолженность', 'задолженности', 'задолженностей'];
const percentOf = (part: number, whole: number) => Math.round((100 * part) / whole);

export interface GiaReason {
  feature: GiaFeature;
  /** Its pull on the expected grade against the college's usual graduate: below zero lowers it. */
  effect: number;
  text: string;
}

function weakestModule(f: GiaFacts) {
  let weakest: { code: string; avg: number } | null = null;
  for (const m of f.modules) {
    const avg = mean(m.grades);
    if (!weakest || avg < weakest.avg) weakest = { code: m.code, avg };
  }
  return weakest;
}

function reasonText(feature: GiaFeature, f: GiaFacts, down: boolean): string | null {
  switch (feature) {
    case 'pmAvg': {
      const all = allModuleGrades(f);
      if (!all.length) return null;
      const weakest = weakestModule(f);
      if (down && weakest && f.modules.length > 1) return `средний балл по ${weakest.code} — ${decimalRu(weakest.avg, 1)}`;
      return `средний балл по профессиональным модулям — ${decimalRu(mean(all), 1)}`;
    }
    case 'masteredShare':
      return f.examsTaken ? `${countRu(f.examsMastered, EXAM_NOUN)} из ${f.examsTaken} — «освоен»` : null;
    case 'practiceAvg':
      return f.practice.length ? `средняя оценка за практику — ${decimalRu(mean(f.practice), 1)}` : null;
    case 'projectAvg':
      if (!f.projects.length) return null;
      return f.projects.length === 1
        ? `курсовой проект — ${f.projects[0]}`
        : `средняя оценка за курсовые проекты — ${decimalRu(mean(f.projects), 1)}`;
    case 'unexcusedShare':
      if (f.heldHours <= 0) return null;
      return f.unexcusedHours > 0
        ? `пропущено ${percentOf(f.unexcusedHours, f.heldHours)} % занятий без причины`
        : down
          ? null
          : 'нет пропусков без причины';
    case 'excusedShare':
      return f.heldHours > 0 && f.excusedHours > 0
        ? `пропущено ${percentOf(f.excusedHours, f.heldHours)} % занятий по уважительной причине`
        : null;
    case 'debts':
      return f.debts > 0 ? `${countRu(f.debts, DEBT_NOUN)}` : down ? null : 'задолженностей нет';
    case 'supervisorGrade':
      return f.supervisorGrade !== null ? `руководитель оценил работу на ${f.supervisorGrade}` : null;
    case 'reviewerGrade':
      return f.reviewerGrade !== null ? `рецензент оценил работу на ${f.reviewerGrade}` : null;
  }
}

/** The strongest pulls on the forecast, in plain Russian, strongest first (at most `max`); `features` name the contributions. */
export function giaReasonsOf(
  f: GiaFacts,
  contributions: readonly number[],
  max = 3,
  min = 0.03,
  features: readonly string[] = GIA_FEATURES,
): GiaReason[] {
  const out: GiaReason[] = [];
  const order = (features as readonly GiaFeature[])
    .map((feature, i) => ({ feature, effect: contributions[i] ?? 0 }))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  for (const { feature, effect } of order) {
    if (out.length >= max || Math.abs(effect) < min) break;
    const text = reasonText(feature, f, effect < 0);
    if (text) out.push({ feature, effect, text });
  }
  return out;
}

// ── What would change it ────────────────────────────────────────────────────────────────────

/** A step a student can take, and the facts after it. */
interface Step {
  text: string;
  apply: (f: GiaFacts) => GiaFacts;
}

function stepsFor(f: GiaFacts): Step[] {
  const steps: Step[] = [];
  if (f.debts > 0)
    steps.push({
      text: `ликвидировать ${f.debts === 1 ? 'задолженность' : `${countRu(f.debts, DEBT_NOUN)}`}`,
      apply: (g) => ({ ...g, debts: 0 }),
    });
  if (f.notMastered.length)
    steps.push({
      text: `пересдать модульный экзамен ${f.notMastered.join(', ')} на «освоен»`,
      apply: (g) => ({ ...g, examsMastered: g.examsTaken, notMastered: [] }),
    });
  if (f.examsPending > 0)
    steps.push({
      text:
        f.examsPending === 1 ? 'сдать оставшийся модульный экзамен на «освоен»' : `сдать ${countRu(f.examsPending, EXAM_NOUN)} на «освоен»`,
      apply: (g) => ({ ...g, examsTaken: g.examsTaken + g.examsPending, examsMastered: g.examsMastered + g.examsPending, examsPending: 0 }),
    });
  const weakest = weakestModule(f);
  if (weakest && weakest.avg < 4)
    steps.push({
      text: `подтянуть ${weakest.code} до «4»`,
      apply: (g) => ({
        ...g,
        modules: g.modules.map((m) => (m.code === weakest.code ? { ...m, grades: m.grades.map((x) => Math.max(x, 4)) } : m)),
      }),
    });
  // Hours missed so far stay missed: not missing more halves the share by the end of the year (about half remains).
  if (f.unexcusedHours > 0 && f.heldHours > 0)
    steps.push({
      text: 'не пропускать занятия без уважительной причины',
      apply: (g) => ({ ...g, heldHours: g.heldHours * 2 }),
    });
  return steps;
}

export interface GiaChange {
  step: string;
  likely: number;
  risk: number;
}

/** For the curator: each step alone and the likely grade it leads to. */
export function giaChangesFor(model: ProbaModel, f: GiaFacts): GiaChange[] {
  return stepsFor(f).map((s) => {
    const o = outlookOf(model.classes, model.predictProba(giaVectorOf(s.apply(f), featuresOfModel(model))));
    return { step: s.text, likely: Number(o.likely), risk: o.risk };
  });
}

export interface GiaAdvice {
  /** The grade aimed at: one above the likely one; null when the likely one is «5». */
  target: number | null;
  /** Steps in order that bring the forecast there (or as near as they can). */
  steps: string[];
  reaches: boolean;
}

/** For the student and the guardian: what is needed for a better grade, no probabilities. */
export function giaAdviceFor(model: ProbaModel, f: GiaFacts): GiaAdvice {
  const likely = (facts: GiaFacts) =>
    Number(outlookOf(model.classes, model.predictProba(giaVectorOf(facts, featuresOfModel(model)))).likely);
  const now = likely(f);
  const all = stepsFor(f);
  if (now >= 5)
    return { target: null, steps: all.length ? all.map((s) => s.text) : ['сохранить уровень оценок по модулям'], reaches: true };
  const steps: string[] = [];
  let facts = f;
  for (const s of all) {
    steps.push(s.text);
    facts = s.apply(facts);
    if (likely(facts) > now) return { target: now + 1, steps, reaches: true };
  }
  if (!steps.length) steps.push('получать «4» и «5» по профессиональным модулям и на практике');
  return { target: now + 1, steps, reaches: false };
}

/** The outlook of a ГИА grade for a student: probabilities 2…5, the likely grade and its ≥ 80 % run. */
export function giaOutlook(model: ProbaModel, f: GiaFacts): Outlook {
  return outlookOf(model.classes, model.predictProba(giaVectorOf(f, featuresOfModel(model))));
}
