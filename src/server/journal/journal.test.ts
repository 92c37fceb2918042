import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatRu } from '../../domain/dates.js';
import { buildGroup, buildMark, buildOrganization, buildStudent, buildUser } from '../../../test/factories.js';
import { buildLessonPlan } from '../../../test/factories-curriculum.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { decodeGridMarks } from '../../../web/src/pages/journal/grid-data.js';
import { absenceTotals } from '../../domain/journal-stats.js';
import { averages } from '../../domain/marks.js';
import type { Correction, CorrectionList, Grid, History, LessonDetail, MarkWriteResult, TodayResponse } from '../../contracts/journal.js';

let s: TestServer;
let j: Awaited<ReturnType<typeof buildJournal>>;
let orgId: number;
let teacher: ApiClient,
  otherTeacher: ApiClient,
  substitute: ApiClient,
  deputy: ApiClient,
  director: ApiClient,
  curator: ApiClient,
  otherCurator: ApiClient,
  chair: ApiClient,
  student: ApiClient,
  foreign: ApiClient;
let substituteLessonId: number;
let op = 0;
const opId = () => `op-${Date.now().toString(36)}-${++op}`;

async function login(u: { login: string; password: string }) {
  return new ApiClient(s.url).login(u.login, u.password);
}

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  const commission = await s.db
    .insertInto('subject_commissions')
    .values({ organization_id: orgId, name: 'ПЦК', chair_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  j = await buildJournal(s.db, orgId, { commissionId: commission.id });
  await buildLessonPlan(s.db, orgId, j.assignment.subjectId, {
    status: 'approved',
    lines: [
      { topic: 'Классификация микроорганизмов', hours: 2 },
      { topic: 'Морфология бактерий', hours: 2, selfStudyTask: 'Зарисовать формы бактерий' },
    ],
  });
  teacher = await login(j.teacher);
  curator = await login(j.curator);
  otherTeacher = await login(await buildUser(s.db, { orgId, roles: ['teacher'] }));
  const sub = await buildUser(s.db, { orgId, roles: ['teacher'] });
  substitute = await login(sub);
  substituteLessonId = (
    await s.db
      .insertInto('lessons')
      .values({
        organization_id: orgId,
        assignment_id: j.assignment.id,
        date: j.today,
        pair_no: 4,
        hours: 2,
        planned_teacher_person_id: j.teacher.personId,
        teacher_person_id: sub.personId,
        room: null,
        status: 'scheduled',
        source: 'timetable',
        unscheduled_reason: null,
        topic: null,
        work_done: null,
        homework: null,
        recorded_at: null,
        recorded_by_user_id: null,
        version: 1,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  deputy = await login(await buildUser(s.db, { orgId, roles: ['deputy'] }));
  director = await login(await buildUser(s.db, { orgId, roles: ['director'] }));
  chair = await login(await buildUser(s.db, { orgId, roles: ['chair'], commissionId: commission.id }));
  const oc = await buildUser(s.db, { orgId });
  await buildGroup(s.db, { orgId, curatorPersonId: oc.personId });
  otherCurator = await login(oc);
  const st = await buildStudent(s.db, j.group, { withLogin: true, since: addDays(j.today, -120) });
  student = await login(st.user!);
  const org2 = await buildOrganization(s.db);
  foreign = await login(await buildUser(s.db, { orgId: org2.id, roles: ['teacher', 'deputy', 'director'] }));
});
afterAll(() => s.close());

describe('a teacher’s day', () => {
  it('lists today’s lessons; a substitute sees the lesson they substitute', async () => {
    const r = await teacher.get<TodayResponse>('/journal/today');
    expect(r.status).toBe(200);
    expect(r.body.date).toBe(j.today);
    expect(r.body.lessons.map((l) => l.id)).toEqual([j.lessons.today.id]);
    const sub = await substitute.get<TodayResponse>('/journal/today');
    expect(sub.body.lessons.map((l) => [l.id, l.substitution])).toEqual([[substituteLessonId, true]]);
    const free = await otherTeacher.get<TodayResponse>('/journal/today');
    expect(free.body).toMatchObject({ lessons: [], next: null });
    const before = await teacher.get<TodayResponse>(`/journal/today?date=${addDays(j.today, -2)}`);
    expect(before.body.lessons).toEqual([]);
    expect(before.body.next?.date).toBe(addDays(j.today, -1));
  });
  it('is for teachers only', async () => {
    expect((await new ApiClient(s.url).get('/journal/today')).status).toBe(401);
    expect((await director.get('/journal/today')).status).toBe(403);
  });
});

describe('a lesson', () => {
  it('shows the students of the group on the date and the open entry window', async () => {
    const r = await teacher.get<LessonDetail>(`/journal/lessons/${j.lessons.today.id}`);
    expect(r.status).toBe(200);
    expect(r.body.canWrite).toBe(true);
    expect(r.body.window.state).toBe('open');
    expect(r.body.proposedTopic).toBe('Классификация микроорганизмов');
    expect(r.body.students.map((x) => x.fullName.split(' ')[0])).toEqual(expect.arrayContaining(['Абрамова', 'Борисов', 'Ёжиков']));
  });
  it('control roles, the curator and the commission chair read it; others do not see it', async () => {
    for (const c of [director, deputy, curator, chair]) {
      const r = await c.get<LessonDetail>(`/journal/lessons/${j.lessons.today.id}`);
      expect(r.status).toBe(200);
      expect(r.body.canWrite).toBe(false);
    }
    expect((await otherTeacher.get(`/journal/lessons/${j.lessons.today.id}`)).status).toBe(404);
    expect((await otherCurator.get(`/journal/lessons/${j.lessons.today.id}`)).status).toBe(404);
    expect((await student.get(`/journal/lessons/${j.lessons.today.id}`)).status).toBe(404);
    expect((await foreign.get(`/journal/lessons/${j.lessons.today.id}`)).status).toBe(404);
  });
  it('is recorded with optimistic versioning; a retried save is not a conflict', async () => {
    const body = {
      version: 1,
      topic: 'Классификация микроорганизмов',
      workDone: 'Лекция, опрос',
      workTypes: ['oral'],
      homework: 'Конспект §3',
    };
    const r = await teacher.put<LessonDetail>(`/journal/lessons/${j.lessons.today.id}`, body);
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.body.recorded).toBe(true);
    expect((await teacher.put(`/journal/lessons/${j.lessons.today.id}`, body)).status).toBe(200);
    const stale = await teacher.put<{ error: { code: string; details: { current: { topic: string } } } }>(
      `/journal/lessons/${j.lessons.today.id}`,
      { ...body, topic: 'Другая тема' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.topic).toBe('Классификация микроорганизмов');
    const audit = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'lesson')
      .where('entity_id', '=', String(j.lessons.today.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['lesson.record']);
    const next = await teacher.get<LessonDetail>(`/journal/lessons/${j.lessons.future.id}`);
    expect([next.body.proposedTopic, next.body.proposedHomework]).toEqual(['Морфология бактерий', 'Зарисовать формы бактерий']);
  });
  it('refuses recording a future lesson, other teachers, read-only roles and other colleges', async () => {
    const body = { version: 1, topic: 'Тема' };
    const f = await teacher.put<{ error: { message: string } }>(`/journal/lessons/${j.lessons.future.id}`, body);
    expect(f.status).toBe(403);
    expect(f.body.error.message).toMatch(/ещё не наступило/);
    expect((await otherTeacher.put(`/journal/lessons/${j.lessons.today.id}`, body)).status).toBe(404);
    expect((await curator.put(`/journal/lessons/${j.lessons.today.id}`, body)).status).toBe(403);
    expect((await director.put(`/journal/lessons/${j.lessons.today.id}`, body)).status).toBe(403);
    expect((await foreign.put(`/journal/lessons/${j.lessons.today.id}`, body)).status).toBe(404);
    expect((await teacher.put(`/journal/lessons/${j.lessons.today.id}`, { version: 'x' })).status).toBe(400);
  });
  it('keeps homework files', async () => {
    const up = await teacher.post<{ id: number }>(`/journal/lessons/${j.lessons.today.id}/files`, {
      fileName: 'задание.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('Решить задачи 1–5').toString('base64'),
    });
    expect(up.status).toBe(201);
    const down = await curator.get<string>(`/journal/files/${up.body.id}`);
    expect(down.status).toBe(200);
    expect(down.body).toBe('Решить задачи 1–5');
    expect((await student.get(`/journal/files/${up.body.id}`)).status).toBe(200);
    expect((await otherTeacher.get(`/journal/files/${up.body.id}`)).status).toBe(404);
    expect((await curator.delete(`/journal/files/${up.body.id}`)).status).toBe(403);
    expect((await teacher.delete(`/journal/files/${up.body.id}`)).status).toBe(200);
  });
});

describe('marks', () => {
  const [a, b] = [0, 1];
  it('are written once even when the request is retried', async () => {
    const body = { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[a].id, value: '5', workType: 'control' };
    const first = await teacher.post<MarkWriteResult>('/journal/marks', body);
    expect(first.status).toBe(201);
    expect(first.body.mark).toMatchObject({ value: '5', workType: 'control', weight: 2, version: 1 });
    const again = await teacher.post<MarkWriteResult>('/journal/marks', body);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.mark!.id).toBe(first.body.mark!.id);
    const events = await s.db
      .selectFrom('mark_events')
      .select('id')
      .where('lesson_id', '=', j.lessons.today.id)
      .where('student_id', '=', j.students[a].id)
      .execute();
    expect(events).toHaveLength(1);
  });
  it('allow one absence per cell and say what is there', async () => {
    const ok = await teacher.post<MarkWriteResult>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.today.id,
      studentId: j.students[b].id,
      value: 'н',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.mark!.hours).toBe(2);
    const dup = await teacher.post<{ error: { details: { current: { value: string } } } }>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.today.id,
      studentId: j.students[b].id,
      value: 'б',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.current.value).toBe('н');
  });
  it('refuse a student outside the group and bad values', async () => {
    const other = await buildStudent(s.db, await buildGroup(s.db, { orgId }));
    expect(
      (await teacher.post('/journal/marks', { opId: opId(), lessonId: j.lessons.today.id, studentId: other.id, value: '4' })).status,
    ).toBe(400);
    expect(
      (await teacher.post('/journal/marks', { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[a].id, value: '6' }))
        .status,
    ).toBe(400);
  });
  it('are refused after the window closes and for future dates, with the reason', async () => {
    const closed = await teacher.post<{ error: { code: string; message: string } }>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.closed.id,
      studentId: j.students[a].id,
      value: '4',
    });
    expect(closed.status).toBe(403);
    expect(closed.body.error.message).toBe(
      `Срок внесения оценок за ${formatRu(j.lessons.closed.date)} истёк. Подайте заявку на исправление.`,
    );
    const future = await teacher.post<{ error: { code: string } }>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.future.id,
      studentId: j.students[a].id,
      value: '4',
    });
    expect(future.status).toBe(403);
    expect(future.body.error.code).toBe('entry_future');
    expect(
      (await teacher.post('/journal/marks', { opId: opId(), lessonId: j.lessons.yesterday.id, studentId: j.students[a].id, value: '4' }))
        .status,
    ).toBe(201);
  });
  it('never silently overwrite: a stale save gets 409 with the current value', async () => {
    const m = (
      await teacher.post<MarkWriteResult>('/journal/marks', {
        opId: opId(),
        lessonId: j.lessons.today.id,
        studentId: j.students[a].id,
        value: '3',
      })
    ).body.mark!;
    const one = await teacher.patch<MarkWriteResult>(`/journal/marks/${m.id}`, { version: 1, value: '4' });
    expect(one.status).toBe(200);
    expect(one.body.mark).toMatchObject({ value: '4', version: 2 });
    const two = await teacher.patch<{ error: { message: string; details: { current: { value: string; version: number } } } }>(
      `/journal/marks/${m.id}`,
      { version: 1, value: '2' },
    );
    expect(two.status).toBe(409);
    expect(two.body.error.details.current).toMatchObject({ value: '4', version: 2 });
    expect(two.body.error.message).toMatch(/сейчас «4»/);
    expect((await teacher.patch(`/journal/marks/${m.id}`, { version: 2, value: 'н' })).status).toBe(400);
    const del = await teacher.delete<MarkWriteResult>(`/journal/marks/${m.id}?version=2`);
    expect(del.status).toBe(200);
    const gone = await teacher.patch<{ error: { details: { current: null } } }>(`/journal/marks/${m.id}`, { version: 2, value: '5' });
    expect(gone.status).toBe(409);
    expect(gone.body.error.details.current).toBeNull();
    const h = await teacher.get<History>(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${j.students[a].id}`);
    expect(h.body.events.filter((e) => e.action !== 'create' || e.newValue === '3').map((e) => [e.action, e.oldValue, e.newValue])).toEqual(
      [
        ['create', null, '3'],
        ['update', '3', '4'],
        ['delete', '4', null],
      ],
    );
  });
  it('are written only by the teacher of the assignment or the lesson’s substitute', async () => {
    const body = { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[a].id, value: '4' };
    expect((await otherTeacher.post('/journal/marks', body)).status).toBe(404);
    expect((await substitute.post('/journal/marks', body)).status).toBe(404);
    expect((await curator.post('/journal/marks', body)).status).toBe(403);
    expect((await deputy.post('/journal/marks', body)).status).toBe(403);
    expect((await foreign.post('/journal/marks', body)).status).toBe(404);
    expect((await substitute.post('/journal/marks', { ...body, lessonId: substituteLessonId })).status).toBe(201);
    expect(
      (await teacher.post('/journal/marks', { ...body, opId: opId(), lessonId: substituteLessonId, studentId: j.students[b].id })).status,
    ).toBe(201);
  });
});

describe('corrections after the window (п. 3.13)', () => {
  let markId: number;
  let req: Correction;
  beforeAll(async () => {
    markId = (
      await buildMark(s.db, { orgId, lessonId: j.lessons.closed.id, studentId: j.students[0].id, userId: j.teacher.id, value: '2' })
    ).id;
  });
  it('are filed by the teacher only once the window closed', async () => {
    const open = await teacher.post<{ error: { code: string } }>('/journal/corrections', {
      lessonId: j.lessons.today.id,
      studentId: j.students[0].id,
      value: '5',
      reason: 'Опечатка в оценке',
    });
    expect(open.status).toBe(409);
    const r = await teacher.post<Correction>('/journal/corrections', {
      lessonId: j.lessons.closed.id,
      studentId: j.students[0].id,
      markId,
      value: '4',
      reason: 'Ошибочно выставлена 2 вместо 4',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'pending', oldValue: '2', newValue: '4' });
    req = r.body;
    expect(
      (
        await teacher.post('/journal/corrections', {
          lessonId: j.lessons.closed.id,
          studentId: j.students[0].id,
          markId,
          value: '5',
          reason: 'Ещё одна заявка',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await otherTeacher.post('/journal/corrections', {
          lessonId: j.lessons.closed.id,
          studentId: j.students[0].id,
          markId,
          value: '5',
          reason: 'Чужая заявка',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await curator.post('/journal/corrections', {
          lessonId: j.lessons.closed.id,
          studentId: j.students[0].id,
          markId,
          value: '5',
          reason: 'Куратор',
        })
      ).status,
    ).toBe(403);
  });
  it('change nothing until approved; only the deputy or methodologist decides', async () => {
    const m = await s.db.selectFrom('marks').select('value').where('id', '=', markId).executeTakeFirstOrThrow();
    expect(m.value).toBe('2');
    const inbox = await deputy.get<CorrectionList>('/journal/corrections');
    expect(inbox.body.canDecide).toBe(true);
    expect(inbox.body.items.map((c) => c.id)).toContain(req.id);
    const own = await teacher.get<CorrectionList>('/journal/corrections');
    expect(own.body.canDecide).toBe(false);
    expect((await otherTeacher.get<CorrectionList>('/journal/corrections')).body.items).toEqual([]);
    expect((await foreign.get<CorrectionList>('/journal/corrections')).body.items).toEqual([]);
    expect((await teacher.post(`/journal/corrections/${req.id}/approve`, {})).status).toBe(403);
    expect((await foreign.post(`/journal/corrections/${req.id}/approve`, {})).status).toBe(404);
  });
  it('an approval writes an event linked to the request', async () => {
    const r = await deputy.post<Correction>(`/journal/corrections/${req.id}/approve`, { comment: 'Согласовано' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('approved');
    const m = await s.db.selectFrom('marks').select(['value', 'version']).where('id', '=', markId).executeTakeFirstOrThrow();
    expect(m).toEqual({ value: '4', version: 2 });
    const h = await teacher.get<History>(`/journal/history?lessonId=${j.lessons.closed.id}&studentId=${j.students[0].id}`);
    expect(h.body.events.at(-1)).toMatchObject({
      action: 'update',
      oldValue: '2',
      newValue: '4',
      correctionRequestId: req.id,
      reason: 'Ошибочно выставлена 2 вместо 4',
    });
    expect((await deputy.post(`/journal/corrections/${req.id}/approve`, {})).status).toBe(409);
  });
  it('a rejection needs a reason and leaves the record alone', async () => {
    const r = await teacher.post<Correction>('/journal/corrections', {
      lessonId: j.lessons.closed.id,
      studentId: j.students[1].id,
      value: 'н',
      reason: 'Забыл отметить пропуск',
    });
    expect(r.status).toBe(201);
    expect((await deputy.post(`/journal/corrections/${r.body.id}/reject`, {})).status).toBe(400);
    const rej = await deputy.post<Correction>(`/journal/corrections/${r.body.id}/reject`, { comment: 'Нет подтверждения' });
    expect(rej.body.status).toBe('rejected');
    const marks = await s.db
      .selectFrom('marks')
      .select('id')
      .where('lesson_id', '=', j.lessons.closed.id)
      .where('student_id', '=', j.students[1].id)
      .execute();
    expect(marks).toEqual([]);
  });
});

describe('the curator’s excuses', () => {
  it('turn «н» into excused hours, keeping the teacher’s mark', async () => {
    await buildMark(s.db, { orgId, lessonId: j.lessons.yesterday.id, studentId: j.students[2].id, userId: j.teacher.id, value: 'н' });
    const r = await curator.post<{ id: number; excusedAbsences: number }>('/journal/excuses', {
      studentId: j.students[2].id,
      fromDate: addDays(j.today, -2),
      toDate: j.today,
      reason: 'Болезнь',
      document: 'Справка № 17 от ' + formatRu(j.today),
    });
    expect(r.status).toBe(201);
    expect(r.body.excusedAbsences).toBe(1);
    const g = await teacher.get<Grid>(`/journal/grid?assignmentId=${j.assignment.id}`);
    // The page counts a student's absences from the grid's marks and справки (domain/journal-stats).
    const marks = decodeGridMarks(g.body);
    const hours = new Map(g.body.lessons.map((l) => [l.id, l]));
    const own = marks
      .filter((m) => m.studentId === j.students[2].id && m.kind === 'absence')
      .map((m) => ({ value: m.value, hours: hours.get(m.lessonId)!.hours, date: hours.get(m.lessonId)!.date }));
    expect(
      absenceTotals(
        own,
        g.body.excuses.filter((e) => e.studentId === j.students[2].id),
      ),
    ).toMatchObject({ н: 0, excused: 2 });
    expect(marks.find((m) => m.studentId === j.students[2].id && m.lessonId === j.lessons.yesterday.id)!.value).toBe('н');
    const lesson = await teacher.get<LessonDetail>(`/journal/lessons/${j.lessons.yesterday.id}`);
    expect(lesson.body.students.find((x) => x.studentId === j.students[2].id)!.excuse?.reason).toBe('Болезнь');
  });
  it('are the curator’s own group’s only', async () => {
    const body = { studentId: j.students[2].id, fromDate: j.today, toDate: j.today, reason: 'Болезнь' };
    expect((await otherCurator.post('/journal/excuses', body)).status).toBe(404);
    expect((await teacher.post('/journal/excuses', body)).status).toBe(403);
    expect((await otherCurator.get(`/journal/excuses?groupId=${j.group.id}`)).status).toBe(404);
    expect((await foreign.get(`/journal/excuses?groupId=${j.group.id}`)).status).toBe(404);
    expect((await director.get(`/journal/excuses?groupId=${j.group.id}`)).status).toBe(200);
    expect((await curator.post('/journal/excuses', { ...body, toDate: addDays(j.today, -1) })).status).toBe(400);
  });
  it('can be revoked', async () => {
    const list = await curator.get<{ items: { id: number }[] }>(`/journal/excuses?groupId=${j.group.id}`);
    const id = list.body.items[0].id;
    expect((await otherCurator.delete(`/journal/excuses/${id}`)).status).toBe(404);
    expect((await curator.delete(`/journal/excuses/${id}`)).status).toBe(200);
    expect((await curator.delete(`/journal/excuses/${id}`)).status).toBe(409);
  });
});

describe('the grid', () => {
  it('holds students × lessons with averages and absences', async () => {
    const g = await teacher.get<Grid>(`/journal/grid?assignmentId=${j.assignment.id}`);
    expect(g.status).toBe(200);
    expect(g.body.canWrite).toBe(true);
    expect(g.body.lessons.map((l) => l.window)).toContain('closed');
    const first = decodeGridMarks(g.body).filter((m) => m.studentId === j.students[0].id && m.kind === 'grade');
    expect(averages(first).count).toBeGreaterThan(0);
  });
  it('is read by control roles, the curator, the chair and a substitute; not by others', async () => {
    for (const c of [director, curator, chair, substitute])
      expect((await c.get(`/journal/grid?assignmentId=${j.assignment.id}`)).status).toBe(200);
    for (const c of [otherTeacher, otherCurator, student, foreign])
      expect((await c.get(`/journal/grid?assignmentId=${j.assignment.id}`)).status).toBe(404);
  });
  it('the list of journals follows the same scopes', async () => {
    const mine = await teacher.get<{ items: { id: number }[] }>('/journal/assignments');
    expect(mine.body.items.map((x) => x.id)).toEqual([j.assignment.id]);
    expect((await otherTeacher.get<{ items: unknown[] }>('/journal/assignments')).body.items).toEqual([]);
    expect((await director.get<{ items: { id: number }[] }>('/journal/assignments')).body.items.map((x) => x.id)).toContain(
      j.assignment.id,
    );
    expect((await foreign.get<{ items: unknown[] }>('/journal/assignments')).body.items).toEqual([]);
  });
  it('cell history is readable by the student it belongs to, not by classmates', async () => {
    expect((await student.get(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${j.students[0].id}`)).status).toBe(404);
    expect((await foreign.get(`/journal/history?lessonId=${j.lessons.today.id}&studentId=${j.students[0].id}`)).status).toBe(404);
  });
});

