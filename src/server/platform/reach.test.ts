import { describe, expect, it } from 'vitest';
import type { Principal } from './access.js';
import { NO_DIRECTION } from './direction.js';
import { namesStudent, readsJournal, reachOf, visibleStudents } from './reach.js';

const base: Principal = {
  userId: 1,
  personId: 10,
  organizationId: 1,
  login: 'x',
  lastName: 'Иванова',
  firstName: 'Анна',
  middleName: null,
  roles: ['teacher'],
  curatorGroupIds: [5],
  commissionIds: [7],
  studentId: null,
  linkedStudentIds: [40],
  direction: NO_DIRECTION,
  mustChangePassword: false,
  timeZone: 'Asia/Vladivostok',
  region: 'Приморский край',
};
const journal = (
  over: Partial<{ groupId: number; commissionId: number | null; assignmentTeacherPersonId: number; lessonTeacherPersonId: number }> = {},
) => ({ groupId: 1, commissionId: null, assignmentTeacherPersonId: 99, ...over });

describe('reach', () => {
  it('org reads every journal and sees every row', () => {
    const r = reachOf(base, ['org']);
    expect(readsJournal(r, journal())).toBe(true);
    expect(visibleStudents(r, journal())).toBeNull();
  });
  it('a scope counts only when the route grants it: the curator’s group needs `group`', () => {
    expect(readsJournal(reachOf(base, ['group']), journal({ groupId: 5 }))).toBe(true);
    expect(readsJournal(reachOf(base, ['assignment']), journal({ groupId: 5 }))).toBe(false);
  });
  it('a teacher reads their assignment and a lesson they substitute, not another teacher’s', () => {
    const r = reachOf(base, ['assignment']);
    expect(readsJournal(r, journal({ assignmentTeacherPersonId: 10 }))).toBe(true);
    expect(readsJournal(r, journal({ lessonTeacherPersonId: 10 }))).toBe(true);
    expect(readsJournal(r, journal())).toBe(false);
  });
  it('a chair reads the commission’s subjects', () => {
    expect(readsJournal(reachOf(base, ['commission']), journal({ commissionId: 7 }))).toBe(true);
    expect(readsJournal(reachOf(base, ['commission']), journal({ commissionId: 8 }))).toBe(false);
  });
  it('a specialist with single students sees only their rows of the group', () => {
    const p = { ...base, direction: { groupIds: [2], studentIds: [30], studentGroupIds: [3] } };
    const r = reachOf(p, ['direction']);
    expect(visibleStudents(r, journal({ groupId: 2 }))).toBeNull();
    expect([...(visibleStudents(r, journal({ groupId: 3 })) ?? [])]).toEqual([30]);
    expect(readsJournal(r, journal({ groupId: 4 }))).toBe(false);
  });
  it('names the student themself and a guardian’s children only under self / linked', () => {
    expect(namesStudent(reachOf(base, ['linked']), 40)).toBe(true);
    expect(namesStudent(reachOf(base, ['self']), 40)).toBe(false);
  });
});
