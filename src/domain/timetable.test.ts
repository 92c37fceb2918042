import { describe, expect, it } from 'vitest';
import {
  expandTimetable,
  findEntryClashes,
  findHoursClashes,
  findLessonClashes,
  mondayOf,
  roomKey,
  timetableHours,
  weekParity,
  type SlotEntry,
} from './timetable.js';

const term = { id: 1, startDate: '2026-09-01', endDate: '2026-12-31' };
const names = {
  teacher: (id: number) => `Преподаватель${id}`,
  group: (g: number, s: number | null) => (s ? `Г${g}/${s}` : `Г${g}`),
  subject: (a: number) => `Предмет${a}`,
};
const entry = (o: Partial<SlotEntry> = {}): SlotEntry => ({
  id: 1,
  termId: 1,
  groupId: 10,
  subgroupId: null,
  weekday: 1,
  pairNo: 1,
  assignmentId: 100,
  teacherPersonId: 7,
  room: '101',
  parity: 'all',
  validFrom: term.startDate,
  validTo: term.endDate,
  ...o,
});

describe('week parity', () => {
  it('counts числитель from the term’s first week', () => {
    expect(mondayOf('2026-09-03')).toBe('2026-08-31');
    expect(weekParity('2026-09-01', term.startDate)).toBe('odd');
    expect(weekParity('2026-09-06', term.startDate)).toBe('odd');
    expect(weekParity('2026-09-07', term.startDate)).toBe('even');
    expect(weekParity('2026-09-14', term.startDate)).toBe('odd');
  });
});

describe('expandTimetable', () => {
  it('yields a lesson on each matching weekday within the range, term and parity', () => {
    const occ = expandTimetable([entry(), entry({ id: 2, weekday: 3, parity: 'even' })], [], [term], '2026-09-07', '2026-09-20');
    expect(occ.map((o) => `${o.entryId}:${o.date}`)).toEqual(['1:2026-09-07', '2:2026-09-09', '1:2026-09-14']);
  });

  it('respects the entry’s date range', () => {
    const occ = expandTimetable([entry({ validFrom: '2026-09-10', validTo: '2026-09-20' })], [], [term], '2026-09-01', '2026-09-30');
    expect(occ.map((o) => o.date)).toEqual(['2026-09-14']);
  });

  it('applies one-date changes: a substitute keeps the planned teacher, a move keeps the slot date', () => {
    const changes = [
      {
        id: 5,
        entryId: 1,
        date: '2026-09-07',
        kind: 'substitute' as const,
        toDate: null,
        toPairNo: null,
        room: null,
        assignmentId: null,
        teacherPersonId: 8,
      },
      {
        id: 6,
        entryId: 1,
        date: '2026-09-14',
        kind: 'move' as const,
        toDate: '2026-09-15',
        toPairNo: 3,
        room: '202',
        assignmentId: null,
        teacherPersonId: null,
      },
      {
        id: 7,
        entryId: 1,
        date: '2026-09-21',
        kind: 'cancel' as const,
        toDate: null,
        toPairNo: null,
        room: null,
        assignmentId: null,
        teacherPersonId: null,
      },
    ];
    const [a, b, c] = expandTimetable([entry()], changes, [term], '2026-09-07', '2026-09-21');
    expect([a.teacherPersonId, a.plannedTeacherPersonId, a.changeKind]).toEqual([8, 7, 'substitute']);
    expect([b.slotDate, b.date, b.pairNo, b.room]).toEqual(['2026-09-14', '2026-09-15', 3, '202']);
    expect(c.status).toBe('cancelled');
  });
});

describe('clashes', () => {
  it('names a teacher booked twice', () => {
    const c = findEntryClashes([entry({ id: 2, groupId: 11, room: '102' })], [entry()], names);
    expect(c.map((x) => x.kind)).toEqual(['teacher']);
    expect(c[0].message).toContain('Преподаватель7');
    expect(c[0].message).toContain('Г10');
  });

  it('names a room booked twice and a group booked twice', () => {
    const c = findEntryClashes([entry({ id: 2, teacherPersonId: 8, room: 'каб. 101' })], [entry()], names);
    expect(c.map((x) => x.kind).sort()).toEqual(['group', 'room']);
  });

  it('lets two subgroups study at once, and числитель beside знаменатель', () => {
    expect(findEntryClashes([entry({ id: 2, subgroupId: 2, teacherPersonId: 8, room: '102' })], [entry({ subgroupId: 1 })], names)).toEqual(
      [],
    );
    expect(findEntryClashes([entry({ id: 2, parity: 'even' })], [entry({ parity: 'odd' })], names)).toEqual([]);
    expect(findEntryClashes([entry({ id: 2, validFrom: '2026-11-01' })], [entry({ validTo: '2026-10-31' })], names)).toEqual([]);
  });

  it('a whole-group lesson clashes with a subgroup lesson', () => {
    expect(
      findEntryClashes([entry({ id: 2, subgroupId: 2, teacherPersonId: 8, room: '102' })], [entry()], names).map((c) => c.kind),
    ).toEqual(['group']);
  });

  it('counts hours over the term and flags a teacher beyond the load', () => {
    const short = { id: 1, startDate: '2026-09-01', endDate: '2026-09-30' };
    expect(timetableHours([entry()], short)).toBe(8); // four Mondays
    const c = findHoursClashes([entry()], [{ id: 100, hours: 6, teacherPersonId: 7, groupId: 10, subgroupId: null }], short, names);
    expect(c[0].message).toContain('6 ч');
    expect(c[0].message).toContain('8 ч');
    expect(findHoursClashes([entry()], [{ id: 100, hours: 8, teacherPersonId: 7, groupId: 10, subgroupId: null }], short, names)).toEqual(
      [],
    );
  });

  it('checks one lesson against a day', () => {
    const day = [
      {
        key: 'x',
        date: '2026-09-07',
        pairNo: 2,
        groupId: 11,
        subgroupId: null,
        teacherPersonId: 8,
        room: '5',
        assignmentId: 1,
        status: 'scheduled',
      },
    ];
    expect(
      findLessonClashes(
        { key: 'y', date: '2026-09-07', pairNo: 2, groupId: 10, subgroupId: null, teacherPersonId: 8, room: null },
        day,
        names,
      )[0].kind,
    ).toBe('teacher');
    expect(
      findLessonClashes(
        { key: 'y', date: '2026-09-07', pairNo: 3, groupId: 10, subgroupId: null, teacherPersonId: 8, room: null },
        day,
        names,
      ),
    ).toEqual([]);
    expect(
      findLessonClashes(
        { key: 'y', date: '2026-09-07', pairNo: 2, groupId: 10, subgroupId: null, teacherPersonId: 8, room: null },
        [{ ...day[0], status: 'cancelled' }],
        names,
      ),
    ).toEqual([]);
  });

  it('compares rooms as typed', () => {
    expect(roomKey('Каб. 101')).toBe(roomKey('101'));
  });
});