describe('per-object abilities', () => {
  it('each lesson says whether the caller writes it: the teacher all, a substitute their lesson, control roles none', async () => {
    const own = await teacher.get<Grid>(`/journal/grid?assignmentId=${j.assignment.id}`);
    expect(own.body.lessons.every((l) => l.canWrite)).toBe(true);
    const sub = await substitute.get<Grid>(`/journal/grid?assignmentId=${j.assignment.id}`);
    expect(sub.body.lessons.filter((l) => l.canWrite).map((l) => l.id)).toEqual([substituteLessonId]);
    const read = await director.get<Grid>(`/journal/grid?assignmentId=${j.assignment.id}`);
    expect(read.body.lessons.some((l) => l.canWrite)).toBe(false);
    const day = await teacher.get<TodayResponse>('/journal/today');
    expect(day.body.lessons.map((l) => l.canWrite)).toEqual([true]);
    const subDay = await substitute.get<TodayResponse>('/journal/today');
    expect(subDay.body.lessons.map((l) => l.canWrite)).toEqual([true]);
  });
  it('each correction request says whether the caller decides it: pending ones, for those who decide', async () => {
    const all = await deputy.get<CorrectionList>('/journal/corrections?status=all');
    expect(all.body.items.length).toBeGreaterThan(0);
    for (const c of all.body.items) expect(c.canDecide).toBe(c.status === 'pending');
    const own = await teacher.get<CorrectionList>('/journal/corrections?status=all');
    expect(own.body.items.every((c) => !c.canDecide)).toBe(true);
  });
});
