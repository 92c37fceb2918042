import { Random } from './random.js';

// What makes the demo's grades behave like a college's (issue 16 item 6): each student has an
// ability and a habit of missing lessons, each student × subject a drift over the term; marks are
// drawn around the level of the day, absences are likelier for the weaker, a required work missed
// stays without a mark, and the term grade follows the marks and the level at the term's end, lowered
// by missing works and unexcused absences — so the forecast has real relations to learn, and the
// rounded average alone is not the whole story. Traits come from the ids (not the demo's shared
// random stream), so the journal and the archive steps see the same student.

const normal = (r: Random) => {
  const u = Math.max(r.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
};

export interface Traits {
  ability: number;
  /** The chance to be absent from a lesson. */
  absence: number;
  /** The chance to leave a required work (контрольная, лабораторная, практическая) unsubmitted when present. */
  skipsWork: number;
}

const traits = new Map<number, Traits>();

export function traitsOf(studentId: number): Traits {
  let t = traits.get(studentId);
  if (!t) {
    const r = new Random(studentId * 2654435761 + 17);
    const ability = normal(r);
    const lazy = 1 / (1 + Math.exp(1.3 * ability - 0.6 * normal(r) + 1.2));
    t = { ability, absence: 0.015 + 0.16 * lazy, skipsWork: 0.02 + 0.3 * lazy };
    traits.set(studentId, t);
  }
  return t;
}

/** A student's drift in a subject over a term, in grade points from its start to its end. */
export function driftOf(studentId: number, subjectKey: number): number {
  const r = new Random(studentId * 40503 + subjectKey * 9973 + 5);
  return 0.7 * normal(r);
}

/** The level (2…5, continuous) of a student in a subject at a point of the term (0 start … 1 end). */
export const levelAt = (studentId: number, subjectKey: number, progress: number) =>
  3.85 + 0.7 * traitsOf(studentId).ability + driftOf(studentId, subjectKey) * (progress - 0.5);

/** A mark around a level. */
export function drawMark(rnd: Random, level: number): string {
  const v = Math.round(level + 0.75 * normal(rnd));
  return String(Math.min(5, Math.max(2, v)));
}

/** The term grade the teacher gives: the marks and the end level, lowered by missing works and unexcused hours. */
export function demoTermGrade(rnd: Random, g: { average: number; endLevel: number; missingShare: number; unexcusedHours: number }): string {
  const x = 0.55 * g.average + 0.45 * g.endLevel - 1.6 * g.missingShare - 0.05 * g.unexcusedHours + 0.3 * normal(rnd);
  return String(Math.min(5, Math.max(2, Math.round(x))));
}
