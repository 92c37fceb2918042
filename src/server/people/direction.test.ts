import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates.js';
import {
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildOrganization,
  buildStudent,
  buildUser,
} from '../../../test/factories.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { buildBells } from '../../../test/factories-timetable.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// A specialist reads the journals, absences and cards of their direction only (п. 2.6, decision 016).
let s: TestServer;
let admin: ApiClient;
let spec: ApiClient;
let bare: ApiClient;
let specPersonId: number;
let w: Awaited<ReturnType<typeof setup>>;

async function setup(orgId: number) {
  const j = await buildJournal(s.db, orgId);
  const since = addDays(j.today, -120);
  const gPart = await buildGroup(s.db, { orgId, name: 'ЧАСТЬ-1' });
  const lone = await buildStudent(s.db, gPart, { lastName: 'Одинокова', since });
  const mate = await buildStudent(s.db, gPart, { lastName: 'Соседова', since });
  const aPart = await buildAssignment(s.db, { group: gPart, termId: j.termId });
  const lPart = await buildLesson(s.db, aPart, { date: j.today });
  const gOut = await buildGroup(s.db, { orgId, name: 'ЧУЖАЯ-1' });
  const out = await buildStudent(s.db, gOut, { lastName: 'Чужова', since });
  const outGuardian = await buildGuardian(s.db, orgId, [out.id]);
  const aOut = await buildAssignment(s.db, { group: gOut, termId: j.termId });
  const lOut = await buildLesson(s.db, aOut, { date: j.today });
  await buildMark(s.db, { orgId, lessonId: lPart.id, studentId: mate.id, userId: (await buildUser(s.db, { orgId })).id, value: 'н' });
  await buildBells(s.db, orgId);
  return { ...j, gIn: j.group, aIn: j.assignment, gPart, lone, mate, aPart, lPart, gOut, out, outGuardian, aOut, lOut };
}

beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db)).id;
  const a = await buildUser(s.db, { orgId, roles: ['admin'] });
  const sp = await buildUser(s.db, { orgId, roles: ['specialist'], lastName: 'Психологова' });
  const sp2 = await buildUser(s.db, { orgId, roles: ['specialist'] });
  specPersonId = sp.personId;
  w = await setup(orgId);
  admin = await new ApiClient(s.url).login(a.login, a.password);
  const set = await admin.put(`/staff/${sp.personId}/direction`, { groupIds: [w.gIn.id], studentIds: [w.lone.id] });
  expect(set.status).toBe(200);
  spec = await new ApiClient(s.url).login(sp.login, sp.password);
  bare = await new ApiClient(s.url).login(sp2.login, sp2.password);
});
afterAll(() => s.close());

const ids = (items: { id: number }[]) => items.map((x) => x.id).sort((a, b) => a - b);

describe('the administrator assigns a direction', () => {
  it('reads it back, refuses a non-specialist and another college’s groups, and audits the change', async () => {
    const d = await admin.get<{
      isSpecialist: boolean;
      groups: { id: number; name: string }[];
      students: { id: number; fullName: string; groupName: string | null }[];
    }>(`/staff/${specPersonId}/direction`);
    expect(d.body).toMatchObject({ isSpecialist: true, groups: [{ id: w.gIn.id }], students: [{ id: w.lone.id, groupName: 'ЧАСТЬ-1' }] });
    const teacher = await admin.put<{ error: { fields: Record<string, string> } }>(`/staff/${w.teacher.personId}/direction`, {
      groupIds: [w.gIn.id],
      studentIds: [],
    });
    expect(teacher.status).toBe(400);
    expect(teacher.body.error.fields.personId).toContain('Специалист');
    const foreign = await buildGroup(s.db, {});
    const bad = await admin.put<{ error: { fields: Record<string, string> } }>(`/staff/${specPersonId}/direction`, {
      groupIds: [foreign.id],
      studentIds: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.groupIds).toBeTruthy();
    const audit = await s.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'people.direction_changed')
      .where('entity_id', '=', String(specPersonId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after!)).toEqual({ groupIds: [w.gIn.id], studentIds: [w.lone.id] });
    expect((await spec.put(`/staff/${specPersonId}/direction`, { groupIds: [w.gOut.id], studentIds: [] })).status).toBe(403);
  });

  it('the specialist sees their direction on /auth/me', async () => {
    const me = await spec.get<{ roles: { role: string; scope: { kind: string; id: number }[] }[] }>('/auth/me');
    const scope = me.body.roles.find((r) => r.role === 'specialist')!.scope;
    expect(scope).toEqual([{ kind: 'group', id: w.gIn.id, name: w.gIn.name }, expect.objectContaining({ kind: 'student', id: w.lone.id })]);
  });
});

