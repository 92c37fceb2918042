import { describe, expect, it } from 'vitest';
import { IsoDate } from './common.js';

describe('IsoDate', () => {
  it('accepts days that exist, leap days included', () => {
    for (const d of ['2026-11-28', '2024-02-29', '2000-02-29', '1900-01-01', '2099-12-31'])
      expect(IsoDate.safeParse(d).success, d).toBe(true);
  });
  it('refuses days that look right but do not exist, and days out of range', () => {
    for (const d of [
      '2026-13-45',
      '0000-00-00',
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '1899-12-31',
      '2100-01-01',
      '2026-1-5',
      '',
    ]) {
      expect(IsoDate.safeParse(d).success, d).toBe(false);
    }
    expect(IsoDate.safeParse('2026-02-30').error?.issues[0].message).toBe('Такой даты нет в календаре: проверьте число и месяц.');
  });
});
