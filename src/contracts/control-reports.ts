import { z } from 'zod';
import { IsoDate } from './common.js';

// Reports made by scheduled jobs or on demand, and the jobs' state (issue 12 item 9, decision 021).

export const ReportsQuery = z.object({ kind: z.string().max(40).optional() });
export const ReportItem = z.object({
  id: z.number(),
  kind: z.string(),
  period: z.string(),
  title: z.string(),
  /** The person who made it, or null when a scheduled job did. */
  madeBy: z.string().nullable(),
  madeByJob: z.string().nullable(),
  createdAt: z.string(),
});
export const ReportList = z.object({ items: z.array(ReportItem) });
export type ReportList = z.infer<typeof ReportList>;
export const ReportDetail = ReportItem.extend({ data: z.unknown() });
export type ReportDetail = z.infer<typeof ReportDetail>;

export const JobList = z.object({
  items: z.array(
    z.object({ name: z.string(), lastSlot: z.string().nullable(), lastRunAt: z.string().nullable(), lastError: z.string().nullable() }),
  ),
});
export type JobList = z.infer<typeof JobList>;

export const MakeFillReportBody = z.object({ date: IsoDate });
