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
});
