import { addDays, formatRu, weekday } from './dates.js';

// The plan of intra-college control (п. 2.12): a line's dated occurrences in its academic year and
// an occurrence's state on a day. Pure: the service gives the year, its terms and what was done.

export type Repeat = 'once' | 'daily' | 'weekly' | 'monthly' | 'term';
export interface Span {
  startDate: string;
  endDate: string;
}
export interface Occurrence {
  /** The first day checked; an occurrence is known by it within its line. */
  from: string;
  to: string;
  /** The last day the check may be made on. */
  due: string;
}

/** A weekly check is made on the week's Monday report and signed by the Friday after the week. */
export const WEEKLY_GRACE_DAYS = 5;
/** The end-of-term справка is written within two weeks of the term's end. */
export const TERM_GRACE_DAYS = 14;

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
/** «ноябрь 2026» for `2026-11`. */
export const monthRu = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

const lastOfMonth = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** The line's period: its own dates or else the whole year; a one-off line without an end ends on its start. */
export function lineSpan(line: { repeat: Repeat; startDate: string | null; endDate: string | null }, year: Span): Span {
  const startDate = line.startDate ?? year.startDate;
  const endDate = line.endDate ?? (line.repeat === 'once' ? startDate : year.endDate);
  return { startDate, endDate };
}

/** The line's occurrences, in date order. */
export function occurrencesOf(
  line: { repeat: Repeat; startDate: string | null; endDate: string | null },
  year: Span,
  terms: readonly Span[],
): Occurrence[] {
  const { startDate: lo, endDate: hi } = lineSpan(line, year);
  if (hi < lo) return [];
  const out: Occurrence[] = [];
  switch (line.repeat) {
    case 'once':
      return [{ from: lo, to: hi, due: hi }];
    case 'daily':
      for (let d = lo; d <= hi; d = addDays(d, 1)) if (weekday(d) <= 5) out.push({ from: d, to: d, due: addDays(d, 1) });
      return out;
    case 'weekly':
      for (let m = addDays(lo, 1 - weekday(lo)); m <= hi; m = addDays(m, 7)) {
        out.push({ from: m, to: addDays(m, 6), due: addDays(m, 6 + WEEKLY_GRACE_DAYS) });
      }
      return out;
    case 'monthly':
      for (let m = lo.slice(0, 7); m <= hi.slice(0, 7); m = addDays(lastOfMonth(m), 1).slice(0, 7)) {
        const to = min(lastOfMonth(m), hi);
        out.push({ from: max(`${m}-01`, lo), to, due: to });
      }
      return out;
    case 'term':
      return [...terms]
        .filter((t) => t.startDate <= hi && t.endDate >= lo)
        .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))
        .map((t) => ({ from: t.startDate, to: t.endDate, due: addDays(t.endDate, TERM_GRACE_DAYS) }));
  }
}

export type OccurrenceState = 'done' | 'overdue' | 'due' | 'planned';

/** Done; else overdue once its due day has passed; due from its first day; planned before. */
export function occurrenceState(o: Occurrence, done: boolean, today: string): OccurrenceState {
  if (done) return 'done';
  if (o.due < today) return 'overdue';
  return o.from <= today ? 'due' : 'planned';
}

/** «еженедельно», «01.09.2026 — 30.06.2027» and the like: when the line is checked. */
export function whenRu(line: { repeat: Repeat; startDate: string | null; endDate: string | null }, year: Span): string {
  const { startDate, endDate } = lineSpan(line, year);
  const period = startDate === endDate ? formatRu(startDate) : `${formatRu(startDate)} — ${formatRu(endDate)}`;
  const whole = !line.startDate && !line.endDate;
  const words: Record<Repeat, string> = {
    once: period,
    daily: 'ежедневно',
    weekly: 'еженедельно',
    monthly: 'ежемесячно',
    term: 'по итогам каждого семестра',
  };
  return line.repeat === 'once' || whole ? words[line.repeat] : `${words[line.repeat]}, ${period}`;
}

/** The same day `years` later (29 February becomes the 28th): dates of a plan copied to another year. */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}
