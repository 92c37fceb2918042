import { z } from 'zod';

// The end-of-term check (issue 12 item 4, п. 5.3, 5.4): programme fulfilment, works, objectivity
// and absences per assignment, the report to the director and each person's acknowledgement.

export const TermCheckQuery = z.object({ termId: z.coerce.number().int().positive().optional() });
export const MakeTermCheckBody = z.object({ termId: z.number().int().positive() });

/**
 * Works of a kind: lines of the КТП the assignment follows for this term (null without one; for a
 * subject of several terms, the lines within this term's curriculum hours), lessons held, held and graded.
 */
const Works = z.object({ planned: z.number().nullable(), held: z.number(), graded: z.number() });
/** The fewest grades a student should have in a subject over a term (накопляемость). */
export const MIN_TERM_GRADES = 3;
/** The rule in words, for headings and findings: «меньше трёх оценок». */
export const FEW_GRADES_RU = 'меньше трёх оценок';
/**
 * Накопляемость: grades per student over the term, with the students (in the list at the term's
 * end) who have fewer than MIN_TERM_GRADES. Null in a check made before it was counted.
 */
export const TermAccumulation = z.object({
  students: z.number(),
  grades: z.number(),
  few: z.array(z.object({ studentId: z.number(), name: z.string(), grades: z.number() })),
});
export type TermAccumulation = z.infer<typeof TermAccumulation>;

export const TermCheckRow = z.object({
  assignmentId: z.number(),
  groupId: z.number(),
  groupName: z.string(),
  subgroupName: z.string().nullable(),
  code: z.string(),
  subjectName: z.string(),
  teacherPersonId: z.number(),
  teacherName: z.string(),
  curatorPersonId: z.number().nullable(),
  /** Classroom hours of the curriculum for the term, null when the curriculum has none. */
  curriculumHours: z.number().nullable(),
  /** Hours of the lessons the timetable put in the journal (not cancelled). */
  timetableHours: z.number(),
  /** Hours of the lessons recorded. */
  deliveredHours: z.number(),
  /**
   * Hours of the timetable's lessons held by the day the check was made (of a term not over: those
   * before that day, and that day's recorded ones); absent from checks made before it was counted.
   */
  dueHours: z.number().optional(),
  works: z.object({ control: Works, laboratory: Works, practical: Works }),
  termGrades: z.number(),
  /** Term grades a whole point or more from the student's current average. */
  farFromAverage: z.number(),
  /** Term grades set against the п. 4.2 check, with a reason. */
  overrides: z.number(),
  absenceHours: z.number(),
  accumulation: TermAccumulation.nullable(),
  findings: z.array(z.string()),
});
export type TermCheckRow = z.infer<typeof TermCheckRow>;

export const TermCheckPart = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  role: z.enum(['teacher', 'curator']),
  acknowledgedAt: z.string().nullable(),
});
export type TermCheckPart = z.infer<typeof TermCheckPart>;

export const TermCheckItem = z.object({
  id: z.number(),
  termId: z.number(),
  title: z.string(),
  /** Who made it; null when the scheduled job made it the day after the term ended (madeByJob). */
  madeBy: z.string().nullable(),
  madeByJob: z.string().nullable(),
  createdAt: z.string(),
  parts: z.number(),
  acknowledged: z.number(),
});
export const TermCheckList = z.object({ items: z.array(TermCheckItem) });
export type TermCheckList = z.infer<typeof TermCheckList>;

export const TermCheckTotals = z.object({
  curriculumHours: z.number(),
  timetableHours: z.number(),
  deliveredHours: z.number(),
  dueHours: z.number().optional(),
  farFromAverage: z.number(),
  overrides: z.number(),
  absenceHours: z.number(),
});
export const TermCheck = TermCheckItem.extend({
  organizationName: z.string(),
  termLabel: z.string(),
  rows: z.array(TermCheckRow),
  totals: TermCheckTotals,
  findings: z.array(z.string()),
  partsList: z.array(TermCheckPart),
});
export type TermCheck = z.infer<typeof TermCheck>;

/** A teacher's or curator's part of a check: the rows of their assignments or their group. */
export const MyTermCheckPart = z.object({
  partId: z.number(),
  checkId: z.number(),
  title: z.string(),
  role: z.enum(['teacher', 'curator']),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  canAcknowledge: z.boolean(),
  rows: z.array(TermCheckRow),
});
export type MyTermCheckPart = z.infer<typeof MyTermCheckPart>;
export const MyTermCheckParts = z.object({ items: z.array(MyTermCheckPart) });
export type MyTermCheckParts = z.infer<typeof MyTermCheckParts>;
