import { describe, expect, it } from 'vitest';
import {
  absentRun,
  alertSettingsFrom,
  crossedEpisodes,
  defaultPrefs,
  digestWeek,
  effectiveEmailPrefs,
  emailKindsOn,
  markNoticeKind,
  nextReportDay,
  periodProblem,
  scheduledPeriod,
  wantsMark,
} from './guardian-notices.js';

describe('guardian notices', () => {
  it('the e-mail kinds a save turns back on after an unsubscribe', () => {
    expect(emailKindsOn(defaultPrefs('email'))).toEqual(['digest', '*']);
    expect(emailKindsOn({ ...defaultPrefs('email'), digest: false })).toEqual([]);
    expect(emailKindsOn({ grades: 'twos', absences: 'days', absenceThreshold: 3, digest: false, termGrades: true })).toEqual([
      'grade-2',
      'absence',
      'term-grades',
      '*',
    ]);
    expect(emailKindsOn({ ...defaultPrefs('app') })).toEqual(['grade', 'grade-2', 'absence', 'digest', 'term-grades', '*']);
  });

  it('e-mail choices as they act after unsubscribes', () => {
    const all = defaultPrefs('app');
    expect(effectiveEmailPrefs(all, [])).toEqual(all);
    expect(effectiveEmailPrefs(all, ['*'])).toMatchObject({ grades: 'none', absences: 'none', digest: false, termGrades: false });
    expect(effectiveEmailPrefs(all, ['grade', 'digest'])).toEqual({ ...all, grades: 'twos', digest: false });
    expect(effectiveEmailPrefs(all, ['grade-2', 'absence', 'term-grades'])).toEqual({
      ...all,
      grades: 'none',
      absences: 'none',
      termGrades: false,
    });
  });
  it('defaults: the digest by e-mail, everything in the app, no SMS', () => {
    expect(defaultPrefs('email')).toMatchObject({ digest: true, grades: 'none', absences: 'none', termGrades: false });
    expect(defaultPrefs('app')).toMatchObject({ digest: true, grades: 'all', absences: 'each', termGrades: true });
    expect(defaultPrefs('sms')).toMatchObject({ digest: false, grades: 'none', absences: 'none', termGrades: false });
  });

  it('tells of a mark by the preference', () => {
    const twos = { ...defaultPrefs('app'), grades: 'twos' as const };
    expect(wantsMark(twos, { kind: 'grade', value: '2' })).toBe(true);
    expect(wantsMark(twos, { kind: 'grade', value: '5' })).toBe(false);
    expect(wantsMark(defaultPrefs('app'), { kind: 'grade', value: '5' })).toBe(true);
    expect(wantsMark(defaultPrefs('app'), { kind: 'absence', value: 'н' })).toBe(true);
    expect(wantsMark(defaultPrefs('app'), { kind: 'absence', value: 'б' })).toBe(false);
    expect(wantsMark({ ...defaultPrefs('app'), absences: 'days' }, { kind: 'absence', value: 'н' })).toBe(false);
    expect(markNoticeKind({ kind: 'grade', value: '2' })).toBe('grade-2');
    expect(markNoticeKind({ kind: 'grade', value: '4' })).toBe('grade');
    expect(markNoticeKind({ kind: 'absence', value: 'н' })).toBe('absence');
  });

  it('counts the run of whole days absent up to the last school day', () => {
    const days = [
      { date: '2026-11-23', lessons: 3, absent: 3 },
      { date: '2026-11-24', lessons: 3, absent: 1 },
      { date: '2026-11-25', lessons: 2, absent: 2 },
      { date: '2026-11-26', lessons: 0, absent: 0 },
      { date: '2026-11-27', lessons: 3, absent: 3 },
      { date: '2026-11-28', lessons: 2, absent: 2 },
    ];
    expect(absentRun(days)).toEqual({ days: 3, since: '2026-11-25' });
    expect(absentRun([...days, { date: '2026-11-30', lessons: 2, absent: 0 }])).toEqual({ days: 0, since: null });
    expect(absentRun([])).toEqual({ days: 0, since: null });
  });

  it('crosses an episode once per run and once per month', () => {
    const t = { daysInRow: 3, hoursPerMonth: 12 };
    const days = [1, 2, 3].map((d) => ({ date: `2026-11-0${d + 1}`, lessons: 2, absent: 2 }));
    expect(crossedEpisodes({ days, monthUnexcusedHours: 12, month: '2026-11' }, t)).toEqual([
      { kind: 'days', episode: '2026-11-02', value: 3 },
      { kind: 'hours', episode: '2026-11', value: 12 },
    ]);
    expect(crossedEpisodes({ days: days.slice(1), monthUnexcusedHours: 10, month: '2026-11' }, t)).toEqual([]);
  });

  it('reads the college thresholds, keeping defaults for bad values', () => {
    expect(alertSettingsFrom('{"absenceAlerts":{"daysInRow":5,"hoursPerMonth":"x"}}')).toEqual({ daysInRow: 5, hoursPerMonth: 12 });
    expect(alertSettingsFrom('not json')).toEqual({ daysInRow: 3, hoursPerMonth: 12 });
  });

  it('periods of the digest and the scheduled reports', () => {
    expect(digestWeek('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(scheduledPeriod('monthly', '2026-12-01')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(scheduledPeriod('monthly', '2026-12-02')).toBeNull();
    expect(scheduledPeriod('weekly', '2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(scheduledPeriod('weekly', '2026-12-01')).toBeNull();
    expect(nextReportDay('monthly', '2026-12-15')).toBe('2027-01-01');
    expect(nextReportDay('weekly', '2026-12-01')).toBe('2026-12-07');
    expect(nextReportDay('weekly', '2026-11-30')).toBe('2026-11-30');
    expect(periodProblem('2026-11-02', '2026-11-01')).toMatch(/позже/);
    expect(periodProblem('2026-01-01', '2027-06-01')).toMatch(/года/);
    expect(periodProblem('2026-11-01', '2026-11-30')).toBeNull();
  });
});
