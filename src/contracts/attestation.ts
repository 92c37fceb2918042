import { z } from 'zod';
import { ATTESTATION_VALUES, TERM_GRADE_KINDS } from '../domain/attestation.js';
import { ATTESTATION_FORMS } from '../domain/curriculum.js';
import { WORK_TYPES } from '../domain/marks.js';

export const TermGradeKind = z.enum(TERM_GRADE_KINDS);
export const AttestationValue = z.enum(ATTESTATION_VALUES);

/** One thing the objectivity check of п. 4.2 found missing. */
export const MissingItem = z.union([
  z.object({ kind: z.literal('count'), need: z.number(), have: z.number(), text: z.string() }),
  z.object({
    kind: z.literal('work'),
    workType: z.enum(WORK_TYPES),
    date: z.string().nullable(),
    lessonId: z.number().nullable(),
    text: z.string(),
  }),
]);
export type MissingItem = z.infer<typeof MissingItem>;

export const TermGradeCell = z.object({
  id: z.number(),
  value: AttestationValue,
  version: z.number(),
  overrideReason: z.string().nullable(),
  missing: z.array(MissingItem),
  setBy: z.string(),
  setAt: z.string(),
});
export type TermGradeCell = z.infer<typeof TermGradeCell>;

export const SheetStudent = z.object({
  studentId: z.number(),
  fullName: z.string(),
  shortName: z.string(),
  /** Left the group before the term ended: shown, but not counted in the rates. */
  leftOn: z.string().nullable(),
  gradeCount: z.number(),
  average: z.number().nullable(),
  weightedAverage: z.number().nullable(),
  absentHours: z.number(),
  suggestion: AttestationValue.nullable(),
  missing: z.array(MissingItem),
  grades: z.object({ term: TermGradeCell.nullable(), exam: TermGradeCell.nullable(), final: TermGradeCell.nullable() }),
});
export type SheetStudent = z.infer<typeof SheetStudent>;

export const SheetAssignment = z.object({
  id: z.number(),
  groupId: z.number(),
  groupName: z.string(),
  subgroupName: z.string().nullable(),
  subjectCode: z.string(),
  subjectName: z.string(),
  teacherName: z.string(),
  termId: z.number(),
  termNumber: z.number(),
  yearName: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  hours: z.number(),
  hoursPerWeek: z.number(),
  requiredGrades: z.number(),
  form: z.enum(ATTESTATION_FORMS).nullable(),
  formTitle: z.string().nullable(),
});

export const RateSummary = z.object({
  counted: z.number(),
  passRate: z.number().nullable(),
  qualityRate: z.number().nullable(),
  average: z.number().nullable(),
});

export const GradeSheet = z.object({
  assignment: SheetAssignment,
  /** The kinds kept for this subject and term, in column order. */
  kinds: z.array(TermGradeKind),
  allowed: z.object({ term: z.array(AttestationValue), exam: z.array(AttestationValue), final: z.array(AttestationValue) }),
  students: z.array(SheetStudent),
  summary: z.object({ set: z.number(), total: z.number(), failingCheck: z.number(), overrides: z.number(), term: RateSummary }),
  canWrite: z.boolean(),
});
export type GradeSheet = z.infer<typeof GradeSheet>;

export const GradeParams = z.object({
  id: z.coerce.number().int().positive(),
  studentId: z.coerce.number().int().positive(),
  kind: TermGradeKind,
});

export const SetTermGradeBody = z.object({
  /** null removes the grade. */
  value: AttestationValue.nullable(),
  /** The version the teacher saw (null: there was no grade). */
  version: z.number().int().positive().nullable(),
  /** Why: required to set a term grade the objectivity check holds back. */
  reason: z.string().trim().max(500).optional(),
});
export type SetTermGradeBody = z.infer<typeof SetTermGradeBody>;

export const SetTermGradeResult = z.object({ grade: TermGradeCell.nullable(), message: z.string() });
export type SetTermGradeResult = z.infer<typeof SetTermGradeResult>;

export const TermOption = z.object({ id: z.number(), label: z.string(), startDate: z.string(), endDate: z.string() });

export const AssignmentsQuery = z.object({ termId: z.coerce.number().int().positive().optional() });
export const AttestationAssignment = z.object({
  id: z.number(),
  groupName: z.string(),
  subgroupName: z.string().nullable(),
  subjectCode: z.string(),
  subjectName: z.string(),
  teacherName: z.string(),
  students: z.number(),
  set: z.number(),
  overrides: z.number(),
});
export const AttestationAssignments = z.object({
  termId: z.number().nullable(),
  terms: z.array(TermOption),
  items: z.array(AttestationAssignment),
});
export type AttestationAssignments = z.infer<typeof AttestationAssignments>;

export const OverridesQuery = z.object({ termId: z.coerce.number().int().positive().optional() });
export const OverrideEntry = z.object({
  id: z.number(),
  at: z.string(),
  assignmentId: z.number(),
  groupName: z.string(),
  subjectName: z.string(),
  studentName: z.string(),
  kind: TermGradeKind,
  value: z.string(),
  reason: z.string(),
  missing: z.array(MissingItem),
  setBy: z.string(),
  /** Whether that grade still stands (it may have been changed since). */
  current: z.boolean(),
});
export const Overrides = z.object({ termId: z.number().nullable(), terms: z.array(TermOption), items: z.array(OverrideEntry) });
export type Overrides = z.infer<typeof Overrides>;
