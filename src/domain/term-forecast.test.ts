import { describe, expect, it } from 'vitest';
import { priorFive, priorPass } from './term-forecast-prior.js';
import { naiveGrade, score } from './term-forecast-backtest.js';
import {
  adviceFor,
  allOf,
  factsAsOf,
  FEATURES,
  missingWorksText,
  outlookOf,
  poissonBinomial,
  rateForecast,
  reasonsOf,
  submitWorksText,
  vectorOf,
  type StudentJournal,
} from './term-forecast.js';

const lesson = (id: number, date: string, workTypes: string[] = ['oral']) => ({ id, date, hours: 2, workTypes });
const journal: StudentJournal = {
  marks: [
    { lessonId: 1, date: '2026-09-03', value: '5', weight: 1 },
    { lessonId: 2, date: '2026-09-10', value: '4', weight: 1 },
    { lessonId: 3, date: '2026-09-17', value: '5', weight: 2 },
    { lessonId: 6, date: '2026-10-20', value: '3', weight: 1 },
    { lessonId: 7, date: '2026-10-27', value: '2', weight: 1 },
    { lessonId: 9, date: '2026-12-10', value: '5', weight: 1 },
  ],
  absences: [
    { date: '2026-10-06', value: 'н', hours: 2 },
    { date: '2026-10-13', value: 'н', hours: 2 },
    { date: '2026-10-14', value: 'б', hours: 2 },
    { date: '2026-12-01', value: 'н', hours: 2 },
  ],
  excuses: [{ fromDate: '2026-10-13', toDate: '2026-10-13' }],
  lessons: [
    lesson(1, '2026-09-03'),
    lesson(2, '2026-09-10'),
    lesson(3, '2026-09-17', ['control']),
    lesson(4, '2026-10-06', ['laboratory']),
    lesson(5, '2026-10-13', ['laboratory']),
    lesson(6, '2026-10-20'),
    lesson(7, '2026-10-27', ['practical']),
    lesson(8, '2026-11-03', ['laboratory']),
    lesson(9, '2026-12-10', ['laboratory']),
  ],
  earlier: [
    { value: '4', setAt: '2026-06-28T05:00:00Z' },
    { value: '3', setAt: '2026-06-29T05:00:00Z' },
    { value: '5', setAt: '2026-12-20T05:00:00Z' },
  ],
};

describe('features as of a date', () => {
  it('reads nothing dated after the date: marks, lessons, absences and earlier grades alike', () => {
    const f = factsAsOf(journal, '2026-11-05');
    expect(f.marks).toBe(5);
    expect(f.wTotal).toBe(6);
    expect(f.twos).toBe(1);
    // Laboratory works of 6 Oct, 13 Oct and 3 Nov held without a mark; the control of 17 Sep has one.
    expect(f.missing).toEqual({ control: 0, laboratory: 3, practical: 0 });
    expect(f.requiredHeld).toBe(5);
    // «н» of 13 Oct is covered by a справка; the «н» of 1 Dec is later.
    expect(f.unexcusedHours).toBe(2);
    expect(f.excusedHours).toBe(4);
    expect(f.prevN).toBe(2);
    expect(vectorOf(f)).toHaveLength(FEATURES.length);
    // The recent marks (3, 2) against the earlier ones (5, 4, 5×2): a falling trend.
    expect(vectorOf(f)[FEATURES.indexOf('trend')]).toBeLessThan(-1.5);
    const later = factsAsOf(journal, '2026-12-31');
    expect(later.marks).toBe(6);
    expect(later.prevN).toBe(3);
    expect(later.missing.laboratory).toBe(3);
  });

  it('an empty journal gives the neutral vector, flagged', () => {
    const x = vectorOf(factsAsOf({ marks: [], absences: [], excuses: [], lessons: [], earlier: [] }, '2026-10-01'));
    expect(x[FEATURES.indexOf('noMarks')]).toBe(1);
    expect(x[FEATURES.indexOf('noPrev')]).toBe(1);
    expect(x.every(Number.isFinite)).toBe(true);
  });
});

