import { tooManyRowsMessage, type UploadLimit } from '../../contracts/limits.js';

/** An error the API reports as `{ error: { code, message, fields? } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) => new HttpError(400, 'validation', message, fields);
export const fieldError = (field: string, message: string) => new HttpError(400, 'validation', message, { [field]: message });
export const unauthorized = (message = 'Требуется вход в систему.') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Недостаточно прав для этого действия.') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Запись не найдена.') => new HttpError(404, 'not_found', message);
/** An uploaded file with more rows than its limit: 400 on the file field, naming the limit. */
export function assertRowLimit(limit: UploadLimit, rows: number): void {
  if (limit.rows !== undefined && rows > limit.rows) throw fieldError('contentBase64', tooManyRowsMessage(limit, rows));
}
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, undefined, details);
