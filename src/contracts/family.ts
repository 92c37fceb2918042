import { z } from 'zod';
import { ATTESTATION_VALUES } from '../domain/attestation.js';
import { IsoDate } from './common.js';

// What a student sees of themself and a guardian of each linked child (п. 2.3, 2.6).

export const Child = z.object({
  studentId: z.number(),
  fullName: z.string(),
  firstName: z.string(),
  groupName: z.string().nullable(),
  course: z.number().nullable(),
  programName: z.string().nullable(),
});
export type Child = z.infer<typeof Child>;
export const Children = z.object({ items: z.array(Child) });
export type Children = z.infer<typeof Children>;

export const FamilyTerm = z.object({ id: z.number(), number: z.number(), startDate: z.string(), endDate: z.string() });
export const FamilyYear = z.object({ id: z.number(), name: z.string(), terms: z.array(FamilyTerm) });
export const StudentOverview = z.object({
  student: Child,
  today: z.string(),
  /** Every academic year the student studied in, newest first (п. 2.6: the whole period). */
  years: z.array(FamilyYear),
  currentTermId: z.number().nullable(),
});
export type StudentOverview = z.infer<typeof StudentOverview>;

/** A change of a grade or absence after it was first entered: guardians see it and when. */
export const MarkChange = z.object({
  at: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string().nullable(),
});
export const FamilyMark = z.object({
  id: z.number(),
  kind: z.enum(['grade', 'absence']),
  /** null: the mark was removed (its last value is in `changes`). */
  value: z.string().nullable(),
  workType: z.string().nullable(),
  workTypeTitle: z.string().nullable(),
  weight: z.number(),
  hours: z.number().nullable(),
  enteredAt: z.string(),
  changes: z.array(MarkChange),
  /** An «н» the curator excused with a document: shown as «уп», the teacher's mark is kept. */
  excuse: z.string().nullable(),
});
export type FamilyMark = z.infer<typeof FamilyMark>;

export const FamilyLesson = z.object({
  lessonId: z.number(),
  date: z.string(),
  pairNo: z.number().nullable(),
  /** Bell times of the pair that day ('08:30'), when the college keeps bells. */
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  hours: z.number(),
  subjectCode: z.string(),
  subjectName: z.string(),
  teacherName: z.string(),
  room: z.string().nullable(),
  topic: z.string().nullable(),
  homework: z.string().nullable(),
  recorded: z.boolean(),
  /** Cancelled by a change of the timetable: shown so nobody comes for it. */
  cancelled: z.boolean(),
  /** Taught by a substitute (замена) instead of the planned teacher. */
  substitute: z.boolean(),
  /** For a coming lesson: the homework set at the previous lesson of the subject. */
  homeworkDue: z.string().nullable(),
  /** Homework files, downloaded from /journal/files/{id}. */
  files: z.array(z.object({ id: z.number(), fileName: z.string() })),
  marks: z.array(FamilyMark),
});
export type FamilyLesson = z.infer<typeof FamilyLesson>;

export const DayQuery = z.object({ date: IsoDate.optional() });
export const WeekQuery = z.object({ from: IsoDate.optional() });
export const GradesQuery = z.object({ termId: z.coerce.number().int().positive().optional() });

/** «What happened today»: the day's lessons, news about earlier days, and what is due next. */
export const FamilyDay = z.object({
  date: z.string(),
  lessons: z.array(FamilyLesson),
  /** Grades and absences entered or changed on this date for earlier lessons. */
  news: z.array(FamilyLesson),
  next: z.object({ date: z.string(), lessons: z.array(FamilyLesson) }).nullable(),
});
export type FamilyDay = z.infer<typeof FamilyDay>;

export const FamilyWeek = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ date: z.string(), lessons: z.array(FamilyLesson) })),
});
export type FamilyWeek = z.infer<typeof FamilyWeek>;

/** н, б, уп and their total in academic hours; оп — the number of latenesses. */
export const AbsenceTotals = z.object({ н: z.number(), б: z.number(), уп: z.number(), оп: z.number(), total: z.number() });

export const FamilySubject = z.object({
  subjectCode: z.string(),
  subjectName: z.string(),
  teacherName: z.string(),
  marks: z.array(FamilyMark.extend({ date: z.string(), lessonId: z.number() })),
  average: z.number().nullable(),
  weightedAverage: z.number().nullable(),
  absences: AbsenceTotals,
  termGrades: z.object({
    term: z.enum(ATTESTATION_VALUES).nullable(),
    exam: z.enum(ATTESTATION_VALUES).nullable(),
    final: z.enum(ATTESTATION_VALUES).nullable(),
  }),
});
export type FamilySubject = z.infer<typeof FamilySubject>;

export const FamilyGrades = z.object({
  term: FamilyTerm.extend({ yearName: z.string() }),
  subjects: z.array(FamilySubject),
  absences: AbsenceTotals,
  average: z.number().nullable(),
});
export type FamilyGrades = z.infer<typeof FamilyGrades>;
