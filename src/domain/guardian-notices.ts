import { addDays, weekday } from './dates.js';

// What a guardian (or a student) is told, by which channel (issue 14 items 6 and 8, п. 2.10, 3.12).
// Pure rules: the preferences and their defaults, when an absence crosses a threshold, the week
// of a digest, and the period of a scheduled report.

export const NOTICE_CHANNELS = ['email', 'sms', 'app'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const CHANNEL_TITLES: Record<NoticeChannel, string> = { email: 'Электронная почта', sms: 'SMS', app: 'В приложении' };

/** Grades: every new grade, only a «2», none. */
export const GRADE_MODES = ['all', 'twos', 'none'] as const;
export type GradeMode = (typeof GRADE_MODES)[number];
export const GRADE_MODE_TITLES: Record<GradeMode, string> = { all: 'Каждая оценка', twos: 'Только «2»', none: 'Не сообщать' };

/** Absences: each «н», after N unexcused hours in a month, after N days in a row, none. */
export const ABSENCE_MODES = ['each', 'hours', 'days', 'none'] as const;
export type AbsenceMode = (typeof ABSENCE_MODES)[number];
export const ABSENCE_MODE_TITLES: Record<AbsenceMode, string> = {
  each: 'Каждый пропуск «н»',
  hours: 'Когда пропущено N часов за месяц',
  days: 'Когда нет на занятиях N дней подряд',
  none: 'Не сообщать',
};

export interface ChannelPrefs {
  grades: GradeMode;
  absences: AbsenceMode;
  /** N of `hours` or `days`. */
  absenceThreshold: number;
  digest: boolean;
  termGrades: boolean;
}

export const NONE: ChannelPrefs = { grades: 'none', absences: 'none', absenceThreshold: 3, digest: false, termGrades: false };

/** Defaults of item 6: the weekly digest by e-mail, everything in the app, no SMS until asked for. */
export function defaultPrefs(channel: NoticeChannel): ChannelPrefs {
  if (channel === 'app') return { grades: 'all', absences: 'each', absenceThreshold: 3, digest: true, termGrades: true };
  if (channel === 'email') return { ...NONE, digest: true };
  return NONE;
}

/**
 * The kinds of e-mail (the outbox's kinds, domain/notify-kinds.ts) that e-mail preferences turn on,
 * with '*' (every kind) when any is on: saving them after an unsubscribe turns those e-mails back on.
 */
export function emailKindsOn(p: ChannelPrefs): string[] {
  const kinds = [
    ...(p.grades === 'all' ? ['grade', 'grade-2'] : p.grades === 'twos' ? ['grade-2'] : []),
    ...(p.absences !== 'none' ? ['absence'] : []),
    ...(p.digest ? ['digest'] : []),
    ...(p.termGrades ? ['term-grades'] : []),
  ];
  return kinds.length ? [...kinds, '*'] : [];
}

/**
 * E-mail preferences as they act after unsubscribes (kinds of domain/notify-kinds.ts, '*': all): what
 * the settings page shows, so that turning a kind on again is a change that is saved.
 */
export function effectiveEmailPrefs(p: ChannelPrefs, optOuts: readonly string[]): ChannelPrefs {
  const off = new Set(optOuts);
  if (off.has('*')) return { ...NONE, absenceThreshold: p.absenceThreshold };
  const grades: GradeMode = off.has('grade-2') ? 'none' : off.has('grade') && p.grades === 'all' ? 'twos' : p.grades;
  return {
    ...p,
    grades,
    absences: off.has('absence') ? 'none' : p.absences,
    digest: p.digest && !off.has('digest'),
    termGrades: p.termGrades && !off.has('term-grades'),
  };
}

/** The channels a person may choose: a student chooses for themself in the app and by e-mail. */
export const channelsFor = (who: 'guardian' | 'student'): readonly NoticeChannel[] =>
  who === 'student' ? ['app', 'email'] : NOTICE_CHANNELS;

/** What a new or changed mark means to one channel's preferences: whether to tell. */
export function wantsMark(p: ChannelPrefs, mark: { kind: 'grade' | 'absence'; value: string }): boolean {
  if (mark.kind === 'grade') return p.grades === 'all' || (p.grades === 'twos' && mark.value === '2');
  return p.absences === 'each' && mark.value === 'н';
}

/** The notice kind of a mark (the outbox's kinds): a «2» has its own so that it can be opted out of apart. */
export const markNoticeKind = (mark: { kind: 'grade' | 'absence'; value: string }) =>
  mark.kind === 'absence' ? 'absence' : mark.value === '2' ? 'grade-2' : 'grade';

// ── Absence episodes (item 6 thresholds, item 8 alerts) ──────────────────────────────────────

/** One school day of a student: the lessons they were due at and those they were marked absent from. */
export interface SchoolDay {
  date: string;
  lessons: number;
  absent: number;
}

/**
 * The run of whole days absent that ends on the last school day given (days without lessons are not
 * counted and do not break the run): its length and first day; 0 when the last day was attended.
 */
export function absentRun(days: readonly SchoolDay[]): { days: number; since: string | null } {
  const sorted = [...days].filter((d) => d.lessons > 0).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let n = 0;
  let since: string | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const d = sorted[i];
    if (d.absent < d.lessons) break;
    n++;
    since = d.date;
  }
  return { days: n, since };
}

