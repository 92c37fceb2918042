import { describe, expect, it } from 'vitest';
import { academicYearStart, addDays, formatRu, isIsoDate, todayIn, weekday } from './dates.js';

describe('dates', () => {
  it('today is the calendar date in the college time zone', () => {
    const at = new Date('2026-11-28T15:30:00Z'); // 01:30 on the 29th in Vladivostok (UTC+10)
    expect(todayIn('Asia/Vladivostok', at)).toBe('2026-11-29');
    expect(todayIn('Europe/Moscow', at)).toBe('2026-11-28');
  });
  it('validates and shifts dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekday('2026-11-30')).toBe(1);
    expect(weekday('2026-11-29')).toBe(7);
    expect(formatRu('2026-11-28')).toBe('28.11.2026');
  });
  it('knows the academic year of a date', () => {
    expect(academicYearStart('2026-08-31')).toBe(2025);
    expect(academicYearStart('2026-09-01')).toBe(2026);
  });
});
