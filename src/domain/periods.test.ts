import { describe, expect, it } from 'vitest';
import { coversPeriod, spansRu } from './periods.js';

describe('coversPeriod', () => {
  const spans = [
    { from: '2026-09-01', to: '2026-11-18' },
    { from: '2026-11-19', to: '2026-12-10' },
    { from: '2027-01-10', to: null },
  ];
  it('accepts a period inside one span or across adjacent spans', () => {
    expect(coversPeriod(spans, '2026-10-01', '2026-10-05')).toBe(true);
    expect(coversPeriod(spans, '2026-11-15', '2026-11-25')).toBe(true);
    expect(coversPeriod(spans, '2027-02-01', '2027-03-01')).toBe(true);
  });
  it('refuses a period that leaves the spans on any day', () => {
    expect(coversPeriod(spans, '2026-08-31', '2026-09-02')).toBe(false);
    expect(coversPeriod(spans, '2026-12-05', '2026-12-11')).toBe(false);
    expect(coversPeriod(spans, '2026-12-20', '2026-12-21')).toBe(false);
    expect(coversPeriod([], '2026-10-01', '2026-10-01')).toBe(false);
  });
  it('says the spans in Russian', () => {
    expect(
      spansRu([
        { from: '2027-01-10', to: null },
        { from: '2026-09-01', to: '2026-11-18' },
      ]),
    ).toBe('с 01.09.2026 по 18.11.2026; с 10.01.2027');
  });
});
