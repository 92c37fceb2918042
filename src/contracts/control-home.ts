import { z } from 'zod';

// What each role's home page shows of its duty (issue 12 item 7): absences of the groups in
// reach, debtors of the last term that has ended, and the journals behind in the caller's reach.

const Hours = z.object({ students: z.number(), hours: z.number(), unexcused: z.number() });

/** Absences today and this week (Monday to today) in the groups and students the caller reaches. */
export const HomeAbsences = z.object({
  today: z.string(),
  weekFrom: z.string(),
  groups: z.array(z.object({ groupId: z.number(), name: z.string(), today: Hours, week: Hours })),
  /** Who is absent today: each student with the lessons they missed. */
  absentToday: z.array(
    z.object({
      studentId: z.number(),
      fullName: z.string(),
      groupId: z.number(),
      group: z.string(),
      hours: z.number(),
      unexcused: z.number(),
      lessons: z.array(z.object({ lessonId: z.number(), pairNo: z.number().nullable(), subject: z.string(), value: z.string() })),
    }),
  ),
});
export type HomeAbsences = z.infer<typeof HomeAbsences>;

/** Students of the caller's groups with a debt for the last term that has ended: «2», «не зачтено», «н/а» or no result. */
export const HomeDebtors = z.object({
  term: z.object({ id: z.number(), title: z.string(), endDate: z.string() }).nullable(),
  groups: z.array(
    z.object({
      groupId: z.number(),
      name: z.string(),
      students: z.number(),
      debtors: z.array(
        z.object({
          studentId: z.number(),
          fullName: z.string(),
          /** Each subject owed: its code and name, and the result (null: no result given). */
          debts: z.array(z.object({ code: z.string(), name: z.string(), value: z.string().nullable() })),
        }),
      ),
    }),
  ),
});
export type HomeDebtors = z.infer<typeof HomeDebtors>;

/** Journals behind in the caller's reach (the chair: the commission's): lessons of the term that have ended unrecorded, per teacher, group and subject. */
export const HomeBehind = z.object({
  term: z.object({ id: z.number(), label: z.string() }),
  today: z.string(),
  lessons: z.number(),
  items: z.array(
    z.object({
      assignmentId: z.number(),
      teacher: z.object({ personId: z.number(), name: z.string() }),
      group: z.string(),
      subject: z.string(),
      missing: z.number(),
      /** The earliest lesson not recorded: the link goes there. */
      firstLessonId: z.number(),
      firstDate: z.string(),
    }),
  ),
});
export type HomeBehind = z.infer<typeof HomeBehind>;
