import { z } from 'zod';
import { whatToDo } from './labels.js';

z.config(z.locales.ru());
z.config({ customError: whatToDo });

export const IdParam = z.object({ id: z.coerce.number().int().positive() });
/** A calendar date; the form's date field sends it as 2026-11-28. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Укажите дату, например 28.11.2026.');
export const Ok = z.object({ ok: z.literal(true) });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Paging for lists: `?page=1&pageSize=50`. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
