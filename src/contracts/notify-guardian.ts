import { z } from 'zod';
import { IsoDate } from './common.js';
import { ABSENCE_MODES, GRADE_MODES, NOTICE_CHANNELS, REPORT_SCHEDULES } from '../domain/guardian-notices.js';

// What guardians and students are told and by which channel, reports for a period, the curator's
// overview of who receives what, absence alerts (issue 14 items 6–8, п. 2.10, 3.12).

export const ChannelPrefs = z.object({
  channel: z.enum(NOTICE_CHANNELS),
  grades: z.enum(GRADE_MODES),
  absences: z.enum(ABSENCE_MODES),
  absenceThreshold: z.number().int().min(1, 'Не меньше 1').max(200, 'Не больше 200'),
  digest: z.boolean(),
  termGrades: z.boolean(),
});
export type ChannelPrefs = z.infer<typeof ChannelPrefs>;

export const PrefsBody = ChannelPrefs.extend({ studentId: z.number().int().positive() });

export const ChildPrefs = z.object({
  studentId: z.number(),
  name: z.string(),
  /** The caller is this student (a student chooses for themself: in the app and by e-mail). */
  self: z.boolean(),
  channels: z.array(ChannelPrefs),
});
export const MyPrefs = z.object({
  children: z.array(ChildPrefs),
  /** Whether the caller has an e-mail and a phone to be reached at. */
  contacts: z.object({ email: z.boolean(), phone: z.boolean() }),
  /** The kinds of e-mail the caller unsubscribed from by a link ('*': all); saving e-mail choices turns them back on. */
  emailOptOuts: z.array(z.string()),
});
export type MyPrefs = z.infer<typeof MyPrefs>;

export const OrderReportBody = z
  .object({
    studentId: z.number().int().positive(),
    /** The guardian who receives it (a curator orders for a guardian of their group); the caller when absent. */
    recipientPersonId: z.number().int().positive().optional(),
    schedule: z.enum(REPORT_SCHEDULES),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((b) => b.schedule !== 'once' || (b.from && b.to), { message: 'Укажите начало и конец периода', path: ['from'] });

export const ReportOrder = z.object({
  id: z.number(),
  studentId: z.number(),
  studentName: z.string(),
  recipientName: z.string(),
  schedule: z.enum(REPORT_SCHEDULES),
  from: z.string().nullable(),
  to: z.string().nullable(),
  nextDay: z.string().nullable(),
  createdAt: z.string(),
  cancelled: z.boolean(),
});
export const PeriodReportItem = z.object({
  id: z.number(),
  orderId: z.number(),
  studentName: z.string(),
  from: z.string(),
  to: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
});
export const MyReports = z.object({ orders: z.array(ReportOrder), reports: z.array(PeriodReportItem) });
export type MyReports = z.infer<typeof MyReports>;
export const OrderResult = z.object({ order: ReportOrder, report: PeriodReportItem.nullable() });
export type OrderResult = z.infer<typeof OrderResult>;

export const GuardianContact = z.object({
  personId: z.number(),
  name: z.string(),
  relation: z.string().nullable(),
  /** What they receive, in words: «Оценки: в приложении; еженедельная сводка: e-mail». */
  receives: z.array(z.string()),
  hasEmail: z.boolean(),
  hasPhone: z.boolean(),
  hasLogin: z.boolean(),
  /** Deliveries that failed after the last retry (the outbox). */
  failedDeliveries: z.number(),
  /** No working contact: no e-mail and no phone, or every recent delivery failed. */
  unreachable: z.boolean(),
  reportOrders: z.array(ReportOrder),
});
export const GroupGuardians = z.object({
  groupId: z.number(),
  groupName: z.string(),
  students: z.array(z.object({ studentId: z.number(), name: z.string(), guardians: z.array(GuardianContact) })),
});
export type GroupGuardians = z.infer<typeof GroupGuardians>;

export const AbsenceAlert = z.object({
  id: z.number(),
  studentId: z.number(),
  studentName: z.string(),
  groupName: z.string().nullable(),
  kind: z.enum(['days', 'hours']),
  /** «3 дня подряд с 25.11.2026», «14 часов без уважительной причины за ноябрь 2026». */
  text: z.string(),
  createdAt: z.string(),
  seen: z.boolean(),
});
export const AbsenceAlerts = z.object({ items: z.array(AbsenceAlert) });
export type AbsenceAlerts = z.infer<typeof AbsenceAlerts>;
export const AlertsQuery = z.object({ all: z.enum(['1', '0']).optional() });
