import { describe, expect, it } from 'vitest';
import {
  canMovePlan,
  checkPlanHours,
  cycleOfCode,
  describeHoursDifference,
  fulfilmentPercent,
  itemKindOfCode,
  parseAttestationForm,
  parseLessonType,
  planHours,
  programTermNo,
  weeklyLoad,
} from './curriculum.js';

describe('curriculum vocabulary', () => {
  it('reads indexes', () => {
    expect(itemKindOfCode('ПМ.01')).toBe('module');
    expect(itemKindOfCode('МДК.01.02')).toBe('mdk');
    expect(itemKindOfCode('УП.01')).toBe('educational_practice');
    expect(itemKindOfCode('ПП.03')).toBe('industrial_practice');
    expect(itemKindOfCode('ОП.03')).toBe('discipline');
    expect(cycleOfCode('МДК.01.01')).toBe('ПМ');
    expect(cycleOfCode('ОГСЭ.03')).toBe('ОГСЭ');
    expect(cycleOfCode('ООД.04')).toBe('ООД');
  });

  it('parses what teachers type', () => {
    expect(parseLessonType('Теория')).toBe('theory');
    expect(parseLessonType('ПЗ')).toBe('practical');
    expect(parseLessonType('Лаб. работа')).toBe('laboratory');
    expect(parseLessonType('к/р')).toBe('control');
    expect(parseLessonType('Экскурсия')).toBe('excursion');
    expect(parseLessonType('практическое занятие')).toBe('practical');
    expect(parseLessonType('что-то')).toBeUndefined();
    expect(parseAttestationForm('дз')).toBe('ДЗ');
    expect(parseAttestationForm('Экзамен')).toBe('Э');
    expect(parseAttestationForm('')).toBeNull();
    expect(parseAttestationForm('x')).toBeUndefined();
  });

  it('places an academic term in the program', () => {
    expect(programTermNo(2026, 2026, 1)).toBe(1);
    expect(programTermNo(2025, 2026, 2)).toBe(4);
    expect(programTermNo(2023, 2026, 2)).toBe(8);
  });
});

describe('hours check (п. 3.13)', () => {
  it('sums a plan by kinds: control and excursions count as theory, seminars as practice', () => {
    const h = planHours([
      { hours: 2, lessonType: 'theory', selfStudyHours: 1 },
      { hours: 2, lessonType: 'control' },
      { hours: 2, lessonType: 'excursion' },
      { hours: 2, lessonType: 'practical', selfStudyHours: 2 },
      { hours: 2, lessonType: 'seminar' },
      { hours: 4, lessonType: 'laboratory' },
    ]);
    expect(h).toMatchObject({ theory: 6, practical: 4, laboratory: 4, self_study: 3 });
  });

  it('shows the difference and matches only when every kind is equal', () => {
    const r = checkPlanHours({ theory: 6, practical: 2 }, { theory: 6, practical: 4, consultation: 2 });
    expect(r.matches).toBe(false);
    expect(r.rows.find((x) => x.kind === 'practical')).toEqual({ kind: 'practical', curriculum: 4, plan: 2, difference: -2 });
    expect(describeHoursDifference(r.rows)).toEqual(['Практические занятия: в КТП 2 ч, по учебному плану 4 ч (не хватает 2 ч)']);
    expect(checkPlanHours({ theory: 6, practical: 4 }, { theory: 6, practical: 4, exam: 6 }).matches).toBe(true);
  });

  it('moves plans through the approval', () => {
    expect(canMovePlan('draft', 'submitted')).toBe(true);
    expect(canMovePlan('returned', 'submitted')).toBe(true);
    expect(canMovePlan('submitted', 'approved')).toBe(true);
    expect(canMovePlan('draft', 'approved')).toBe(false);
    expect(canMovePlan('approved', 'submitted')).toBe(false);
  });

  it('computes weekly load and fulfilment', () => {
    expect(weeklyLoad({ theory: 34, practical: 34, self_study: 10 }, 17)).toBe(4);
    expect(fulfilmentPercent(30, 40)).toBe(75);
    expect(fulfilmentPercent(3, 0)).toBeNull();
  });
});
