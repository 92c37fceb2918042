import { now } from './clock.js';
import { addDays, formatRu, localDateTime } from './dates.js';

// The entry window of п. 3.13: grades and absences of a lesson are entered on its date; the
// window closes at a time the organization sets (default: the end of the next day).

export interface EntryWindowSettings {
  /** Days after the lesson's date the window stays open (0: the lesson's date only). */
  days: number;
  /** Local time the window closes on its last day, 'HH:MM'; '24:00' is the end of the day. */
  closeTime: string;
}

export const DEFAULT_ENTRY_WINDOW: EntryWindowSettings = { days: 1, closeTime: '24:00' };

/** Reads the window from `organizations.settings` (`journalEntryDays`, `journalEntryCloseTime`). */
export function entryWindowSettings(settingsJson: string | null | undefined): EntryWindowSettings {
  let s: Record<string, unknown> = {};
  try {
    s = settingsJson ? (JSON.parse(settingsJson) as Record<string, unknown>) : {};
  } catch {
    s = {};
  }
  const days =
    typeof s.journalEntryDays === 'number' && Number.isInteger(s.journalEntryDays) && s.journalEntryDays >= 0 && s.journalEntryDays <= 60
      ? s.journalEntryDays
      : DEFAULT_ENTRY_WINDOW.days;
  const closeTime =
    typeof s.journalEntryCloseTime === 'string' && /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(s.journalEntryCloseTime)
      ? s.journalEntryCloseTime
      : DEFAULT_ENTRY_WINDOW.closeTime;
  return { days, closeTime };
}

export type EntryState = 'future' | 'open' | 'closed';

export interface EntryWindow {
  state: EntryState;
  /** The last local date and time marks can be entered directly. */
  closesOn: string;
  closesAt: string;
  /** Why an entry is refused, in Russian; null while open. */
  message: string | null;
}

/** The state of a lesson's entry window at a local moment in the college's time zone. */
export function entryWindowAt(
  lessonDate: string,
  local: { date: string; time: string },
  s: EntryWindowSettings = DEFAULT_ENTRY_WINDOW,
): EntryWindow {
  const closesOn = addDays(lessonDate, s.days);
  const base = { closesOn, closesAt: s.closeTime };
  if (local.date < lessonDate) {
    return {
      ...base,
      state: 'future',
      message: `Занятие ${formatRu(lessonDate)} ещё не наступило: оценки и пропуски вносятся в день занятия.`,
    };
  }
  if (local.date < closesOn || (local.date === closesOn && local.time < s.closeTime)) return { ...base, state: 'open', message: null };
  return { ...base, state: 'closed', message: `Срок внесения оценок за ${formatRu(lessonDate)} истёк. Подайте заявку на исправление.` };
}

/** The same, for now in a time zone. */
export function entryWindow(
  lessonDate: string,
  timeZone: string,
  s: EntryWindowSettings = DEFAULT_ENTRY_WINDOW,
  at: Date = now(),
): EntryWindow {
  return entryWindowAt(lessonDate, localDateTime(timeZone, at), s);
}
