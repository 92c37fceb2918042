// Rules of delivering notices (issue 14, decision 031): retries with exponential backoff, quiet
// hours for SMS in the college's time zone, per-person rate limits. Pure: the worker applies them.

export interface DeliveryRules {
  /** Quiet hours for SMS, local «HH:MM»; from > to spans midnight (21:00–08:00). */
  quietFrom: string;
  quietTo: string;
  /** At most this many SMS to one person per local day (0: no limit). */
  smsPerDay: number;
  /** At most this many e-mails to one person per rolling hour (0: no limit). */
  emailsPerHour: number;
}

export const DEFAULT_RULES: DeliveryRules = { quietFrom: '21:00', quietTo: '08:00', smsPerDay: 5, emailsPerHour: 20 };

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The rules from an organization's settings (`notify` in its JSON), the defaults for anything missing or malformed. */
export function rulesFrom(settings: unknown): DeliveryRules {
  const n = (settings as { notify?: Partial<DeliveryRules> } | null)?.notify ?? {};
  const count = (v: unknown, def: number) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000 ? (v as number) : def);
  return {
    quietFrom: typeof n.quietFrom === 'string' && HHMM.test(n.quietFrom) ? n.quietFrom : DEFAULT_RULES.quietFrom,
    quietTo: typeof n.quietTo === 'string' && HHMM.test(n.quietTo) ? n.quietTo : DEFAULT_RULES.quietTo,
    smsPerDay: count(n.smsPerDay, DEFAULT_RULES.smsPerDay),
    emailsPerHour: count(n.emailsPerHour, DEFAULT_RULES.emailsPerHour),
  };
}

/** The delay before the attempt after `attempts` failed ones: base · 2^(attempts−1), at most `max`. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Local wall-clock parts of an instant in a time zone. */
function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours hold an SMS at `at`: the instant they end (the next local `quietTo`), else null.
 * from === to means no quiet hours.
 */
export function quietUntil(at: Date, timeZone: string, rules: Pick<DeliveryRules, 'quietFrom' | 'quietTo'>): Date | null {
  const from = minutesOf(rules.quietFrom);
  const to = minutesOf(rules.quietTo);
  if (from === to) return null;
  const p = localParts(at, timeZone);
  const m = p.h * 60 + p.mi;
  const quiet = from < to ? m >= from && m < to : m >= from || m < to;
  if (!quiet) return null;
  // Local midnight of today as if UTC, then corrected by the zone's offset at this instant.
  const offsetMs = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(at.getTime() / 1000) * 1000;
  const dayAdd = from < to || m < to ? 0 : 1;
  const localEnd = Date.UTC(p.y, p.mo - 1, p.d + dayAdd, Math.floor(to / 60), to % 60);
  return new Date(localEnd - offsetMs);
}

/** The start of the local day of `at` (for «SMS per day»), as an instant. */
export function localDayStart(at: Date, timeZone: string): Date {
  const p = localParts(at, timeZone);
  const offsetMs = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(at.getTime() / 1000) * 1000;
  return new Date(Date.UTC(p.y, p.mo - 1, p.d) - offsetMs);
}
