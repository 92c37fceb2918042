import { describe, expect, it } from 'vitest';
import { monthRu, occurrencesOf, occurrenceState, shiftYears, whenRu } from './control-plan.js';

const year = { startDate: '2026-09-01', endDate: '2027-08-31' };
const terms = [
  { startDate: '2026-09-01', endDate: '2026-12-31' },
  { startDate: '2027-01-12', endDate: '2027-06-30' },
];

describe('plan of intra-college control', () => {
  it('a one-off line is a date or a period, due on its last day', () => {
    expect(occurrencesOf({ repeat: 'once', startDate: '2026-10-05', endDate: null }, year, terms)).toEqual([
      { from: '2026-10-05', to: '2026-10-05', due: '2026-10-05' },
    ]);
    expect(occurrencesOf({ repeat: 'once', startDate: '2026-10-01', endDate: '2026-10-15' }, year, terms)).toEqual([
      { from: '2026-10-01', to: '2026-10-15', due: '2026-10-15' },
    ]);
  });
  it('expands daily (working days), weekly (Monday weeks), monthly and per term lines', () => {
    const daily = occurrencesOf({ repeat: 'daily', startDate: '2026-11-27', endDate: '2026-11-30' }, year, terms);
    expect(daily.map((o) => [o.from, o.due])).toEqual([
      ['2026-11-27', '2026-11-28'],
      ['2026-11-30', '2026-12-01'],
    ]);
    const weekly = occurrencesOf({ repeat: 'weekly', startDate: '2026-11-25', endDate: '2026-12-06' }, year, terms);
    expect(weekly).toEqual([
      { from: '2026-11-23', to: '2026-11-29', due: '2026-12-04' },
      { from: '2026-11-30', to: '2026-12-06', due: '2026-12-11' },
    ]);
    const monthly = occurrencesOf({ repeat: 'monthly', startDate: '2026-12-15', endDate: '2027-02-10' }, year, terms);
    expect(monthly).toEqual([
      { from: '2026-12-15', to: '2026-12-31', due: '2026-12-31' },
      { from: '2027-01-01', to: '2027-01-31', due: '2027-01-31' },
      { from: '2027-02-01', to: '2027-02-10', due: '2027-02-10' },
    ]);
    expect(occurrencesOf({ repeat: 'monthly', startDate: null, endDate: null }, year, terms)).toHaveLength(12);
    expect(occurrencesOf({ repeat: 'term', startDate: null, endDate: null }, year, terms).map((o) => o.due)).toEqual([
      '2027-01-14',
      '2027-07-14',
    ]);
  });
  it('is done, overdue after its due day, due from its first day, planned before', () => {
    const o = { from: '2026-11-23', to: '2026-11-29', due: '2026-12-04' };
    expect(occurrenceState(o, true, '2026-12-10')).toBe('done');
    expect(occurrenceState(o, false, '2026-12-05')).toBe('overdue');
    expect(occurrenceState(o, false, '2026-12-04')).toBe('due');
    expect(occurrenceState(o, false, '2026-11-22')).toBe('planned');
  });
  it('says when in Russian and moves dates to another year', () => {
    expect(whenRu({ repeat: 'weekly', startDate: null, endDate: null }, year)).toBe('еженедельно');
    expect(whenRu({ repeat: 'monthly', startDate: '2027-02-01', endDate: '2027-03-31' }, year)).toBe('ежемесячно, 01.02.2027 — 31.03.2027');
    expect(whenRu({ repeat: 'once', startDate: '2026-10-05', endDate: null }, year)).toBe('05.10.2026');
    expect(monthRu('2027-01')).toBe('январь 2027');
    expect(shiftYears('2027-02-28', 1)).toBe('2028-02-28');
    expect(shiftYears('2028-02-29', 1)).toBe('2029-02-28');
  });
});
