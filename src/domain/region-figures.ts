import { performanceOfCounts, type Level } from './performance.js';

// The kept figures of the regional reports (issue 15 item 3, decision 041): counts per college ×
// group × period that add up, so a college, a course or the region is a sum of rows and its rates
// are worked out by the one formula of performance.ts. Never a person: a group below
// MIN_GROUP_SIZE students is not shown apart.

/** A group smaller than this is shown only within «прочие группы» (never apart). */
export const MIN_GROUP_SIZE = 5;

export interface Figures {
  /** Groups counted (1 for a group's own row). */
  groups: number;
  /** Students in the groups at the end of the period. */
  students: number;
  /** Students with results counted by level (N of the performance report). */
  counts: Record<Level, number>;
  /** Sum and number of numeric results: средний балл. */
  points: number;
  graded: number;
  /** Absences, academic hours. */
  excused: number;
  unexcused: number;
  /** Lessons held up to the computation, and of them recorded on the lesson's day. */
  lessons: number;
  lessonsOnTime: number;
  /** Guardians of the students, and of them who logged in during the period. */
  guardians: number;
  guardiansActive: number;
}

export const emptyFigures = (): Figures => ({
  groups: 0,
  students: 0,
  counts: { '5': 0, '4': 0, '3': 0, '2': 0, 'н/а': 0 },
  points: 0,
  graded: 0,
  excused: 0,
  unexcused: 0,
  lessons: 0,
  lessonsOnTime: 0,
  guardians: 0,
  guardiansActive: 0,
});

/** The sum of figures (a college from its groups, the region from its colleges). */
export function sumFigures(list: readonly Figures[]): Figures {
  const out = emptyFigures();
  for (const f of list) {
    out.groups += f.groups;
    out.students += f.students;
    for (const l of Object.keys(out.counts) as Level[]) out.counts[l] += f.counts[l];
    out.points += f.points;
    out.graded += f.graded;
    out.excused += f.excused;
    out.unexcused += f.unexcused;
    out.lessons += f.lessons;
    out.lessonsOnTime += f.lessonsOnTime;
    out.guardians += f.guardians;
    out.guardiansActive += f.guardiansActive;
  }
  return out;
}

const pct = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

export interface Rates {
  groups: number;
  students: number;
  /** N: students with results. */
  attested: number;
  /** Students with no debt («2», «не зачтено», «н/а»). */
  noDebts: number;
  /** With «4» and «5» only. */
  goodAndExcellent: number;
  passRate: number | null;
  qualityRate: number | null;
  average: number | null;
  excused: number;
  unexcused: number;
  /** Absence hours per student. */
  absencePerStudent: number | null;
  lessons: number;
  lessonsOnTime: number;
  /** Share of lessons recorded on their day, %. */
  fillRate: number | null;
  guardians: number;
  guardiansActive: number;
  /** Share of guardians who logged in during the period, %. */
  guardianRate: number | null;
}

/** The figures as the reports show them: counts and the rates of performance.ts. */
export function ratesOf(f: Figures): Rates {
  const p = performanceOfCounts(f.counts, f.points, f.graded);
  return {
    groups: f.groups,
    students: f.students,
    attested: p.n,
    noDebts: f.counts['5'] + f.counts['4'] + f.counts['3'],
    goodAndExcellent: f.counts['5'] + f.counts['4'],
    passRate: p.passRate,
    qualityRate: p.qualityRate,
    average: p.average,
    excused: f.excused,
    unexcused: f.unexcused,
    absencePerStudent: f.students ? Math.round(((f.excused + f.unexcused) * 10) / f.students) / 10 : null,
    lessons: f.lessons,
    lessonsOnTime: f.lessonsOnTime,
    fillRate: pct(f.lessonsOnTime, f.lessons),
    guardians: f.guardians,
    guardiansActive: f.guardiansActive,
    guardianRate: pct(f.guardiansActive, f.guardians),
  };
}

export interface Named<K> {
  key: K;
  name: string;
  figures: Figures;
}

/**
 * Rows that may be shown apart: groups of MIN_GROUP_SIZE students or more, by themselves; the
 * smaller ones summed into one row «Прочие группы». So that no small group can be worked out as
 * the total less the rows shown, the merged row takes the smallest of the other groups too until it
 * holds two groups or more and MIN_GROUP_SIZE students or more.
 */
export function mergeSmallGroups<K>(rows: readonly Named<K>[], othersKey: K): Named<K>[] {
  const big = rows.filter((r) => r.figures.students >= MIN_GROUP_SIZE);
  const small = rows.filter((r) => r.figures.students < MIN_GROUP_SIZE);
  if (!small.length) return [...big];
  const rest = [...big].sort((a, b) => a.figures.students - b.figures.students);
  const folded = new Set<Named<K>>();
  const enough = () => {
    const f = sumFigures(small.map((r) => r.figures).concat([...folded].map((r) => r.figures)));
    return small.length + folded.size >= 2 && f.students >= MIN_GROUP_SIZE;
  };
  while (!enough() && rest.length) folded.add(rest.shift()!);
  const merged = sumFigures([...small, ...folded].map((r) => r.figures));
  return [...big.filter((r) => !folded.has(r)), { key: othersKey, name: 'Прочие группы', figures: merged }];
}
