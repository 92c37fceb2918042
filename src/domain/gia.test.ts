import { describe, expect, it } from 'vitest';
import { cutoffsProblem, demoExamGrade, modulesProblems, moduleExamProblem, thesisProblems } from './gia.js';

describe('demo exam grade', () => {
  it('defaults to 20 / 40 / 70 % of the maximum; a boundary earns the higher grade', () => {
    expect(demoExamGrade(0, 100)).toBe('2');
    expect(demoExamGrade(19.99, 100)).toBe('2');
    expect(demoExamGrade(20, 100)).toBe('3');
    expect(demoExamGrade(39.99, 100)).toBe('3');
    expect(demoExamGrade(40, 100)).toBe('4');
    expect(demoExamGrade(69.99, 100)).toBe('4');
    expect(demoExamGrade(70, 100)).toBe('5');
    expect(demoExamGrade(100, 100)).toBe('5');
  });
  it('uses the share of the maximum and the college’s cut-offs', () => {
    expect(demoExamGrade(14, 70)).toBe('3');
    expect(demoExamGrade(13.99, 70)).toBe('2');
    expect(demoExamGrade(49, 70)).toBe('5');
    expect(demoExamGrade(0.1 + 0.2 + 29.7, 100, [30, 50, 80])).toBe('3');
    expect(demoExamGrade(49.99, 100, [30, 50, 80])).toBe('3');
    expect(demoExamGrade(50, 100, [30, 50, 80])).toBe('4');
    expect(demoExamGrade(80, 100, [30, 50, 80])).toBe('5');
  });
  it('takes cut-offs only when three, within 0–100 and rising', () => {
    expect(cutoffsProblem([20, 40, 70])).toBeNull();
    expect(cutoffsProblem([20, 40])).toMatch(/три порога/);
    expect(cutoffsProblem([0, 40, 70])).toMatch(/больше 0/);
    expect(cutoffsProblem([20, 101, 70])).toMatch(/не больше 100/);
    expect(cutoffsProblem([40, 40, 70])).toMatch(/возрастать/);
  });
});

describe('records', () => {
  it('a module breakdown sums to the maximum and to the points', () => {
    const m = [
      { name: 'Модуль А', max: 40, points: 30.5 },
      { name: 'Модуль Б', max: 60, points: 41 },
    ];
    expect(modulesProblems(m, 71.5)).toEqual({});
    expect(modulesProblems(m, 70)).toHaveProperty('points');
    expect(modulesProblems([{ name: 'А', max: 50, points: 10 }], 10)).toHaveProperty('modules');
    expect(modulesProblems([{ name: 'А', max: 100, points: 101 }], 101)).toHaveProperty(['modules.0.points']);
  });
  it('a thesis grade needs the admission and a defence date', () => {
    expect(thesisProblems({ admission: 'admitted', defenseDate: '2026-06-20', grade: '5' })).toEqual({});
    expect(thesisProblems({ admission: null, defenseDate: null, grade: null })).toEqual({});
    expect(thesisProblems({ admission: 'not_admitted', defenseDate: null, grade: '3' })).toHaveProperty('grade');
    expect(thesisProblems({ admission: 'admitted', defenseDate: null, grade: '4' })).toHaveProperty('defenseDate');
    expect(thesisProblems({ admission: 'not_admitted', defenseDate: '2026-06-20', grade: null })).toHaveProperty('defenseDate');
  });
  it('a module exam: «освоен» with a positive grade, «не освоен» with «2»', () => {
    expect(moduleExamProblem(true, '4')).toBeNull();
    expect(moduleExamProblem(false, '2')).toBeNull();
    expect(moduleExamProblem(true, '2')).toMatch(/не освоен/);
    expect(moduleExamProblem(false, '3')).toMatch(/«2»/);
  });
});
