import { z } from 'zod';
import { IsoDate } from './common.js';

// Remarks on keeping the journal (issue 12 item 2, п. 3.11, 5.4).

const text = (max: number) => z.string().trim().min(1, 'Заполните поле').max(max, `Не длиннее ${max} символов`);

export const RemarkTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lesson'), lessonId: z.number().int().positive() }),
  z.object({ kind: z.literal('journal'), assignmentId: z.number().int().positive() }),
  z.object({ kind: z.literal('teacher'), personId: z.number().int().positive() }),
]);
export const CreateRemarkBody = z.object({ target: RemarkTarget, text: text(2000), dueDate: IsoDate });
export const RemarkCommentBody = z.object({ comment: z.string().trim().max(1000).optional() });
export const ReopenRemarkBody = z.object({ comment: text(1000) });
export const RemarksQuery = z.object({
  status: z.enum(['open', 'fixed', 'confirmed', 'active', 'all']).default('active'),
  escalated: z.enum(['1', '0']).optional(),
});

export const Remark = z.object({
  id: z.number(),
  target: z.object({
    kind: z.enum(['journal', 'lesson', 'teacher']),
    label: z.string(),
    lessonId: z.number().nullable(),
    assignmentId: z.number().nullable(),
  }),
  teacher: z.object({ personId: z.number(), name: z.string() }),
  text: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'fixed', 'confirmed']),
  /** Open past its due date: shown to the deputy director (computed when read). */
  escalated: z.boolean(),
  author: z.string(),
  createdAt: z.string(),
  canFix: z.boolean(),
  canConfirm: z.boolean(),
  canReopen: z.boolean(),
  history: z.array(
    z.object({ action: z.enum(['create', 'fix', 'confirm', 'reopen']), comment: z.string().nullable(), by: z.string(), at: z.string() }),
  ),
});
export type Remark = z.infer<typeof Remark>;
export const RemarkList = z.object({ today: z.string(), items: z.array(Remark) });
export type RemarkList = z.infer<typeof RemarkList>;