describe('reasons and advice in plain Russian', () => {
  it('names the missing works with their counts', () => {
    expect(missingWorksText({ control: 0, laboratory: 3, practical: 0 })).toBe('3 лабораторные не сданы');
    expect(missingWorksText({ control: 1, laboratory: 0, practical: 2 })).toBe('1 контрольная и 2 практические не сданы');
    expect(missingWorksText({ control: 0, laboratory: 1, practical: 0 })).toBe('1 лабораторная не сдана');
    expect(submitWorksText({ control: 1, laboratory: 2, practical: 0 })).toBe('сдать 1 контрольную и 2 лабораторные');
    expect(missingWorksText({ control: 0, laboratory: 0, practical: 0 })).toBeNull();
  });

  it('explains a forecast by its strongest pulls, and says what would lift it', () => {
    const f = factsAsOf(journal, '2026-11-05');
    const model = priorFive();
    const reasons = reasonsOf(f, model.contributions(vectorOf(f)), 5);
    const texts = reasons.map((r) => r.text);
    expect(texts).toContain('3 лабораторные не сданы');
    expect(texts.some((t) => t.startsWith('средний балл снижается с октября'))).toBe(true);
    expect(reasons.find((r) => r.text === '3 лабораторные не сданы')!.effect).toBeLessThan(0);
    const advice = adviceFor(model, f);
    expect(advice.steps[0]).toBe('сдать 3 лабораторные');
    expect(advice.steps).toContain('не пропускать занятия без уважительной причины');
  });
});

describe('outlooks and group rates', () => {
  it('the likely grade, an interval of at least 80 % and the risk of a «2»', () => {
    const o = outlookOf([2, 3, 4, 5], [0.1, 0.5, 0.3, 0.1]);
    expect(o.likely).toBe('3');
    expect(o.interval).toMatchObject({ from: '3', to: '4' });
    expect(o.interval.p).toBeCloseTo(0.8);
    expect(o.risk).toBeCloseTo(0.1);
    expect(o.pQuality).toBeCloseTo(0.4);
    const pf = outlookOf([0, 1], [0.7, 0.3]);
    expect(pf).toMatchObject({ likely: 'не зачтено', risk: 0.7 });
  });

  it('Poisson-binomial: the exact count distribution; the rate interval holds the expected rate', () => {
    const d = poissonBinomial([0.5, 0.5]);
    expect(d).toEqual([0.25, 0.5, 0.25]);
    const r = rateForecast([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9])!;
    expect(r.expected).toBe(90);
    expect(r.from).toBeLessThanOrEqual(90);
    expect(r.to).toBe(100);
    expect(rateForecast([])).toBeNull();
    expect(allOf([0.9, 0.5])).toBeCloseTo(0.45);
  });
});

describe('the prior and the backtest measures', () => {
  it('the prior lowers the forecast for missing works and unexcused hours, and raises it with the average', () => {
    const m = priorFive();
    const base = [4, 0, 0, 0.05, 0, 0, 0, 4, 0, 2];
    const at = (k: string, v: number) => m.expected(base.map((x, i) => (FEATURES[i] === k ? v : x)));
    expect(at('missingWorks', 0.6)).toBeLessThan(m.expected(base));
    expect(at('unexcused', 0.3)).toBeLessThan(m.expected(base));
    expect(at('avg', 4.8)).toBeGreaterThan(m.expected(base));
    expect(priorPass().classes).toEqual([0, 1]);
  });

  it('the naive forecast is the rounded weighted average; scores compare the two', () => {
    expect(naiveGrade(journal, '2026-11-05')).toBe(4);
    expect(naiveGrade({ ...journal, marks: [] }, '2026-11-05')).toBe(4);
    const sure = score('naive', [[0, 0, 1, 0]], [4]);
    expect(sure).toMatchObject({ accuracy: 1, brier: 0 });
    expect(score('naive', [[0, 1, 0, 0]], [4]).brier).toBe(2);
  });
});
