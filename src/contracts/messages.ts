import { z } from 'zod';
import { IsoDate } from './common.js';
import { base64File, MESSAGE_FILES_MAX, UPLOAD_LIMITS } from './limits.js';

// Direct messages, a curator's message to the guardians of a group, and events (issue 14 items 9–11).

const text = (max: number) => z.string().trim().min(1, 'Заполните поле').max(max, `Не длиннее ${max} символов`);
const opId = z.string().min(8).max(64).optional().describe('Номер операции от клиента: повтор запроса не отправит сообщение дважды');

export const MessageFileIn = z.object({
  fileName: z.string().trim().min(1, 'Выберите файл').max(200),
  contentBase64: base64File(UPLOAD_LIMITS.messageFiles),
});
const files = z.array(MessageFileIn).max(MESSAGE_FILES_MAX, 'Можно приложить не больше трёх файлов').default([]);

const messageText = text(4000).meta({ title: 'Текст сообщения' });
export const NewThreadBody = z.object({ recipientPersonId: z.number().int().positive(), text: messageText, files, opId });
export const GroupMessageBody = z.object({ groupId: z.number().int().positive(), subject: text(200), text: messageText, files, opId });
export const ReplyBody = z.object({ text: messageText, files, opId });

export const ContactsQuery = z.object({ q: z.string().trim().max(100).optional() });
export const Contact = z.object({ personId: z.number(), name: z.string(), note: z.string() });
export const ContactList = z.object({ items: z.array(Contact), groups: z.array(z.object({ id: z.number(), name: z.string() })) });
export type Contact = z.infer<typeof Contact>;

export const ThreadsQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Поиск по тексту сообщений и по имени собеседника'),
  personId: z.coerce.number().int().positive().optional().describe('Только переписка с этим человеком'),
});
export const ThreadSummary = z.object({
  id: z.number(),
  kind: z.enum(['direct', 'group']),
  title: z.string(),
  lastText: z.string(),
  lastAt: z.string(),
  unread: z.number(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;
export const ThreadList = z.object({ items: z.array(ThreadSummary), unread: z.number() });
export const Unread = z.object({ count: z.number() });

export const MessageFile = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number() });
export const Message = z.object({
  id: z.number(),
  author: z.object({ personId: z.number(), name: z.string() }),
  mine: z.boolean(),
  /** Null when withdrawn (the record keeps it for the administrator). */
  text: z.string().nullable(),
  withdrawn: z.boolean(),
  createdAt: z.string(),
  files: z.array(MessageFile),
  /** My own message: how many of the others have read it, of how many. */
  readBy: z.number(),
  readOf: z.number(),
  canWithdraw: z.boolean(),
});
export type Message = z.infer<typeof Message>;
export const Thread = z.object({
  id: z.number(),
  kind: z.enum(['direct', 'group']),
  title: z.string(),
  subject: z.string().nullable(),
  members: z.array(z.object({ personId: z.number(), name: z.string() })),
  messages: z.array(Message),
  /** Whether the caller may write here now (reach over time: a thread stays readable). */
  canWrite: z.boolean(),
  /** Why not, in Russian. */
  cannotWrite: z.string().nullable(),
  /** A guardian's reply to a group message goes to their private thread with the curator. */
  replyPrivately: z.boolean(),
});
export type Thread = z.infer<typeof Thread>;
export const Sent = z.object({ threadId: z.number(), messageId: z.number() });

export const LogQuery = z.object({
  personId: z.coerce.number().int().positive().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const LogEntry = z.object({
  id: z.number(),
  threadId: z.number(),
  at: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  text: z.string(),
  files: z.array(z.string()),
  withdrawnAt: z.string().nullable(),
});
export const MessageLog = z.object({ items: z.array(LogEntry), more: z.boolean() });

// Events and announcements (п. 3.13).
const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в виде 14:30')
  .nullable()
  .optional();
export const EventBody = z.object({
  groupId: z.number().int().positive().nullable().default(null).describe('Группа; пусто — событие колледжа'),
  title: text(200).meta({ title: 'Название события' }),
  text: text(4000).meta({ title: 'Описание' }),
  date: IsoDate,
  time: Time,
  place: z.string().trim().max(200).nullable().optional(),
  notify: z.boolean().default(false),
});
export const EventsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  studentId: z.coerce.number().int().positive().optional(),
});
export const CollegeEvent = z.object({
  id: z.number(),
  group: z.object({ id: z.number(), name: z.string() }).nullable(),
  title: z.string(),
  text: z.string(),
  date: z.string(),
  time: z.string().nullable(),
  place: z.string().nullable(),
  author: z.string(),
  cancelled: z.boolean(),
  canCancel: z.boolean(),
});
export type CollegeEvent = z.infer<typeof CollegeEvent>;
export const EventList = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(CollegeEvent),
  /** Where the caller may post: the college (administration) and their groups. */
  canPostCollege: z.boolean(),
  groups: z.array(z.object({ id: z.number(), name: z.string() })),
});
