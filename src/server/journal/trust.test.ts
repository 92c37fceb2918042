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
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { Correction, CorrectionList, ExcuseList, Grid, History, MarkWriteResult } from '../../contracts/journal.js';

// Powers follow dated membership (decision 013), cell history of one's own marks only, operation
// ids that replay only the same request, and the director's read of correction requests.
let s: TestServer;
let j: Awaited<ReturnType<typeof buildJournal>>;
let orgId: number;
let admin: ApiClient,
  teacher: ApiClient,
  curator: ApiClient,
  newCurator: ApiClient,
  director: ApiClient,
  mover: ApiClient,
  moverParent: ApiClient;
let g2: { id: number; orgId: number; programId: number; name: string };
let moved: { id: number; personId: number };
let transferDate: string;
let g2Lesson: { id: number };
let foreignLesson: { id: number };
let op = 0;
const opId = () => `trust-${Date.now().toString(36)}-${++op}`;
const login = (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
const transfer = (studentId: number, date: string, toGroupId: number) =>
  admin.post(`/students/${studentId}/movement`, { kind: 'transfer', date, toGroupId, orderNo: '44-к', reason: 'Заявление' });

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  j = await buildJournal(s.db, orgId);
  admin = await login(await buildUser(s.db, { orgId, roles: ['admin'] }));
  director = await login(await buildUser(s.db, { orgId, roles: ['director'] }));
  teacher = await login(j.teacher);
  curator = await login(j.curator);
  const c2 = await buildUser(s.db, { orgId });
  g2 = await buildGroup(s.db, { orgId, curatorPersonId: c2.personId, programId: j.group.programId });
  newCurator = await login(c2);
  const st = await buildStudent(s.db, j.group, { lastName: 'Переходова', since: addDays(j.today, -120), withLogin: true });
  moved = st;
  mover = await login(st.user!);
  moverParent = await login(await buildGuardian(s.db, orgId, [st.id]));
  transferDate = addDays(j.today, -10);
  expect((await transfer(st.id, transferDate, g2.id)).status).toBe(200);
  const a2 = await buildAssignment(s.db, { group: g2, termId: j.termId });
  g2Lesson = await buildLesson(s.db, a2, { date: j.today });
  const a3 = await buildAssignment(s.db, { orgId, termId: j.termId });
  foreignLesson = await buildLesson(s.db, a3, { date: j.today });
});
afterAll(() => s.close());

