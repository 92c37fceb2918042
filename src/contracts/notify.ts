import { z } from 'zod';
import { IsoDate, PageQuery, paged } from './common.js';

// Notifications (issue 14): in-app notifications of the signed-in person, and unsubscribing from
// e-mail by the link every e-mail carries.

export const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  studentId: z.number().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationsQuery = PageQuery;
export const NotificationList = paged(Notification).extend({ unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;
export const UnreadCount = z.object({ count: z.number().int() });

export const MarkReadBody = z
  .object({
    ids: z.array(z.number().int().positive()).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((b) => b.all === true || (b.ids !== undefined && b.ids.length > 0), { message: 'Укажите уведомления или «все»', path: ['ids'] });
export const MarkReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });

export const UnsubscribeQuery = z.object({ token: z.string().min(1, 'Нет ссылки для отписки').max(500) });
export const UnsubscribeInfo = z.object({ kind: z.string(), kindTitle: z.string(), email: z.string().nullable() });
export const UnsubscribeBody = z.object({
  token: z.string().min(1, 'Нет ссылки для отписки').max(500),
  all: z.boolean().default(false),
});
export const UnsubscribeResult = z.object({ kind: z.string(), kindTitle: z.string() });

// The delivery log (152-ФЗ: who sent what to whom, when, with what result), the administrator's.

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export const DeliveryLogQuery = PageQuery.extend({
  status: z.enum(OUTBOX_STATUSES).optional(),
  channel: z.enum(['email', 'sms']).optional(),
  q: z.string().trim().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}).refine((q) => !(q.from && q.to && q.to < q.from), {
  message: 'Раньше, чем «С даты». Поменяйте даты местами.',
  path: ['to'],
});
export const DeliveryLogItem = z.object({
  id: z.number(),
  channel: z.enum(['email', 'sms']),
  kind: z.string(),
  kindTitle: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  person: z.object({ id: z.number(), name: z.string() }),
  student: z.string().nullable(),
  sender: z.string().nullable(),
  address: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  canRetry: z.boolean(),
});
export type DeliveryLogItem = z.infer<typeof DeliveryLogItem>;
export const DeliveryLog = paged(DeliveryLogItem);
export type DeliveryLog = z.infer<typeof DeliveryLog>;
export const DeliverySummary = z.object({
  failed: z.number().int(),
  due: z.number().int(),
  oldestSeconds: z.number().int(),
});
