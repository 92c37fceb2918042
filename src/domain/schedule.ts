import { addDays, weekday } from './dates.js';

/** When a scheduled job is due, in the college's local time (decision 021). */
export type Every =
  | { kind: 'daily'; at: string }
  | { kind: 'weekly'; weekday: number; at: string } // ISO weekday: 1 = Monday
  | { kind: 'monthly'; day: number; at: string }
  | { kind: 'hourly'; minute: number }; // slot `YYYY-MM-DDTHH`: the local hour

/**
 * The local date of the latest occurrence due at or before a local moment: the slot a job
 * must have run for. A job whose stored slot is older runs once for this one (a restart after
 * missed occurrences catches up once, not once per missed occurrence).
 */
export function latestSlot(every: Every, local: { date: string; time: string }): string {
  if (every.kind === 'hourly') {
    const hour = Number(local.time.slice(0, 2)) - (Number(local.time.slice(3, 5)) >= every.minute ? 0 : 1);
    return hour < 0 ? `${addDays(local.date, -1)}T23` : `${local.date}T${String(hour).padStart(2, '0')}`;
  }
  const reached = local.time >= every.at;
  if (every.kind === 'daily') return reached ? local.date : addDays(local.date, -1);
  if (every.kind === 'weekly') {
    let back = (weekday(local.date) - every.weekday + 7) % 7;
    if (back === 0 && !reached) back = 7;
    return addDays(local.date, -back);
  }
  const [y, m, d] = local.date.split('-').map(Number);
  const thisMonth = `${y}-${String(m).padStart(2, '0')}-${String(every.day).padStart(2, '0')}`;
  if (d > every.day || (d === every.day && reached)) return thisMonth;
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return `${py}-${String(pm).padStart(2, '0')}-${String(every.day).padStart(2, '0')}`;
}
