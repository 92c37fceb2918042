import { isPassFailForm, type AttestationForm } from './curriculum.js';
import { averages, WORK_TYPE_TITLES, type WorkType } from './marks.js';

// Term, exam and final grades and the objectivity check before them (п. 2.2, 4.1–4.2).

export const TERM_GRADE_KINDS = ['term', 'exam', 'final'] as const;
export type TermGradeKind = (typeof TERM_GRADE_KINDS)[number];

export const TERM_GRADE_KIND_TITLES: Record<TermGradeKind, string> = {
  term: 'Семестровая',
  exam: 'Экзамен',
  final: 'Итоговая',
};

/** н/а — не аттестован (stays in N); осв. — освобождён (left out of N). */
export const ATTESTATION_VALUES = ['5', '4', '3', '2', 'зачтено', 'не зачтено', 'н/а', 'осв.'] as const;
export type AttestationValue = (typeof ATTESTATION_VALUES)[number];

export const FIVE_POINT_VALUES: readonly AttestationValue[] = ['5', '4', '3', '2', 'н/а', 'осв.'];
export const PASS_FAIL_VALUES: readonly AttestationValue[] = ['зачтено', 'не зачтено', 'н/а', 'осв.'];

export const isAttestationValue = (v: string): v is AttestationValue => (ATTESTATION_VALUES as readonly string[]).includes(v);

/** The values a grade of a kind may take under the term's attestation form (null: none set). */
export function allowedValues(form: AttestationForm | null): readonly AttestationValue[] {
  if (isPassFailForm(form)) return PASS_FAIL_VALUES;
  return FIVE_POINT_VALUES;
}

/**
 * The kinds of grade kept for a subject in a term: an exam only where the form is one, the final
 * grade only in the subject's last term of the curriculum (unknown: offered).
 */
export function kindsFor(form: AttestationForm | null, lastTerm = true): TermGradeKind[] {
  const kinds: TermGradeKind[] = ['term'];
  if (form === 'Э' || form === 'Эк' || form === 'ДЭ') kinds.push('exam');
  if (lastTerm) kinds.push('final');
  return kinds;
}

/** The objectivity rule of п. 4.2, configurable per organization (`settings.objectivity`). */
export interface ObjectivityRule {
  /** Grades needed at the base load. */
  baseGrades: number;
  /** The base weekly load, academic hours. */
  baseHoursPerWeek: number;
  /** One more grade (extraGrades) per this many further hours a week. */
  extraHoursStep: number;
  extraGrades: number;
  /** Work types that must be graded when they were held or planned. */
  requiredWorkTypes: WorkType[];
}

export const DEFAULT_OBJECTIVITY: ObjectivityRule = {
  baseGrades: 2,
  baseHoursPerWeek: 2,
  extraHoursStep: 2,
  extraGrades: 1,
  requiredWorkTypes: ['control', 'laboratory', 'practical'],
};

/** The organization's rule from its settings JSON; invalid or absent fields keep the defaults. */
export function objectivityRuleFrom(settingsJson: string | null | undefined): ObjectivityRule {
  let raw: unknown;
  try {
    raw = settingsJson ? (JSON.parse(settingsJson) as { objectivity?: unknown }).objectivity : undefined;
  } catch {
    raw = undefined;
  }
  const r = { ...DEFAULT_OBJECTIVITY };
  if (!raw || typeof raw !== 'object') return r;
  const o = raw as Record<string, unknown>;
  const pos = (v: unknown, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : undefined);
  r.baseGrades = pos(o.baseGrades, 0) ?? r.baseGrades;
  r.baseHoursPerWeek = pos(o.baseHoursPerWeek, 0) ?? r.baseHoursPerWeek;
  r.extraHoursStep = pos(o.extraHoursStep, 0.5) ?? r.extraHoursStep;
  r.extraGrades = pos(o.extraGrades, 0) ?? r.extraGrades;
  if (Array.isArray(o.requiredWorkTypes)) {
    r.requiredWorkTypes = o.requiredWorkTypes.filter((t): t is WorkType => typeof t === 'string' && t in WORK_TYPE_TITLES);
  }
  return r;
}

/** Weekly load of an assignment: its hours over the weeks of its term, rounded to whole hours. */
export function hoursPerWeek(hours: number, termStart: string, termEnd: string): number {
  const days = (Date.parse(`${termEnd}T00:00:00Z`) - Date.parse(`${termStart}T00:00:00Z`)) / 86_400_000 + 1;
  const weeks = Math.max(1, Math.ceil(days / 7));
  return Math.round(hours / weeks);
}

/** п. 4.2: at least 2 grades at 2 hours a week, and one more for each further 2 hours a week. */
export function requiredGradeCount(weeklyHours: number, rule: ObjectivityRule = DEFAULT_OBJECTIVITY): number {
  const further = Math.max(0, weeklyHours - rule.baseHoursPerWeek);
  return rule.baseGrades + Math.floor(further / rule.extraHoursStep) * rule.extraGrades;
}