describe('a specialist reads their direction only', () => {
  it('students: the list and cards', async () => {
    const list = await spec.get<{ items: { id: number }[] }>('/students?pageSize=500');
    expect(ids(list.body.items)).toEqual([...w.students.map((x) => x.id), w.lone.id].sort((a, b) => a - b));
    expect((await spec.get(`/students/${w.students[0].id}`)).status).toBe(200);
    expect((await spec.get(`/students/${w.lone.id}`)).status).toBe(200);
    expect((await spec.get(`/students/${w.mate.id}`)).status).toBe(404);
    expect((await spec.get(`/students/${w.out.id}`)).status).toBe(404);
    expect((await spec.get(`/guardians/${w.outGuardian.personId}`)).status).toBe(404);
    expect(
      (await spec.get<{ items: unknown[] }>('/guardians?pageSize=500')).body.items.some(
        (g) => (g as { personId: number }).personId === w.outGuardian.personId,
      ),
    ).toBe(false);
    expect((await bare.get<{ total: number }>('/students')).body.total).toBe(0);
  });

  it('group pages and usage', async () => {
    expect((await spec.get(`/groups/${w.gOut.id}/page`)).status).toBe(404);
    const part = await spec.get<{ students: { id: number }[]; left: unknown[] }>(`/groups/${w.gPart.id}/page`);
    expect(part.status).toBe(200);
    expect(ids(part.body.students)).toEqual([w.lone.id]);
    expect((await spec.get<{ students: unknown[] }>(`/groups/${w.gIn.id}/page`)).body.students).toHaveLength(3);
    expect((await spec.get(`/groups/${w.gOut.id}/usage`)).status).toBe(404);
    expect((await spec.get(`/groups/${w.gOut.id}/usage.xlsx`)).status).toBe(404);
    const usage = await spec.get<{ groupId: number; students: number }[]>('/usage');
    expect(usage.body.map((u) => u.groupId).sort((a, b) => a - b)).toEqual([w.gIn.id, w.gPart.id].sort((a, b) => a - b));
    expect(usage.body.find((u) => u.groupId === w.gPart.id)!.students).toBe(1);
  });

  it('journals: the list, the grid, the lesson, the cell history and absences', async () => {
    const list = await spec.get<{ items: { id: number }[] }>(`/journal/assignments?termId=${w.termId}`);
    expect(ids(list.body.items)).toEqual([w.aIn.id, w.aPart.id].sort((a, b) => a - b));
    expect((await spec.get(`/journal/grid?assignmentId=${w.aOut.id}`)).status).toBe(404);
    const grid = await spec.call('GET /journal/grid', { query: { assignmentId: w.aPart.id } });
    expect(grid.body.students.map((x) => x.studentId)).toEqual([w.lone.id]);
    expect(grid.body.marks.id).toEqual([]);
    expect((await spec.get<{ students: unknown[] }>(`/journal/grid?assignmentId=${w.aIn.id}`)).body.students).toHaveLength(3);
    expect((await spec.get(`/journal/lessons/${w.lOut.id}`)).status).toBe(404);
    const lesson = await spec.get<{ students: { studentId: number }[]; markCount: number }>(`/journal/lessons/${w.lPart.id}`);
    expect(lesson.body.students.map((x) => x.studentId)).toEqual([w.lone.id]);
    expect((await spec.get(`/journal/history?lessonId=${w.lPart.id}&studentId=${w.mate.id}`)).status).toBe(404);
    expect((await spec.get(`/journal/history?lessonId=${w.lPart.id}&studentId=${w.lone.id}`)).status).toBe(200);
    expect((await spec.get(`/journal/excuses?groupId=${w.gOut.id}`)).status).toBe(404);
    const ex = await spec.get<{ students: { studentId: number }[] }>(`/journal/excuses?groupId=${w.gPart.id}`);
    expect(ex.body.students.map((x) => x.studentId)).toEqual([w.lone.id]);
  });

  it('attestation sheets and their exports', async () => {
    const list = await spec.get<{ items: { id: number }[] }>(`/attestation/assignments?termId=${w.termId}`);
    expect(ids(list.body.items)).toEqual([w.aIn.id, w.aPart.id].sort((a, b) => a - b));
    for (const suffix of ['sheet', 'sheet.pdf', 'sheet.xlsx'])
      expect((await spec.get(`/attestation/assignments/${w.aOut.id}/${suffix}`)).status).toBe(404);
    const sheet = await spec.get<{ students: { studentId: number }[] }>(`/attestation/assignments/${w.aPart.id}/sheet`);
    expect(sheet.body.students.map((x) => x.studentId)).toEqual([w.lone.id]);
  });

  it('the timetable of groups and students in the direction', async () => {
    expect((await spec.get(`/timetable/week?view=group&id=${w.gOut.id}&date=${w.today}`)).status).toBe(403);
    expect((await spec.get(`/timetable/groups/${w.gOut.id}/week.pdf?date=${w.today}`)).status).toBe(403);
    expect((await spec.get(`/timetable/week?view=group&id=${w.gIn.id}&date=${w.today}`)).status).toBe(200);
    expect((await spec.get(`/timetable/week?view=student&id=${w.lone.id}&date=${w.today}`)).status).toBe(200);
    expect((await spec.get(`/timetable/week?view=student&id=${w.out.id}&date=${w.today}`)).status).toBe(403);
    const cat = await spec.get<{ groups: { id: number }[] }>('/timetable/catalog');
    expect(ids(cat.body.groups)).toEqual([w.gIn.id, w.gPart.id].sort((a, b) => a - b));
  });
});
