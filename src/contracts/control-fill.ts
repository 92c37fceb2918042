import { z } from 'zod';
import { IsoDate } from './common.js';

// Daily fill control (issue 12 item 1, п. 3.8, 3.11).

export const FillState = z.enum(['on-day', 'late', 'missing']);

export const FillLesson = z.object({
  lessonId: z.number(),
  assignmentId: z.number(),
  date: z.string(),
  pairNo: z.number().nullable(),
  endsAt: z.string().nullable(),
  state: FillState,
  recordedAt: z.string().nullable(),
  group: z.string(),
  subject: z.string(),
  teacher: z.object({ personId: z.number(), name: z.string() }),
});
export type FillLesson = z.infer<typeof FillLesson>;

export const FillDayQuery = z.object({ date: IsoDate.optional() });
export const FillDay = z.object({
  date: z.string(),
  today: z.string(),
  counts: z.object({ lessons: z.number(), ended: z.number(), onDay: z.number(), late: z.number(), missing: z.number() }),
  /** Lessons that have ended and are not recorded, then those recorded after their day. */
  missing: z.array(FillLesson),
  late: z.array(FillLesson),
});
export type FillDay = z.infer<typeof FillDay>;

export const FillTeachersQuery = z.object({ termId: z.coerce.number().int().positive().optional() });
export const FillTeachers = z.object({
  term: z.object({ id: z.number(), label: z.string(), startDate: z.string(), endDate: z.string() }),
  items: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      ended: z.number(),
      onDay: z.number(),
      late: z.number(),
      missing: z.number(),
      longestStreak: z.number(),
      onDayShare: z.number().nullable(),
    }),
  ),
});
export type FillTeachers = z.infer<typeof FillTeachers>;

/** A teacher's own lessons that have ended and are not recorded (their home page). */
export const MyUnrecorded = z.object({ today: z.string(), items: z.array(FillLesson) });
export type MyUnrecorded = z.infer<typeof MyUnrecorded>;
