import { describe, expect, it } from 'vitest';
import { absenceTotals } from './journal-stats.js';

describe('absence totals', () => {
  it('counts hours by reason and excused «н» apart', () => {
    const t = absenceTotals(
      [
        { value: 'н', hours: 2, date: '2026-11-02' },
        { value: 'н', hours: 2, date: '2026-11-10' },
        { value: 'б', hours: 2, date: '2026-11-03' },
        { value: 'уп', hours: 1, date: '2026-11-04' },
        { value: 'оп', hours: null, date: '2026-11-05' },
      ],
      [{ fromDate: '2026-11-09', toDate: '2026-11-11' }],
    );
    expect(t).toEqual({ н: 2, б: 2, уп: 1, excused: 2, оп: 1, total: 7 });
  });
});
