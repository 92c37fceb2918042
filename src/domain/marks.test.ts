import { describe, expect, it } from 'vitest';
import { averages, gradePoints, isAbsenceCode, isGradeValue, parseWorkTypes } from './marks.js';

describe('marks', () => {
  it('knows grades and absence codes', () => {
    expect(isGradeValue('5')).toBe(true);
    expect(isGradeValue('6')).toBe(false);
    expect(isAbsenceCode('уп')).toBe(true);
    expect(isAbsenceCode('x')).toBe(false);
    expect(gradePoints('зач')).toBeNull();
  });
  it('averages plain and weighted, ignoring pass/fail', () => {
    const a = averages([{ value: '5', weight: 2 }, { value: '3' }, { value: 'зач' }]);
    expect(a.plain).toBe(4);
    expect(a.weighted).toBe(4.33);
    expect(a.count).toBe(2);
    expect(averages([]).plain).toBeNull();
  });
});

describe('work types of a lesson', () => {
  it('reads a JSON array of codes and nothing else', () => {
    expect(parseWorkTypes('["control","practical"]')).toEqual(['control', 'practical']);
    expect(parseWorkTypes('[1,"oral"]')).toEqual(['oral']);
    expect(parseWorkTypes('{"a":1}')).toEqual([]);
    expect(parseWorkTypes('not json')).toEqual([]);
    expect(parseWorkTypes(null)).toEqual([]);
  });
});
