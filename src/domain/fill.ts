import { todayIn } from './dates.js';

// Daily fill control (п. 3.8, 3.11): which lessons have ended by their bells, which were
// recorded on the day, late or not at all, and each teacher's figures.

export interface Period {
  pairNo: number;
  endsAt: string;
}

/**
 * Whether a lesson has ended at a local moment: any lesson of an earlier day; on the day itself,
 * once its pair's bell has rung (a lesson outside the bells, added by hand, counts as ended).
 */
export function lessonEnded(
  lesson: { date: string; pairNo: number | null },
  periods: readonly Period[],
  local: { date: string; time: string },
): boolean {
  if (lesson.date < local.date) return true;
  if (lesson.date > local.date) return false;
  if (lesson.pairNo === null) return true;
  const p = periods.find((x) => x.pairNo === lesson.pairNo);
  return !p || p.endsAt <= local.time;
}

/** The pairs of a day whose bells have rung by a local time. */
export const endedPairs = (periods: readonly Period[], time: string): number[] =>
  periods.filter((p) => p.endsAt <= time).map((p) => p.pairNo);

export type FillState = 'on-day' | 'late' | 'missing';

/** A lesson that has ended: recorded on its own day (college time), recorded later, or not yet. */
export function fillState(lessonDate: string, recordedAt: string | null, timeZone: string): FillState {
  if (!recordedAt) return 'missing';
  return todayIn(timeZone, new Date(recordedAt)) <= lessonDate ? 'on-day' : 'late';
}

export interface TeacherFill {
  ended: number;
  onDay: number;
  late: number;
  missing: number;
  /** The longest run of ended lessons, in order, none of them recorded. */
  longestStreak: number;
  /** Share of ended lessons recorded on the day, 0…1 (null: none has ended). */
  onDayShare: number | null;
}

/** One teacher's figures over lessons that have ended, given in date and pair order. */
export function teacherFill(states: readonly FillState[]): TeacherFill {
  let streak = 0,
    longest = 0,
    onDay = 0,
    late = 0,
    missing = 0;
  for (const s of states) {
    if (s === 'missing') {
      missing++;
      streak++;
      longest = Math.max(longest, streak);
    } else streak = 0;
    if (s === 'on-day') onDay++;
    if (s === 'late') late++;
  }
  return { ended: states.length, onDay, late, missing, longestStreak: longest, onDayShare: states.length ? onDay / states.length : null };
}