describe('a curator’s справки follow the dates the student was in the group', () => {
  let oldId: number;
  let newId: number;
  it('are created only for the curator’s own period', async () => {
    const body = { studentId: moved.id, reason: 'Болезнь', document: 'Справка № 5' };
    const after = await curator.post<{ error: { message: string } }>('/journal/excuses', {
      ...body,
      fromDate: transferDate,
      toDate: addDays(transferDate, 2),
    });
    expect(after.status).toBe(403);
    expect(after.body.error.message).toContain(j.group.name);
    expect(
      (await curator.post('/journal/excuses', { ...body, fromDate: addDays(transferDate, -3), toDate: addDays(transferDate, 1) })).status,
    ).toBe(403);
    const own = await curator.post<{ id: number }>('/journal/excuses', {
      ...body,
      fromDate: addDays(j.today, -20),
      toDate: addDays(j.today, -15),
    });
    expect(own.status).toBe(201);
    oldId = own.body.id;
    expect(
      (await newCurator.post('/journal/excuses', { ...body, fromDate: addDays(j.today, -20), toDate: addDays(j.today, -18) })).status,
    ).toBe(403);
    const fresh = await newCurator.post<{ id: number }>('/journal/excuses', {
      ...body,
      fromDate: transferDate,
      toDate: addDays(transferDate, 3),
    });
    expect(fresh.status).toBe(201);
    newId = fresh.body.id;
  });

  it('are revoked only by a curator whose period they cover', async () => {
    expect((await curator.delete(`/journal/excuses/${newId}`)).status).toBe(403);
    expect((await newCurator.delete(`/journal/excuses/${oldId}`)).status).toBe(403);
    // Each group's list shows the справки of the student's days in it; one written before this
    // rule across the move is in both lists, and neither curator may revoke it alone.
    const across = await s.db
      .insertInto('absence_excuses')
      .values({
        organization_id: orgId,
        student_id: moved.id,
        from_date: addDays(transferDate, -1),
        to_date: transferDate,
        reason: 'Болезнь',
        document: null,
        created_by_user_id: 1,
        created_at: new Date().toISOString(),
        revoked_at: null,
        revoked_by_user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const list = await newCurator.get<ExcuseList>(`/journal/excuses?groupId=${g2.id}`);
    expect(list.body.items.map((x) => [x.id, x.canRevoke]).sort()).toEqual(
      [
        [newId, true],
        [across.id, false],
      ].sort(),
    );
    const old = await curator.get<ExcuseList>(`/journal/excuses?groupId=${j.group.id}`);
    expect(
      old.body.items
        .filter((x) => x.studentId === moved.id)
        .map((x) => [x.id, x.canRevoke])
        .sort(),
    ).toEqual(
      [
        [oldId, true],
        [across.id, false],
      ].sort(),
    );
    expect((await curator.delete(`/journal/excuses/${oldId}`)).status).toBe(200);
  });

  it('the old group’s journal does not show the new group’s справки', async () => {
    const g = await teacher.get<Grid>(`/journal/grid?assignmentId=${j.assignment.id}`);
    const mine = g.body.excuses.filter((x) => x.studentId === moved.id);
    expect(mine.map((x) => x.fromDate)).toEqual([addDays(transferDate, -1)]);
    expect((await newCurator.delete(`/journal/excuses/${newId}`)).status).toBe(200);
  });
});

describe('a teacher writes about a student only for the dates on the roster', () => {
  it('a subgroup’s lesson takes marks of its own students only, read with the lesson (decision 046)', async () => {
    const a = await buildAssignment(s.db, {
      group: j.group,
      subgroupId: j.subgroup.id,
      termId: j.termId,
      teacherPersonId: j.teacher.personId,
    });
    const l = await buildLesson(s.db, a, { date: j.today, pairNo: 5 });
    // buildJournal puts the third of its students (Ёжиков) alone in the subgroup.
    const [outside, , inSub] = j.students;
    const no = await teacher.post<{ error: { fields: Record<string, string> } }>('/journal/marks', {
      opId: opId(),
      lessonId: l.id,
      studentId: outside.id,
      value: '5',
    });
    expect(no.status).toBe(400);
    expect(no.body.error.fields.studentId).toContain('подгруппе');
    const yes = await teacher.post<MarkWriteResult>('/journal/marks', { opId: opId(), lessonId: l.id, studentId: inSub.id, value: '5' });
    expect(yes.status).toBe(201);
    const upd = await teacher.patch<MarkWriteResult>(`/journal/marks/${yes.body.mark!.id}`, { version: 1, value: '4' });
    expect([upd.status, upd.body.mark?.value]).toEqual([200, '4']);
  });

  it('a mark left after a backdated transfer cannot be changed, only removed', async () => {
    const st = await buildStudent(s.db, j.group, { lastName: 'Задним', since: addDays(j.today, -120) });
    const m1 = await teacher.post<MarkWriteResult>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.today.id,
      studentId: st.id,
      value: '5',
    });
    const m2 = await teacher.post<MarkWriteResult>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.yesterday.id,
      studentId: st.id,
      value: '4',
    });
    expect([m1.status, m2.status]).toEqual([201, 201]);
    expect((await transfer(st.id, addDays(j.today, -1), g2.id)).status).toBe(200);
    const upd = await teacher.patch<{ error: { message: string } }>(`/journal/marks/${m1.body.mark!.id}`, { version: 1, value: '3' });
    expect(upd.status).toBe(403);
    expect(upd.body.error.message).toContain('не числится');
    expect(
      (await teacher.post('/journal/marks', { opId: opId(), lessonId: j.lessons.today.id, studentId: st.id, value: 'н' })).status,
    ).toBe(400);
    expect((await teacher.delete(`/journal/marks/${m2.body.mark!.id}?version=1`)).status).toBe(200);
    // Their history there stays readable to the teacher.
    expect((await teacher.get(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${st.id}`)).status).toBe(200);
  });
});

describe('a teacher’s term grade follows the roster too', () => {
  it('is refused for a student who left the group before the day it is set', async () => {
    const url = (id: number) => `/attestation/assignments/${j.assignment.id}/students/${id}/grades/term`;
    const body = { value: '4', version: null, reason: 'Оценки выставлены на занятиях вне журнала' };
    const gone = await teacher.put<{ error: { message: string } }>(url(moved.id), body);
    expect(gone.status).toBe(403);
    expect(gone.body.error.message).toContain('числится в группе до');
    expect((await teacher.put(url(j.students[1].id), body)).status).toBe(200);
  });
});

describe('cell history: one’s own marks only', () => {
  it('a student and a guardian read the history of the student’s own lessons only', async () => {
    const during = await buildLesson(s.db, j.assignment, { date: addDays(j.today, -15), pairNo: 3 });
    await buildMark(s.db, { orgId, lessonId: during.id, studentId: moved.id, userId: 1, value: '5' });
    for (const c of [mover, moverParent]) {
      expect((await c.get<History>(`/journal/history?lessonId=${during.id}&studentId=${moved.id}`)).status).toBe(200);
      expect((await c.get(`/journal/history?lessonId=${g2Lesson.id}&studentId=${moved.id}`)).status).toBe(200);
      // The old group's lessons after the transfer, and another group's lessons, are not theirs.
      expect((await c.get(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${moved.id}`)).status).toBe(404);
      expect((await c.get(`/journal/history?lessonId=${foreignLesson.id}&studentId=${moved.id}`)).status).toBe(404);
    }
  });

  it('staff read a cell of a student who was in the lesson, not of anyone else', async () => {
    const stranger = await buildStudent(s.db, await buildGroup(s.db, { orgId }), { lastName: 'Посторонний' });
    for (const c of [curator, teacher, director]) {
      expect((await c.get(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${stranger.id}`)).status).toBe(404);
      expect((await c.get(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${j.students[0].id}`)).status).toBe(200);
    }
  });
});

