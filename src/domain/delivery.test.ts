import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RULES, localDayStart, quietUntil, rulesFrom } from './delivery.js';

describe('delivery rules', () => {
  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 60_000, 3_600_000))).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000]);
  });

  it('holds SMS in quiet hours until the morning in the college’s time zone', () => {
    const tz = 'Asia/Vladivostok'; // UTC+10
    // 20:59 local: not quiet.
    expect(quietUntil(new Date('2026-11-30T10:59:00Z'), tz, DEFAULT_RULES)).toBeNull();
    // 21:00 local → 08:00 next day local = 22:00Z the same UTC day.
    expect(quietUntil(new Date('2026-11-30T11:00:00Z'), tz, DEFAULT_RULES)?.toISOString()).toBe('2026-11-30T22:00:00.000Z');
    // 03:00 local (17:00Z the day before) → 08:00 local the same local day.
    expect(quietUntil(new Date('2026-11-29T17:00:00Z'), tz, DEFAULT_RULES)?.toISOString()).toBe('2026-11-29T22:00:00.000Z');
    // 08:00 local: over.
    expect(quietUntil(new Date('2026-11-29T22:00:00Z'), tz, DEFAULT_RULES)).toBeNull();
    // Moscow: 23:30 local (20:30Z) → 08:00 local next day (05:00Z).
    expect(quietUntil(new Date('2026-11-30T20:30:00Z'), 'Europe/Moscow', DEFAULT_RULES)?.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    // A window inside one day, and none at all.
    expect(quietUntil(new Date('2026-11-30T10:00:00Z'), 'UTC', { quietFrom: '09:00', quietTo: '12:00' })?.toISOString()).toBe(
      '2026-11-30T12:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-11-30T23:00:00Z'), 'UTC', { quietFrom: '00:00', quietTo: '00:00' })).toBeNull();
  });

  it('finds the local day’s start and reads the settings with defaults', () => {
    expect(localDayStart(new Date('2026-11-30T15:00:00Z'), 'Asia/Vladivostok').toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(rulesFrom({ notify: { quietFrom: '22:00', smsPerDay: 3, emailsPerHour: -1 } })).toEqual({
      quietFrom: '22:00',
      quietTo: '08:00',
      smsPerDay: 3,
      emailsPerHour: 20,
    });
    expect(rulesFrom(null)).toEqual(DEFAULT_RULES);
  });
});
