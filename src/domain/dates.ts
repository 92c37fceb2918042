import { now } from './clock.js';

// Calendar dates are 'YYYY-MM-DD' strings in the organization's time zone.

/** Today's calendar date in a time zone. */
export function todayIn(timeZone: string, at: Date = now()): string {
  return localDateTime(timeZone, at).date;
}

/** The calendar date and time of day (HH:MM) at an instant in a time zone. */
export function localDateTime(timeZone: string, at: Date = now()): { date: string; time: string } {
  // Every request asks it (the entry window); the answer changes once a minute (time zones are
  // whole minutes off UTC), and formatting costs more than the rest of a mark's checks.
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastMinute.get(timeZone);
  if (last && last.minute === minute) return { ...last.at };
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const local = { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
  lastMinute.set(timeZone, { minute, at: local });
  return { ...local };
}
const lastMinute = new Map<string, { minute: number; at: { date: string; time: string } }>();

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A `YYYY-MM-DD` string naming a day that exists (no 2026-02-30, no 0000-00-00). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The years a date in the journal may fall in (birth dates included). */
export const inDateRange = (s: string) => s >= '1900-01-01' && s <= '2099-12-31';
/** Not after today anywhere: no college's today is later than Kiritimati's (UTC+14). */
export const notInFuture = (s: string) => s <= todayIn('Pacific/Kiritimati');

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** 28.11.2026 */
export function formatRu(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** The academic year (1 Sep – 31 Aug) a date falls in, by its starting calendar year. */
export function academicYearStart(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 9 ? y : y - 1;
}