describe('an operation id replays only the same request', () => {
  it('POST /journal/marks with a used opId and another payload is 409; the same payload replays', async () => {
    const id = opId();
    const body = { opId: id, lessonId: j.lessons.today.id, studentId: j.students[0].id, value: '5' };
    const first = await teacher.post<MarkWriteResult>('/journal/marks', body);
    expect(first.status).toBe(201);
    const again = await teacher.post<MarkWriteResult>('/journal/marks', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, mark: { id: first.body.mark!.id } });
    expect((await teacher.post<MarkWriteResult>('/journal/marks', { ...body, workType: 'oral', weight: 1 })).status).toBe(200);
    for (const other of [
      { studentId: j.students[1].id },
      { value: '4' },
      { weight: 2 },
      { workType: 'test' },
      { lessonId: j.lessons.yesterday.id },
    ]) {
      const r = await teacher.post<{ error: { code: string; message: string } }>('/journal/marks', { ...body, ...other });
      expect(r.status, JSON.stringify(other)).toBe(409);
      expect(r.body.error.message).toContain('другой отметки');
    }
    const cell = await s.db
      .selectFrom('marks')
      .select('value')
      .where('lesson_id', '=', j.lessons.today.id)
      .where('student_id', '=', j.students[1].id)
      .execute();
    expect(cell).toEqual([]);
  });

  it('PATCH and DELETE replay only the same change of the same mark', async () => {
    const a = await teacher.post<MarkWriteResult>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.today.id,
      studentId: j.students[2].id,
      value: '3',
    });
    const b = await teacher.post<MarkWriteResult>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.today.id,
      studentId: j.students[2].id,
      value: '2',
    });
    const up = opId();
    expect((await teacher.patch(`/journal/marks/${a.body.mark!.id}`, { opId: up, version: 1, value: '4' })).status).toBe(200);
    expect(
      (await teacher.patch<MarkWriteResult>(`/journal/marks/${a.body.mark!.id}`, { opId: up, version: 1, value: '4' })).body.replayed,
    ).toBe(true);
    expect((await teacher.patch(`/journal/marks/${a.body.mark!.id}`, { opId: up, version: 1, value: '5' })).status).toBe(409);
    expect((await teacher.patch(`/journal/marks/${b.body.mark!.id}`, { opId: up, version: 1, value: '4' })).status).toBe(409);
    expect((await teacher.delete(`/journal/marks/${b.body.mark!.id}?version=1&opId=${up}`)).status).toBe(409);
    const del = opId();
    expect((await teacher.delete(`/journal/marks/${b.body.mark!.id}?version=1&opId=${del}`)).status).toBe(200);
    expect((await teacher.delete<MarkWriteResult>(`/journal/marks/${b.body.mark!.id}?version=1&opId=${del}`)).body.replayed).toBe(true);
    expect((await teacher.patch(`/journal/marks/${a.body.mark!.id}`, { opId: del, version: 2, value: '5' })).status).toBe(409);
  });
});

describe('correction requests', () => {
  it('the director and the administrator read all of them, without deciding', async () => {
    const r = await teacher.post<Correction>('/journal/corrections', {
      lessonId: j.lessons.closed.id,
      studentId: j.students[0].id,
      value: '4',
      reason: 'Не внесла вовремя',
    });
    expect(r.status).toBe(201);
    for (const c of [director, admin]) {
      const list = await c.get<CorrectionList>('/journal/corrections?status=all');
      expect(list.status).toBe(200);
      expect(list.body.canDecide).toBe(false);
      expect(list.body.items.map((x) => x.id)).toContain(r.body.id);
      expect((await c.post(`/journal/corrections/${r.body.id}/approve`, {})).status).toBe(403);
    }
  });
});
