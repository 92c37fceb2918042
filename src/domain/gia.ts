// State final attestation (ГИА) and module exams (Эк): the demo exam's points converted to a grade
// by the college's cut-offs, and what makes a record of a thesis defence or a module exam whole.

export const DEMO_EXAM_MAX_POINTS = 100;
/** «балл» after a number (countRu). */
export const POINTS_NOUN = ['балл', 'балла', 'баллов'] as const;
export const DEMO_EXAM_LEVELS = ['base', 'profile'] as const;
export type DemoExamLevel = (typeof DEMO_EXAM_LEVELS)[number];
export const DEMO_EXAM_LEVEL_TITLES: Record<DemoExamLevel, string> = { base: 'базовый', profile: 'профильный' };

export const GIA_GRADES = ['5', '4', '3', '2'] as const;
export type GiaGrade = (typeof GIA_GRADES)[number];

export const THESIS_ADMISSIONS = ['admitted', 'not_admitted'] as const;
export type ThesisAdmission = (typeof THESIS_ADMISSIONS)[number];
export const THESIS_ADMISSION_TITLES: Record<ThesisAdmission, string> = { admitted: 'допущен', not_admitted: 'не допущен' };

/** Shares of the maximum, in per cent, at which a demo exam earns 3, 4 and 5 (a college setting). */
export type GiaCutoffs = readonly [three: number, four: number, five: number];
export const DEFAULT_GIA_CUTOFFS: GiaCutoffs = [20, 40, 70];

/** Why cut-offs cannot be used, or null: each 1–100 per cent, strictly rising. */
export function cutoffsProblem(c: readonly number[]): string | null {
  if (c.length !== 3) return 'Укажите три порога: для оценок «3», «4» и «5».';
  if (c.some((x) => !Number.isFinite(x) || x <= 0 || x > 100)) return 'Порог — доля от максимума в процентах, больше 0 и не больше 100.';
  if (!(c[0] < c[1] && c[1] < c[2])) return 'Пороги должны возрастать: «3» < «4» < «5».';
  return null;
}

/**
 * The grade of a demo exam: «5» from `five` per cent of the maximum, «4» from `four`, «3» from
 * `three`, «2» below. A boundary earns the higher grade (20 of 100 at 20 % is «3»). Points are
 * compared in hundredths, so 19,99 stays below 20 whatever the floating point says.
 */
export function demoExamGrade(points: number, maxPoints: number, cutoffs: GiaCutoffs = DEFAULT_GIA_CUTOFFS): GiaGrade {
  const p = Math.round(points * 100);
  const reaches = (pct: number) => p * 100 >= Math.round(pct * 100) * maxPoints;
  if (reaches(cutoffs[2])) return '5';
  if (reaches(cutoffs[1])) return '4';
  if (reaches(cutoffs[0])) return '3';
  return '2';
}

/** Points with at most two decimals (the demo exam's points are kept in hundredths). */
export const hasTwoDecimals = (x: number) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6;

export interface DemoExamModule {
  name: string;
  max: number;
  points: number;
}

/** A problem of a demo exam's module breakdown by field (`modules.1.points`), or none. */
export function modulesProblems(modules: readonly DemoExamModule[], points: number): Record<string, string> {
  const out: Record<string, string> = {};
  let max = 0;
  let sum = 0;
  modules.forEach((m, i) => {
    if (m.points > m.max) out[`modules.${i}.points`] = `Баллов за модуль «${m.name}» больше максимума (${m.max}).`;
    max += Math.round(m.max * 100);
    sum += Math.round(m.points * 100);
  });
  if (modules.length && max !== DEMO_EXAM_MAX_POINTS * 100)
    out.modules = `Сумма максимумов модулей должна быть ${DEMO_EXAM_MAX_POINTS}, а сейчас ${max / 100}.`;
  else if (modules.length && sum !== Math.round(points * 100))
    out.points = `Сумма баллов по модулям (${sum / 100}) не совпадает с баллами за экзамен (${points}).`;
  return out;
}

/** A thesis record's contradictions by field, or none: a grade needs the admission and the defence date. */
export function thesisProblems(t: { admission: ThesisAdmission | null; defenseDate: string | null; grade: GiaGrade | null }) {
  const out: Record<string, string> = {};
  if (t.grade !== null && t.admission !== 'admitted') out.grade = 'Оценку за защиту ставят только допущенному к защите.';
  if (t.grade !== null && t.defenseDate === null) out.defenseDate = 'Укажите дату защиты.';
  if (t.admission === 'not_admitted' && t.defenseDate !== null) out.defenseDate = 'Не допущенный к защите не защищается: уберите дату.';
  return out;
}

/** A module exam: «освоен» goes with a positive grade, «не освоен» with «2». */
export function moduleExamProblem(mastered: boolean, grade: GiaGrade): string | null {
  if (mastered && grade === '2') return 'При оценке «2» вид профессиональной деятельности не освоен.';
  if (!mastered && grade !== '2') return 'Вид деятельности «не освоен» ставят с оценкой «2».';
  return null;
}

export const masteredTitle = (mastered: boolean) => (mastered ? 'освоен' : 'не освоен');
