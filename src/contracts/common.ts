import { z } from 'zod';
import { whatToDo } from './labels.js';
import { inDateRange, isIsoDate } from '../domain/dates.js';

z.config(z.locales.ru());
z.config({ customError: whatToDo });

export const IdParam = z.object({ id: z.coerce.number().int().positive() });
/**
 * A calendar date, `YYYY-MM-DD`, that exists (no 2026-02-30) and lies in 1900–2099. Every date
 * the API accepts, in a query or a body, is this type.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Укажите дату, например 28.11.2026.', abort: true })
  .refine(isIsoDate, { error: 'Такой даты нет в календаре: проверьте число и месяц.', abort: true })
  .refine(inDateRange, 'Укажите дату между 1900 и 2099 годом.')
  .meta({ format: 'date' });
export const Ok = z.object({ ok: z.literal(true) });

/**
 * The body of a PATCH: every field optional and without a default, so an absent field is left as
 * it is; an empty patch is refused (400) rather than run as an update of nothing.
 */
export function patchBody<T extends z.ZodRawShape>(shape: T, message = 'Пустое изменение: укажите хотя бы одно поле') {
  return z
    .object(shape)
    .refine((v) => Object.values(v).some((x) => x !== undefined), { error: message })
    .meta({ minProperties: 1 });
}

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
