import { z } from 'zod';

// The limits of uploads, in one place: the server enforces them (body size → 413, zod → 400, rows
// → 400), the OpenAPI document states them, and the import panels of the web app show them.

const MB = 1024 * 1024;
type Forms = readonly [one: string, few: string, many: string];

export interface UploadLimit {
  /** What is uploaded, in the genitive: «файла учебного плана». */
  readonly of: string;
  readonly bytes: number;
  readonly rows?: number;
  /** What a row is: строка, занятие (one, few, many). */
  readonly unit?: Forms;
}

const ROWS: Forms = ['строка', 'строки', 'строк'];

export const UPLOAD_LIMITS = {
  curriculum: { of: 'файла учебного плана', bytes: 6 * MB, rows: 2000, unit: ROWS },
  lessonPlan: { of: 'файла КТП', bytes: 6 * MB, rows: 800, unit: ['занятие', 'занятия', 'занятий'] },
  timetable: { of: 'файла расписания', bytes: 6 * MB, rows: 10_000, unit: ROWS },
  people: { of: 'файла со списком обучающихся или сотрудников', bytes: 10 * MB, rows: 20_000, unit: ROWS },
  lessonFile: { of: 'файла к занятию', bytes: 5 * MB },
  /** The files of one message together. */
  messageFiles: { of: 'вложений к сообщению', bytes: 5 * MB },
  /** A curriculum saved by «Планы»: real ones are 0.5–3 MB (UTF-16 doubles the text). */
  plx: { of: 'файла «Планов» (.plx)', bytes: 8 * MB },
} as const satisfies Record<string, UploadLimit>;

/** Files one message may carry (their size together: UPLOAD_LIMITS.messageFiles). */
export const MESSAGE_FILES_MAX = 3;

const pluralRules = new Intl.PluralRules('ru');
export function plural(n: number, forms: Forms): string {
  const rule = pluralRules.select(n);
  return `${n.toLocaleString('ru-RU')} ${rule === 'one' ? forms[0] : rule === 'few' ? forms[1] : forms[2]}`;
}

const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString('ru-RU')} МБ`;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** «до 6 МБ, не больше 800 занятий» — as the import panels and the OpenAPI document say it. */
export function limitText(l: UploadLimit): string {
  return `до ${megabytes(l.bytes)}${l.rows && l.unit ? `, не больше ${plural(l.rows, l.unit)}` : ''}`;
}

export const tooLargeMessage = (l: UploadLimit) =>
  `Файл больше ${megabytes(l.bytes)} — это предел для ${l.of}. Уменьшите файл (например, разделите его на части) и загрузите снова.`;

export const tooManyRowsMessage = (l: UploadLimit, count: number) =>
  `В файле ${plural(count, l.unit ?? ROWS)}, а для ${l.of} предел — ${plural(l.rows ?? 0, l.unit ?? ROWS)}. Разделите файл на части.`;

/** The file of a JSON upload, base64, refused above the limit with a message that names it. */
export const base64File = (l: UploadLimit) =>
  z
    .string()
    .min(1, 'Выберите файл')
    .max(base64Length(l.bytes), tooLargeMessage(l))
    .describe(`Содержимое файла в base64, ${limitText(l)}`);

/** The request body limit of an upload route: the file in base64 plus room for the other fields. */
export const uploadBodyLimit = (l: UploadLimit) => base64Length(l.bytes) + 64 * 1024;
