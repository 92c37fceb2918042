// Performance maths of п. 2.8, 6.2 (DOMAIN.md): успеваемость, качество знаний, средний балл and
// СОУ (В. П. Симонов) over the attestation results of a set of students. A student is counted
// once, at the level of their weakest result: «5» — only fives (and «зачтено»), «4» — fours and
// fives, «3» — a three at worst, «2» — any «2» or «не зачтено», «н/а» — not certified in anything
// (н/а stays in N). «осв.» (exempt) is left out; a student with nothing else is out of N.

export type Level = '5' | '4' | '3' | '2' | 'н/а';

/** Weights of СОУ per level; the college may set its own (organization settings). */
export interface LearningDegreeCoefficients {
  '5': number;
  '4': number;
  '3': number;
  '2': number;
  'н/а': number;
}

export const DEFAULT_COEFFICIENTS: LearningDegreeCoefficients = { '5': 1, '4': 0.64, '3': 0.36, '2': 0.16, 'н/а': 0.08 };

/** The college's coefficients when every one is a number in [0, 1]; the defaults otherwise. */
export function coefficientsFrom(raw: unknown): LearningDegreeCoefficients {
  if (!raw || typeof raw !== 'object') return DEFAULT_COEFFICIENTS;
  const r = raw as Record<string, unknown>;
  const out = { ...DEFAULT_COEFFICIENTS };
  for (const k of Object.keys(DEFAULT_COEFFICIENTS) as Level[]) {
    const v = r[k];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return DEFAULT_COEFFICIENTS;
    out[k] = v;
  }
  return out;
}

/** A student's level over their results, or null when nothing counts (all exempt, or none). */
export function levelOf(values: readonly string[]): Level | null {
  const counted = values.filter((v) => v !== 'осв.');
  if (!counted.length) return null;
  if (counted.includes('2') || counted.includes('не зачтено')) return '2';
  if (counted.includes('н/а')) return counted.every((v) => v === 'н/а') ? 'н/а' : '2';
  if (counted.includes('3')) return '3';
  if (counted.includes('4')) return '4';
  return '5';
}

export interface Performance {
  /** N: students counted. */
  n: number;
  counts: Record<Level, number>;
  /** Успеваемость, %: (N5 + N4 + N3) × 100 / N. */
  passRate: number | null;
  /** Качество знаний, %: (N5 + N4) × 100 / N. */
  qualityRate: number | null;
  /** Средний балл over every numeric result. */
  average: number | null;
  /** СОУ, %. */
  learningDegree: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Performance of a set of students, each given by their results in scope. A student who is
 * partly uncertified (н/а beside grades) is a debtor and counts at level «2».
 */
export function performanceOf(students: readonly (readonly string[])[], k: LearningDegreeCoefficients = DEFAULT_COEFFICIENTS): Performance {
  const counts: Record<Level, number> = { '5': 0, '4': 0, '3': 0, '2': 0, 'н/а': 0 };
  let points = 0;
  let graded = 0;
  for (const values of students) {
    const level = levelOf(values);
    if (!level) continue;
    counts[level] += 1;
    const g = gradePoints(values);
    points += g.points;
    graded += g.graded;
  }
  return performanceOfCounts(counts, points, graded, k);
}

/** The sum and the number of a student's numeric results (what средний балл is made of). */
export function gradePoints(values: readonly string[]): { points: number; graded: number } {
  let points = 0;
  let graded = 0;
  for (const v of values) {
    if (v === '5' || v === '4' || v === '3' || v === '2') {
      points += Number(v);
      graded += 1;
    }
  }
  return { points, graded };
}

/**
 * Performance from students counted by level and the sum and number of their numeric results:
 * the one formula, whether the students are at hand or only their kept counts (region figures).
 */
export function performanceOfCounts(
  counts: Readonly<Record<Level, number>>,
  points: number,
  graded: number,
  k: LearningDegreeCoefficients = DEFAULT_COEFFICIENTS,
): Performance {
  const n = counts['5'] + counts['4'] + counts['3'] + counts['2'] + counts['н/а'];
  const average = graded ? Math.round((points / graded) * 100) / 100 : null;
  if (!n) return { n, counts: { ...counts }, passRate: null, qualityRate: null, average, learningDegree: null };
  const sou = k['5'] * counts['5'] + k['4'] * counts['4'] + k['3'] * counts['3'] + k['2'] * counts['2'] + k['н/а'] * counts['н/а'];
  return {
    n,
    counts: { ...counts },
    passRate: round1(((counts['5'] + counts['4'] + counts['3']) * 100) / n),
    qualityRate: round1(((counts['5'] + counts['4']) * 100) / n),
    average,
    learningDegree: round1((sou * 100) / n),
  };
}

/** Whether a result leaves a debt (academic debt to be retaken): «2», «не зачтено», «н/а». */
export const isDebt = (v: string) => v === '2' || v === 'не зачтено' || v === 'н/а';

/**
 * The result of an assignment that counts: the final grade if set, else the exam, else the term
 * grade (п. 4.1).
 */
export function resultOf(grades: Partial<Record<'term' | 'exam' | 'final', string>>): string | undefined {
  return grades.final ?? grades.exam ?? grades.term;
}

/** The Monday of a date's week (ISO date strings). */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}
