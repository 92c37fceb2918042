// Pure rules of the people area: logins, СНИЛС, phones, dates from files, movement.
import { inDateRange, isIsoDate } from './dates.js';

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Russian → Latin as in the Russian passport (ICAO Doc 9303), lower case, letters and digits only. */
export function transliterate(s: string): string {
  let out = '';
  for (const ch of s.toLowerCase()) {
    if (ch in TRANSLIT) out += TRANSLIT[ch];
    else if (/[a-z0-9]/.test(ch)) out += ch;
  }
  return out;
}

/** The login a person gets: transliterated surname, a dot and initials: «Ёлкина Алёна Игоревна» → elkina.ai. */
export function loginBase(p: { last_name: string; first_name: string; middle_name?: string | null }): string {
  const surname = transliterate(p.last_name.replace(/-/g, '')) || 'user';
  const initials = [p.first_name, p.middle_name]
    .filter((x): x is string => !!x)
    .map((x) => transliterate(x[0])[0] ?? '')
    .join('');
  return initials ? `${surname}.${initials}` : surname;
}

/** The first free login: base, base2, base3 … */
export function uniqueLogin(base: string, taken: (login: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

/** СНИЛС as «123-456-789 01», or null with a reason when the number is wrong. */
export function normalizeSnils(raw: string): { value: string } | { error: string } {
  const d = raw.replace(/\D/g, '');
  if (d.length !== 11) return { error: 'СНИЛС должен содержать 11 цифр, например 112-233-445 95.' };
  const body = d.slice(0, 9);
  const check = Number(d.slice(9));
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  // Numbers up to 001-001-998 carry no check digit.
  if (Number(body) > 1001998) {
    let c = sum % 101;
    if (c === 100) c = 0;
    if (c !== check) return { error: 'Неверная контрольная сумма СНИЛС: проверьте цифры по документу.' };
  }
  return { value: `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6, 9)} ${d.slice(9)}` };
}

/** A Russian phone as «+7 (914) 123-45-67», or null with a reason. */
export function normalizePhone(raw: string): { value: string } | { error: string } {
  let d = raw.replace(/\D/g, '');
  if (d.length === 11 && (d[0] === '8' || d[0] === '7')) d = d.slice(1);
  if (d.length !== 10) return { error: 'Телефон: 10 цифр после +7, например +7 (914) 123-45-67.' };
  return { value: `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}` };
}

export const isEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** A date from a file: 28.11.2026, 2026-11-28 or an Excel date; ISO or null. */
export function parseDateCell(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const iso = v.toISOString().slice(0, 10);
    return inDateRange(iso) ? iso : null;
  }
  const s = String(v ?? '').trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  let iso: string | null = null;
  if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) iso = s;
  if (!iso) return null;
  return isIsoDate(iso) && inDateRange(iso) ? iso : null;
}

export const ENROLLMENT_KINDS = ['enrol', 'transfer', 'leave', 'return', 'expel', 'reinstate', 'graduate'] as const;
export type EnrollmentKindName = (typeof ENROLLMENT_KINDS)[number];

export const ENROLLMENT_TITLES: Record<EnrollmentKindName, string> = {
  enrol: 'Зачисление',
  transfer: 'Перевод',
  leave: 'Академический отпуск',
  return: 'Выход из академического отпуска',
  expel: 'Отчисление',
  reinstate: 'Восстановление',
  graduate: 'Выпуск',
};

export const STUDENT_STATUSES = ['active', 'leave', 'expelled', 'graduated'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export const STUDENT_STATUS_TITLES: Record<StudentStatus, string> = {
  active: 'Обучается',
  leave: 'В академическом отпуске',
  expelled: 'Отчислен',
  graduated: 'Выпускник',
};

/** Which movement is possible from a status and what status it leads to (п. 3.4). */
export const MOVEMENT: Record<Exclude<EnrollmentKindName, 'enrol'>, { from: StudentStatus[]; to: StudentStatus; needsGroup: boolean }> = {
  transfer: { from: ['active'], to: 'active', needsGroup: true },
  leave: { from: ['active'], to: 'leave', needsGroup: false },
  return: { from: ['leave'], to: 'active', needsGroup: true },
  expel: { from: ['active', 'leave'], to: 'expelled', needsGroup: false },
  reinstate: { from: ['expelled'], to: 'active', needsGroup: true },
  graduate: { from: ['active'], to: 'graduated', needsGroup: false },
};

/** Courses a program lasts: 10 months a course, rounded up (8 terms → 4, 6 terms → 3). */
export const programCourses = (durationTerms: number) => Math.max(1, Math.ceil(durationTerms / 2));

/** A person's sex (persons.gender): names are declined by it (name-cases.ts). */
export const SEXES = ['m', 'f'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_TITLES: Record<Sex, string> = { m: 'мужской', f: 'женский' };
