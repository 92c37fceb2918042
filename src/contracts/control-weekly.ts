import { z } from 'zod';
import { IsoDate } from './common.js';

// The deputy director's weekly check (п. 5.2, issue 12 item 3): a report of a week kept among the
// generated reports, read on screen, downloaded and signed off.

/** Lessons of the week that have ended: recorded on the day, late, not recorded. */
const Fill = { onDay: z.number(), late: z.number(), missing: z.number() };
const Changes = {
  correctionsRequested: z.number(),
  correctionsApproved: z.number(),
  substitutions: z.number(),
  openRemarks: z.number(),
};

export const WeeklyTeacher = z.object({ personId: z.number(), name: z.string(), ...Fill, ...Changes });
export const WeeklyGroup = z.object({
  groupId: z.number(),
  name: z.string(),
  ...Fill,
  ...Changes,
  grades: z.number(),
  subjects: z.array(z.object({ key: z.string(), code: z.string(), name: z.string() })),
  /** Накопляемость: grades per student per subject (by the subject's key) put in this week. */
  students: z.array(z.object({ studentId: z.number(), name: z.string(), grades: z.record(z.string(), z.number()), total: z.number() })),
});
export const WeeklyData = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ ...Fill, ...Changes, grades: z.number() }),
  teachers: z.array(WeeklyTeacher),
  groups: z.array(WeeklyGroup),
});
export type WeeklyData = z.infer<typeof WeeklyData>;

export const WeeklySignOff = z.object({ by: z.string(), at: z.string() }).nullable();
export const WeeklyItem = z.object({
  id: z.number(),
  period: z.string(),
  title: z.string(),
  madeBy: z.string().nullable(),
  madeByJob: z.string().nullable(),
  createdAt: z.string(),
  signed: WeeklySignOff,
});
export const WeeklyList = z.object({ items: z.array(WeeklyItem), canMake: z.boolean(), canSign: z.boolean() });
export type WeeklyList = z.infer<typeof WeeklyList>;
export const WeeklyCheck = WeeklyItem.extend({ canSign: z.boolean(), data: WeeklyData });
export type WeeklyCheck = z.infer<typeof WeeklyCheck>;

/** Any day of the week to check; the week runs Monday to Sunday. */
export const MakeWeeklyBody = z.object({ weekStart: IsoDate });
export type MakeWeeklyBody = z.infer<typeof MakeWeeklyBody>;
