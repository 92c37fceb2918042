import { describe, expect, it } from 'vitest';
import { latestSlot } from './schedule.js';

describe('latestSlot', () => {
  it('daily: today once its hour has come, else yesterday', () => {
    expect(latestSlot({ kind: 'daily', at: '06:00' }, { date: '2026-11-30', time: '06:00' })).toBe('2026-11-30');
    expect(latestSlot({ kind: 'daily', at: '06:00' }, { date: '2026-11-30', time: '05:59' })).toBe('2026-11-29');
  });
  it('weekly: the latest Monday whose hour has come', () => {
    const monday = { kind: 'weekly', weekday: 1, at: '07:00' } as const;
    expect(latestSlot(monday, { date: '2026-11-30', time: '07:30' })).toBe('2026-11-30'); // Monday after 7
    expect(latestSlot(monday, { date: '2026-11-30', time: '06:59' })).toBe('2026-11-23'); // Monday before 7
    expect(latestSlot(monday, { date: '2026-12-03', time: '01:00' })).toBe('2026-11-30'); // Thursday
    expect(latestSlot(monday, { date: '2026-11-29', time: '23:00' })).toBe('2026-11-23'); // Sunday
  });
  it('monthly: the first of this month or of the month before', () => {
    const first = { kind: 'monthly', day: 1, at: '05:00' } as const;
    expect(latestSlot(first, { date: '2026-12-01', time: '05:00' })).toBe('2026-12-01');
    expect(latestSlot(first, { date: '2026-12-01', time: '04:00' })).toBe('2026-11-01');
    expect(latestSlot(first, { date: '2027-01-01', time: '04:00' })).toBe('2026-12-01');
    expect(latestSlot(first, { date: '2026-11-15', time: '00:00' })).toBe('2026-11-01');
  });
  it('hourly: this hour once its minute has come, else the hour before (across midnight too)', () => {
    const hourly = { kind: 'hourly', minute: 5 } as const;
    expect(latestSlot(hourly, { date: '2026-11-30', time: '14:05' })).toBe('2026-11-30T14');
    expect(latestSlot(hourly, { date: '2026-11-30', time: '14:04' })).toBe('2026-11-30T13');
    expect(latestSlot(hourly, { date: '2026-12-01', time: '00:01' })).toBe('2026-11-30T23');
    expect(latestSlot(hourly, { date: '2026-12-01', time: '00:05' })).toBe('2026-12-01T00');
    // Slots of a day sort after the day before's and before the next day's, as stored slots compare.
    expect('2026-11-30T23' < '2026-12-01T00').toBe(true);
  });
});
