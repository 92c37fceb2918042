import { describe, expect, it } from 'vitest';
import { averages, gradePoints, isAbsenceCode, isGradeValue } from './marks.js';

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
