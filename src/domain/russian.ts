// Counts and numbers as Russian is written: «1 занятие, 2 занятия, 5 занятий, 1,5 часа»,
// decimal commas. Server messages and the web app use these; hand-made endings are not allowed
// (russian-sweep.test.ts scans the sources for them).

/** A noun's forms after a number: one (1, 21), few (2–4, 22–24), many (5–20, 25–30). */
export type PluralForms = readonly [one: string, few: string, many: string];

const rules = new Intl.PluralRules('ru');

/** The form of the noun that goes with n; a fraction takes the genitive singular («1,5 часа»). */
export function pluralForm(n: number, forms: PluralForms): string {
  switch (rules.select(n)) {
    case 'one':
      return forms[0];
    case 'few':
      return forms[1];
    case 'many':
      return forms[2];
    default:
      return forms[1];
  }
}

/** «2 занятия», «5 занятий», «1,5 часа». */
export function countRu(n: number, forms: PluralForms): string {
  return `${numberRu(n)} ${pluralForm(n, forms)}`;
}

/** Nouns counted in more than one place. */
export const NOUNS = {
  lesson: ['занятие', 'занятия', 'занятий'],
  student: ['обучающийся', 'обучающихся', 'обучающихся'],
  group: ['группа', 'группы', 'групп'],
  hour: ['час', 'часа', 'часов'],
  grade: ['оценка', 'оценки', 'оценок'],
  person: ['человек', 'человека', 'человек'],
  pair: ['пара', 'пары', 'пар'],
  row: ['строка', 'строки', 'строк'],
  subject: ['дисциплина', 'дисциплины', 'дисциплин'],
  day: ['день', 'дня', 'дней'],
  minute: ['минута', 'минуты', 'минут'],
  absence: ['пропуск', 'пропуска', 'пропусков'],
  file: ['файл', 'файла', 'файлов'],
  college: ['колледж', 'колледжа', 'колледжей'],
} as const satisfies Record<string, PluralForms>;

const formats = new Map<string, Intl.NumberFormat>();
function format(min: number, max: number): Intl.NumberFormat {
  const key = `${min}-${max}`;
  let f = formats.get(key);
  if (!f)
    formats.set(key, (f = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true })));
  return f;
}

/** A number with a decimal comma and no needless zeros: 4.5 → «4,5», 12 → «12», 1234 → «1 234». */
export function numberRu(x: number, maxDigits = 2): string {
  return format(0, maxDigits).format(x);
}

/** A number with exactly `digits` places: (4.256, 2) → «4,26», (0, 1) → «0,0». */
export function decimalRu(x: number, digits: number): string {
  return format(digits, digits).format(x);
}

/** A mean, a rate: «—» when there is none. */
export const averageRu = (x: number | null | undefined) => (x === null || x === undefined ? '—' : decimalRu(x, 2));
export const percentRu = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${numberRu(x, 1)} %`);
/**
 * A share (0…1) as a whole percent, never rounded up to «100 %» nor down to «0 %» when it is not
 * all nor none: 904 of 908 is «99 %», with the 4 missing shown beside it.
 */
export function shareRu(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  const p = Math.round(x * 100);
  return `${x < 1 && p === 100 ? 99 : x > 0 && p === 0 ? 1 : p} %`;
}
/** Seconds from milliseconds: «0,4 с». */
export const secondsRu = (ms: number) => `${decimalRu(ms / 1000, 1)} с`;

const ONES = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const ONES_F = ['', 'одна', 'две', ...ONES.slice(3)];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

function triadWords(n: number, feminine: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const o = n % 10;
  const out = [HUNDREDS[h]];
  if (t === 1) out.push(TEENS[o]);
  else out.push(TENS[t], (feminine ? ONES_F : ONES)[o]);
  return out.filter(Boolean);
}

/**
 * A whole number in words, as documents write it beside the digits («154 (сто пятьдесят четыре)
 * листа»); `feminine` for feminine nouns («две страницы»). 0 ≤ n < 1 000 000.
 */
export function numberWordsRu(n: number, feminine = false): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`numberWordsRu: ${n}`);
  if (n === 0) return 'ноль';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands) words.push(...triadWords(thousands, true), pluralForm(thousands, ['тысяча', 'тысячи', 'тысяч']));
  words.push(...triadWords(rest, feminine));
  return words.join(' ');
}

const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** A calendar date as documents write it: «1 сентября 2026 г.». */
export function dateWordsRu(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS_GEN[m - 1]} ${y} г.`;
}
