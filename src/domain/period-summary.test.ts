import { describe, expect, it } from 'vitest';
import { summarize, summaryText } from './period-summary.js';

describe('period summary', () => {
  it('groups grades, absences, topics and homework by subject; counts unexcused hours', () => {
    const s = summarize(
      [
        { subject: 'Физика', date: '2026-11-23', kind: 'grade', value: '5', hours: null },
        { subject: 'Физика', date: '2026-11-24', kind: 'grade', value: '4', hours: null },
        { subject: 'Алгебра', date: '2026-11-24', kind: 'absence', value: 'н', hours: 2 },
        { subject: 'Алгебра', date: '2026-11-26', kind: 'absence', value: 'н', hours: 2 },
        { subject: 'Алгебра', date: '2026-11-27', kind: 'absence', value: 'оп', hours: null },
      ],
      [{ subject: 'Алгебра', date: '2026-11-24', topic: 'Логарифмы', homework: '№ 12' }],
      [{ fromDate: '2026-11-26', toDate: '2026-11-26' }],
    );
    expect(s.subjects.map((x) => x.subject)).toEqual(['Алгебра', 'Физика']);
    expect(s.average).toBe(4.5);
    expect(s).toMatchObject({ absentHours: 4, unexcusedHours: 2, lates: 1 });
    const text = summaryText('Иванов Иван', '2026-11-23', '2026-11-29', s);
    expect(text).toContain('• Алгебра: пропуски н 24.11, н 26.11; темы: Логарифмы; задано: № 12');
    expect(text).toContain('средний балл 4,5; пропущено 4 часа, из них без уважительной причины 2 часа');
  });
  it('says when a period is empty', () => {
    expect(summaryText('Иванов Иван', '2026-11-23', '2026-11-29', summarize([], []))).toContain('Занятий и отметок за этот период нет.');
  });
});
