import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAcademicYear, buildAssignment, buildGroup, buildOrganization, buildSubgroup, buildSubject } from '../../../test/factories.js';
import { buildItemTerm, buildLessonPlan } from '../../../test/factories-curriculum.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { attestationFormFor, lessonPlanForAssignment, termNoOfAssignment } from './plan-lookup.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('plan lookup for the journal', () => {
  it('prefers the subgroup copy, then the group copy, then the shared base', async () => {
    const org = await buildOrganization(s.db);
    const group = await buildGroup(s.db, { orgId: org.id, course: 2 });
    const sg1 = await buildSubgroup(s.db, { id: group.id, orgId: org.id }, 'Подгруппа 1');
    const sg2 = await buildSubgroup(s.db, { id: group.id, orgId: org.id }, 'Подгруппа 2');
    const subject = await buildSubject(s.db, org.id, { programId: group.programId });
    const year = await buildAcademicYear(s.db, org.id);
    const a1 = await buildAssignment(s.db, { group: { ...group }, subgroupId: sg1.id, subjectId: subject.id, termId: year.termIds[0] });
    const a2 = await buildAssignment(s.db, { group: { ...group }, subgroupId: sg2.id, subjectId: subject.id, termId: year.termIds[0] });
    expect(await lessonPlanForAssignment(s.db, org.id, a1.id)).toBeNull();

    const base = await buildLessonPlan(s.db, org.id, subject.id, {
      status: 'approved',
      lines: [
        { topic: 'Введение', hours: 2, lessonType: 'theory' },
        { topic: 'Практическое занятие № 1', hours: 2, lessonType: 'practical', selfStudyTask: 'Отчёт', selfStudyHours: 1 },
      ],
    });
    const got = await lessonPlanForAssignment(s.db, org.id, a1.id);
    expect(got).toMatchObject({ planId: base.id, status: 'approved' });
    expect(got!.items.map((i) => [i.position, i.topic, i.lessonType, i.selfStudyHours])).toEqual([
      [1, 'Введение', 'theory', 0],
      [2, 'Практическое занятие № 1', 'practical', 1],
    ]);

    const groupCopy = await buildLessonPlan(s.db, org.id, subject.id, { groupId: group.id });
    expect((await lessonPlanForAssignment(s.db, org.id, a1.id))!.planId).toBe(groupCopy.id);
    const sgCopy = await buildLessonPlan(s.db, org.id, subject.id, { groupId: group.id, subgroupId: sg1.id, status: 'submitted' });
    expect(await lessonPlanForAssignment(s.db, org.id, a1.id)).toMatchObject({ planId: sgCopy.id, status: 'submitted' });
    expect((await lessonPlanForAssignment(s.db, org.id, a2.id))!.planId).toBe(groupCopy.id);

    // Another college's assignment is not visible.
    const other = await buildOrganization(s.db);
    expect(await lessonPlanForAssignment(s.db, other.id, a1.id)).toBeNull();
  });

  it("gives the attestation form of the assignment's program term", async () => {
    const org = await buildOrganization(s.db);
    const group = await buildGroup(s.db, { orgId: org.id, course: 2 }); // intake 2025: 2026/2027 is terms 3 and 4
    const subject = await buildSubject(s.db, org.id, { programId: group.programId });
    const year = await buildAcademicYear(s.db, org.id, 2026);
    await buildItemTerm(s.db, org.id, subject.id, 3, { theory: 30 });
    await buildItemTerm(s.db, org.id, subject.id, 4, { theory: 20, practical: 10, form: 'Э' });
    const t1 = await buildAssignment(s.db, { group, subjectId: subject.id, termId: year.termIds[0] });
    const t2 = await buildAssignment(s.db, { group, subjectId: subject.id, termId: year.termIds[1] });
    expect(await termNoOfAssignment(s.db, org.id, t1.id)).toBe(3);
    expect(await attestationFormFor(s.db, org.id, t1.id)).toBeNull();
    expect(await attestationFormFor(s.db, org.id, t2.id)).toBe('Э');
    expect(await attestationFormFor(s.db, (await buildOrganization(s.db)).id, t2.id)).toBeNull();
  });
});