export interface AlertSettings {
  /** Absent this many school days in a row. */
  daysInRow: number;
  /** This many unexcused hours («н» without a справка) in a calendar month. */
  hoursPerMonth: number;
}

export const DEFAULT_ALERTS: AlertSettings = { daysInRow: 3, hoursPerMonth: 12 };

/** The college's thresholds (`settings.absenceAlerts`); invalid or absent fields keep the defaults. */
export function alertSettingsFrom(settingsJson: string | null | undefined): AlertSettings {
  let raw: unknown;
  try {
    raw = settingsJson ? (JSON.parse(settingsJson) as { absenceAlerts?: unknown }).absenceAlerts : undefined;
  } catch {
    raw = undefined;
  }
  const r = (raw ?? {}) as Partial<Record<keyof AlertSettings, unknown>>;
  const pick = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 200 ? v : d);
  return { daysInRow: pick(r.daysInRow, DEFAULT_ALERTS.daysInRow), hoursPerMonth: pick(r.hoursPerMonth, DEFAULT_ALERTS.hoursPerMonth) };
}

/**
 * The episodes a student's absences have crossed, each with the key that makes it notified once:
 * a run of days is one episode from its first day; the hours are one episode per month.
 */
export function crossedEpisodes(
  s: { days: readonly SchoolDay[]; monthUnexcusedHours: number; month: string },
  t: AlertSettings,
): { kind: 'days' | 'hours'; episode: string; value: number }[] {
  const out: { kind: 'days' | 'hours'; episode: string; value: number }[] = [];
  const run = absentRun(s.days);
  if (run.since && run.days >= t.daysInRow) out.push({ kind: 'days', episode: run.since, value: run.days });
  if (s.monthUnexcusedHours >= t.hoursPerMonth) out.push({ kind: 'hours', episode: s.month, value: s.monthUnexcusedHours });
  return out;
}

// ── Periods ──────────────────────────────────────────────────────────────────────────────────

/** Monday of the week a date lies in. */
export const mondayOf = (date: string) => addDays(date, 1 - weekday(date));

/** The week a digest sent on `slot` (a Monday) tells of: the seven days before it. */
export function digestWeek(slot: string): { from: string; to: string } {
  const monday = mondayOf(slot);
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

export const REPORT_SCHEDULES = ['once', 'weekly', 'monthly'] as const;
export type ReportSchedule = (typeof REPORT_SCHEDULES)[number];
export const REPORT_SCHEDULE_TITLES: Record<ReportSchedule, string> = {
  once: 'Один раз',
  weekly: 'Каждую неделю',
  monthly: 'Каждый месяц',
};

/**
 * The period a scheduled report covers when made on a day: a weekly one (made on Mondays) the
 * week before; a monthly one (made on the 1st) the month before; null when it is not due that day.
 */
export function scheduledPeriod(schedule: 'weekly' | 'monthly', day: string): { from: string; to: string } | null {
  if (schedule === 'weekly') return weekday(day) === 1 ? digestWeek(day) : null;
  if (!day.endsWith('-01')) return null;
  const to = addDays(day, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** The first day a scheduled report will be made on, on or after a day. */
export function nextReportDay(schedule: 'weekly' | 'monthly', day: string): string {
  if (schedule === 'weekly') return addDays(day, (8 - weekday(day)) % 7);
  if (day.endsWith('-01')) return day;
  const [y, m] = day.split('-').map(Number);
  const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return `${ny}-${String(nm).padStart(2, '0')}-01`;
}

/** A report's period must be real and not too long to print (a year at most). */
export function periodProblem(from: string, to: string): string | null {
  if (from > to) return 'Начало периода позже его конца.';
  if (addDays(from, 366) < to) return 'Период отчёта — не больше года.';
  return null;
}
