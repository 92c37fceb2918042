import { z } from 'zod';

// Performance reports (п. 2.8, 6.2): rates per student, group, subject, teacher, ПЦК,
// department and the college for a term or a year, with the previous period beside them.

export const PerformanceQuery = z
  .object({
    termId: z.coerce.number().int().positive().optional(),
    yearId: z.coerce.number().int().positive().optional(),
  })
  .refine((q) => !(q.termId && q.yearId), { message: 'Укажите семестр или учебный год, не оба сразу', path: ['yearId'] });
export type PerformanceQuery = z.infer<typeof PerformanceQuery>;

export const PerformanceStats = z.object({
  n: z.number(),
  counts: z.object({ '5': z.number(), '4': z.number(), '3': z.number(), '2': z.number(), 'н/а': z.number() }),
  passRate: z.number().nullable(),
  qualityRate: z.number().nullable(),
  average: z.number().nullable(),
  learningDegree: z.number().nullable(),
});
export type PerformanceStats = z.infer<typeof PerformanceStats>;

export const AbsenceHours = z.object({ excused: z.number(), unexcused: z.number() });
export type AbsenceHours = z.infer<typeof AbsenceHours>;

export const PerformanceRow = z.object({
  key: z.string(),
  name: z.string(),
  /** Extra words under the name: the student's group, the subject's code. */
  note: z.string().nullable(),
  stats: PerformanceStats,
  previous: PerformanceStats.nullable(),
  absences: AbsenceHours,
  previousAbsences: AbsenceHours.nullable(),
  /** Subjects with a debt («2», «не зачтено», «н/а»): students only. */
  debts: z.array(z.string()),
  /** Groups only: the group's id when the caller may open its сводная ведомость. */
  sheetGroupId: z.number().nullable(),
});
export type PerformanceRow = z.infer<typeof PerformanceRow>;

export const PERFORMANCE_SECTIONS = ['college', 'departments', 'commissions', 'groups', 'subjects', 'teachers', 'students'] as const;
export type PerformanceSection = (typeof PERFORMANCE_SECTIONS)[number];

export const PeriodRef = z.object({ kind: z.enum(['term', 'year']), id: z.number(), title: z.string(), from: z.string(), to: z.string() });
export type PeriodRef = z.infer<typeof PeriodRef>;

export const PerformanceReport = z.object({
  period: PeriodRef,
  previous: PeriodRef.nullable(),
  /** Whether the report covers the whole college or only what the caller's roles reach. */
  whole: z.boolean(),
  sections: z.object({
    college: z.array(PerformanceRow),
    departments: z.array(PerformanceRow),
    commissions: z.array(PerformanceRow),
    groups: z.array(PerformanceRow),
    subjects: z.array(PerformanceRow),
    teachers: z.array(PerformanceRow),
    students: z.array(PerformanceRow),
  }),
  /** Rates of the same reach term by term, up to this period. */
  trend: z.array(
    z.object({
      title: z.string(),
      passRate: z.number().nullable(),
      qualityRate: z.number().nullable(),
      learningDegree: z.number().nullable(),
    }),
  ),
  absencesByWeek: z.array(z.object({ week: z.string(), excused: z.number(), unexcused: z.number() })),
  coefficients: z.object({ '5': z.number(), '4': z.number(), '3': z.number(), '2': z.number(), 'н/а': z.number() }),
  terms: z.array(z.object({ id: z.number(), title: z.string(), yearId: z.number(), yearName: z.string() })),
});
export type PerformanceReport = z.infer<typeof PerformanceReport>;

export const GroupSheetQuery = z.object({ termId: z.coerce.number().int().positive().optional() });

/** The curator's сводная ведомость: every subject's result of each student of the group. */
export const GroupSheet = z.object({
  group: z.object({ id: z.number(), name: z.string() }),
  period: PeriodRef,
  subjects: z.array(z.object({ key: z.string(), code: z.string(), name: z.string(), teacherName: z.string() })),
  students: z.array(
    z.object({
      studentId: z.number(),
      fullName: z.string(),
      results: z.record(z.string(), z.string()),
      debts: z.array(z.string()),
      absences: AbsenceHours,
    }),
  ),
  stats: PerformanceStats,
});
export type GroupSheet = z.infer<typeof GroupSheet>;
