import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../../src/contracts/journal.js';
import { decodeGridMarks } from './grid-data.js';

const lesson = (id: number) => ({
  id,
  date: '2026-09-01',
  pairNo: 1,
  hours: 2,
  topic: null,
  teacherPersonId: 1,
  window: 'open' as const,
  canWrite: true,
});
const student = (studentId: number) => ({
  studentId,
  fullName: `С ${studentId}`,
  shortName: `С ${studentId}`,
  from: '2026-09-01',
  to: null,
});

describe('decodeGridMarks', () => {
  it('turns the columns back into marks: ids from differences, lessons and students from positions, the kind from the value', () => {
    const g: Pick<Grid, 'marks' | 'lessons' | 'students'> = {
      lessons: [lesson(100), lesson(101)],
      students: [student(7), student(9)],
      marks: {
        id: [40, 1, 5],
        lesson: [0, 1, 1],
        student: [1, 0, 1],
        value: ['5', 'н', '4'],
        workType: ['oral', null, 'control'],
        weight: [1, 1, 2],
        version: [1, 3, 1],
      },
    };
    expect(decodeGridMarks(g)).toEqual([
      { id: 40, lessonId: 100, studentId: 9, kind: 'grade', value: '5', workType: 'oral', weight: 1, version: 1 },
      { id: 41, lessonId: 101, studentId: 7, kind: 'absence', value: 'н', workType: null, weight: 1, version: 3 },
      { id: 46, lessonId: 101, studentId: 9, kind: 'grade', value: '4', workType: 'control', weight: 2, version: 1 },
    ]);
  });
  it('decodes no marks to none', () => {
    expect(
      decodeGridMarks({
        lessons: [],
        students: [],
        marks: { id: [], lesson: [], student: [], value: [], workType: [], weight: [], version: [] },
      }),
    ).toEqual([]);
  });
});