/** Lesson types of the КТП that are graded works, and the work type their grades carry. */
const PLANNED_WORKS: Record<string, WorkType> = { control: 'control', laboratory: 'laboratory', practical: 'practical' };

/**
 * The works of the КТП reached so far: plan items are laid over the held lessons in order by
 * hours, so the item that starts within a lesson's hours was due at that lesson.
 */
export function plannedWorks(
  items: readonly { hours: number; lessonType: string; topic: string }[],
  held: readonly { id: number; date: string; hours: number }[],
  requiredTypes: readonly WorkType[],
): RequiredWork[] {
  const out: RequiredWork[] = [];
  let offset = 0;
  let li = 0;
  let lessonEnd = held[0]?.hours ?? 0;
  for (const item of items) {
    const start = offset;
    offset += item.hours;
    while (li < held.length && start >= lessonEnd) {
      li++;
      lessonEnd += held[li]?.hours ?? 0;
    }
    if (li >= held.length) break;
    const workType = PLANNED_WORKS[item.lessonType];
    if (workType && requiredTypes.includes(workType)) out.push({ lessonId: held[li].id, date: held[li].date, workType, topic: item.topic });
  }
  return out;
}

/** A work that must be graded: held at a lesson (or planned in the КТП). */
export interface RequiredWork {
  lessonId: number | null;
  date: string | null;
  workType: WorkType;
  topic?: string | null;
}

export interface StudentGrade {
  lessonId: number;
  date: string;
  value: string;
  workType: string | null;
  weight: number;
}

export type MissingItem =
  | { kind: 'count'; need: number; have: number; text: string }
  | { kind: 'work'; workType: WorkType; date: string | null; lessonId: number | null; text: string };

const ruDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** «не менее N оценок» takes the genitive: «оценки» only after 1. */
const gradesWord = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'оценки' : 'оценок');

/**
 * What a student lacks for an objective term grade (п. 4.2): the number of grades the load
 * requires, and a grade for each required work. A work missed at its lesson counts as done
 * when the student has a grade of the same type at a later lesson (a make-up).
 */
export function checkObjectivity(grades: readonly StudentGrade[], need: number, works: readonly RequiredWork[]): MissingItem[] {
  const missing: MissingItem[] = [];
  const counted = grades.filter((g) => g.value !== '');
  if (counted.length < need) {
    missing.push({
      kind: 'count',
      need,
      have: counted.length,
      text: `Нужно не менее ${need} ${gradesWord(need)}, выставлено ${counted.length}`,
    });
  }
  const used = new Set<number>();
  const unmatched: RequiredWork[] = [];
  const sorted = [...works].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  for (const w of sorted) {
    const i = counted.findIndex(
      (g, idx) => !used.has(idx) && g.workType === w.workType && w.lessonId !== null && g.lessonId === w.lessonId,
    );
    if (i >= 0) used.add(i);
    else unmatched.push(w);
  }
  for (const w of unmatched) {
    const i = counted.findIndex((g, idx) => !used.has(idx) && g.workType === w.workType && (w.date === null || g.date >= w.date));
    if (i >= 0) {
      used.add(i);
      continue;
    }
    const title = WORK_TYPE_TITLES[w.workType];
    missing.push({
      kind: 'work',
      workType: w.workType,
      date: w.date,
      lessonId: w.lessonId,
      text: w.date ? `${title} от ${ruDate(w.date)} не оценена` : `${title} по КТП не оценена`,
    });
  }
  return missing;
}

/** The term grade the weighted average suggests (5-point or pass/fail); null without grades. */
export function suggestTermGrade(grades: readonly { value: string; weight?: number | null }[], passFail = false): AttestationValue | null {
  const { weighted } = averages(grades);
  if (weighted === null) return null;
  if (passFail) return weighted >= 3 ? 'зачтено' : 'не зачтено';
  if (weighted >= 4.5) return '5';
  if (weighted >= 3.5) return '4';
  if (weighted >= 2.5) return '3';
  return '2';
}

/** Values that pass the objectivity check without grades: the student is not certified or exempt. */
export const skipsObjectivity = (v: string) => v === 'н/а' || v === 'осв.';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Успеваемость, качество знаний and the average of a set of grades (DOMAIN.md): н/а stays in N,
 * осв. is left out of it.
 */
export function rates(values: readonly string[]) {
  const counted = values.filter((v) => v !== 'осв.');
  const n = counted.length;
  if (!n) return { counted: 0, passRate: null, qualityRate: null, average: null };
  const pass = counted.filter((v) => v === '5' || v === '4' || v === '3' || v === 'зачтено').length;
  const quality = counted.filter((v) => v === '5' || v === '4').length;
  const points = counted.filter((v) => /^[2-5]$/.test(v)).map(Number);
  return {
    counted: n,
    passRate: round1((pass * 100) / n),
    qualityRate: round1((quality * 100) / n),
    average: points.length ? Math.round((points.reduce((s, x) => s + x, 0) / points.length) * 100) / 100 : null,
  };
}
