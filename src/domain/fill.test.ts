import { describe, expect, it } from 'vitest';
import { endedPairs, fillState, lessonEnded, teacherFill } from './fill.js';

const bells = [
  { pairNo: 1, endsAt: '10:00' },
  { pairNo: 2, endsAt: '11:40' },
];

describe('fill control', () => {
  it('a lesson has ended on an earlier day, or by its bell today', () => {
    const local = { date: '2026-11-30', time: '10:30' };
    expect(lessonEnded({ date: '2026-11-29', pairNo: 2 }, bells, local)).toBe(true);
    expect(lessonEnded({ date: '2026-11-30', pairNo: 1 }, bells, local)).toBe(true);
    expect(lessonEnded({ date: '2026-11-30', pairNo: 2 }, bells, local)).toBe(false);
    expect(lessonEnded({ date: '2026-12-01', pairNo: 1 }, bells, local)).toBe(false);
    expect(lessonEnded({ date: '2026-11-30', pairNo: null }, bells, local)).toBe(true);
    expect(endedPairs(bells, '10:00')).toEqual([1]);
  });
  it('recorded on the day is judged in the college time zone', () => {
    // 23:30 in Vladivostok on the 29th is still the lesson's day; 00:30 on the 30th is late.
    expect(fillState('2026-11-29', '2026-11-29T13:30:00.000Z', 'Asia/Vladivostok')).toBe('on-day');
    expect(fillState('2026-11-29', '2026-11-29T14:30:00.000Z', 'Asia/Vladivostok')).toBe('late');
    expect(fillState('2026-11-29', null, 'Asia/Vladivostok')).toBe('missing');
  });
  it("a teacher's figures: unrecorded, longest streak, share on the day", () => {
    expect(teacherFill(['on-day', 'missing', 'missing', 'late', 'missing', 'on-day'])).toEqual({
      ended: 6,
      onDay: 2,
      late: 1,
      missing: 3,
      longestStreak: 2,
      onDayShare: 2 / 6,
    });
    expect(teacherFill([]).onDayShare).toBeNull();
  });
});
