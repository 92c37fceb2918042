import { describe, expect, it } from 'vitest';
import {
  allowedValues,
  checkObjectivity,
  DEFAULT_OBJECTIVITY,
  hoursPerWeek,
  kindsFor,
  plannedWorks,
  rates,
  objectivityRuleFrom,
  requiredGradeCount,
  suggestTermGrade,
  type StudentGrade,
} from './attestation.js';

const g = (lessonId: number, date: string, value: string, workType = 'oral', weight = 1): StudentGrade => ({
  lessonId,
  date,
  value,
  workType,
  weight,
});

describe('weekly load', () => {
  it('divides the hours by the weeks of the term', () => {
    expect(hoursPerWeek(72, '2026-09-01', '2026-12-31')).toBe(4);
    expect(hoursPerWeek(36, '2026-09-01', '2026-12-31')).toBe(2);
    expect(hoursPerWeek(108, '2026-09-01', '2026-12-31')).toBe(6);
  });
});

describe('п. 4.2: how many grades', () => {
  it('needs 2 at 2 hours a week and one more per further 2 hours', () => {
    expect(requiredGradeCount(1)).toBe(2);
    expect(requiredGradeCount(2)).toBe(2);
    expect(requiredGradeCount(3)).toBe(2);
    expect(requiredGradeCount(4)).toBe(3);
    expect(requiredGradeCount(6)).toBe(4);
    expect(requiredGradeCount(8)).toBe(5);
  });

  it('follows the organization settings', () => {
    const rule = objectivityRuleFrom(
      JSON.stringify({ objectivity: { baseGrades: 3, extraHoursStep: 1, requiredWorkTypes: ['control', 'nonsense'] } }),
    );
    expect(rule.baseGrades).toBe(3);
    expect(rule.requiredWorkTypes).toEqual(['control']);
    expect(requiredGradeCount(4, rule)).toBe(5);
    expect(objectivityRuleFrom('not json')).toEqual(DEFAULT_OBJECTIVITY);
    expect(objectivityRuleFrom(JSON.stringify({ objectivity: { baseGrades: -1 } })).baseGrades).toBe(2);
  });
});

describe('the objectivity check', () => {
  it('passes with enough grades and every required work graded', () => {
    const grades = [g(1, '2026-09-02', '5'), g(2, '2026-09-09', '4', 'control')];
    expect(checkObjectivity(grades, 2, [{ lessonId: 2, date: '2026-09-09', workType: 'control' }])).toEqual([]);
  });

  it('lists too few grades and each ungraded work', () => {
    const missing = checkObjectivity([g(1, '2026-09-02', '5')], 3, [
      { lessonId: 2, date: '2026-09-09', workType: 'control' },
      { lessonId: 3, date: '2026-09-16', workType: 'laboratory' },
    ]);
    expect(missing.map((m) => m.text)).toEqual([
      'Нужно не менее 3 оценок, выставлено 1',
      'Контрольная работа от 09.09.2026 не оценена',
      'Лабораторная работа от 16.09.2026 не оценена',
    ]);
  });

  it('accepts a make-up at a later lesson, but not an earlier one', () => {
    const works = [{ lessonId: 2, date: '2026-09-09', workType: 'control' as const }];
    expect(checkObjectivity([g(5, '2026-09-20', '3', 'control'), g(1, '2026-09-01', '4')], 2, works)).toEqual([]);
    expect(checkObjectivity([g(1, '2026-09-01', '4', 'control'), g(6, '2026-09-02', '4')], 2, works)).toHaveLength(1);
  });

  it('needs one grade per work: two control works need two control grades', () => {
    const works = [
      { lessonId: 2, date: '2026-09-09', workType: 'control' as const },
      { lessonId: 4, date: '2026-10-09', workType: 'control' as const },
    ];
    const missing = checkObjectivity([g(2, '2026-09-09', '5', 'control'), g(1, '2026-09-01', '4')], 2, works);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ kind: 'work', lessonId: 4 });
  });
});

describe('suggestion and allowed values', () => {
  it('rounds the weighted average', () => {
    expect(suggestTermGrade([{ value: '5' }, { value: '4' }])).toBe('5');
    expect(
      suggestTermGrade([
        { value: '5', weight: 1 },
        { value: '3', weight: 3 },
      ]),
    ).toBe('4');
    expect(suggestTermGrade([{ value: '3' }, { value: '2' }, { value: '2' }])).toBe('2');
    expect(suggestTermGrade([{ value: 'зач' }])).toBeNull();
    expect(suggestTermGrade([{ value: '3' }], true)).toBe('зачтено');
  });

  it('keeps pass/fail to a зачёт and 5-point to the rest', () => {
    expect(allowedValues('З')).toContain('зачтено');
    expect(allowedValues('Э')).not.toContain('зачтено');
    expect(allowedValues('Э')).toContain('5');
    expect(allowedValues(null)).toContain('5');
    expect(kindsFor('Э')).toEqual(['term', 'exam', 'final']);
    expect(kindsFor('ДЗ')).toEqual(['term', 'final']);
    expect(kindsFor('Э', false)).toEqual(['term', 'exam']);
    expect(kindsFor(null, false)).toEqual(['term']);
  });
});

describe('works of the КТП', () => {
  const held = [
    { id: 11, date: '2026-09-02', hours: 2 },
    { id: 12, date: '2026-09-09', hours: 2 },
    { id: 13, date: '2026-09-16', hours: 2 },
  ];
  it('finds the lesson each planned work was due at, up to the lessons held', () => {
    const items = [
      { hours: 2, lessonType: 'theory', topic: 'Введение' },
      { hours: 2, lessonType: 'laboratory', topic: 'Лабораторная работа № 1' },
      { hours: 1, lessonType: 'theory', topic: 'Половина пары' },
      { hours: 1, lessonType: 'control', topic: 'Контрольная работа' },
      { hours: 2, lessonType: 'practical', topic: 'Ещё не дошли' },
    ];
    expect(plannedWorks(items, held, ['control', 'laboratory', 'practical'])).toEqual([
      { lessonId: 12, date: '2026-09-09', workType: 'laboratory', topic: 'Лабораторная работа № 1' },
      { lessonId: 13, date: '2026-09-16', workType: 'control', topic: 'Контрольная работа' },
    ]);
    expect(plannedWorks(items, held, ['control'])).toHaveLength(1);
    expect(plannedWorks(items, [], ['control'])).toEqual([]);
  });
});

describe('rates of a sheet', () => {
  it('keeps н/а in N and leaves осв. out', () => {
    expect(rates(['5', '4', '3', '2', 'н/а', 'осв.'])).toEqual({ counted: 5, passRate: 60, qualityRate: 40, average: 3.5 });
    expect(rates(['зачтено', 'не зачтено'])).toMatchObject({ passRate: 50, qualityRate: 0, average: null });
    expect(rates([])).toEqual({ counted: 0, passRate: null, qualityRate: null, average: null });
  });
});
