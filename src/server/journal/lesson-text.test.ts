import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../test/factories.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { History, LessonText, LessonTextResult, MarkWriteResult } from '../../contracts/journal.js';
import { UNDO_REASON } from './marks.js';

let s: TestServer;
let j: Awaited<ReturnType<typeof buildJournal>>;
let teacher: ApiClient, otherTeacher: ApiClient, foreign: ApiClient;
let op = 0;
const opId = () => `text-${Date.now().toString(36)}-${++op}`;

beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db)).id;
  j = await buildJournal(s.db, orgId);
  teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
  otherTeacher = await new ApiClient(s.url).login(...creds(await buildUser(s.db, { orgId, roles: ['teacher'] })));
  const org2 = await buildOrganization(s.db);
  foreign = await new ApiClient(s.url).login(...creds(await buildUser(s.db, { orgId: org2.id, roles: ['teacher'] })));
});
afterAll(() => s.close());

const creds = (u: { login: string; password: string }): [string, string] => [u.login, u.password];
const lessonRow = (id: number) =>
  s.db
    .selectFrom('lessons')
    .select(['topic', 'homework', 'work_done', 'version', 'recorded_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('the lesson text saves in the background', () => {
  it('a field saved alone records the lesson, keeps the others, and is audited with its event', async () => {
    const id = j.lessons.yesterday.id;
    const v = (await lessonRow(id)).version;
    const r = await teacher.patch<LessonTextResult>(`/journal/lessons/${id}`, { opId: opId(), version: v, topic: 'Строение клетки' });
    expect(r.status).toBe(200);
    expect(r.body.lesson).toMatchObject({ topic: 'Строение клетки', homework: null, recorded: true, version: v + 1 });
    const h = await teacher.patch<LessonTextResult>(`/journal/lessons/${id}`, { opId: opId(), version: v + 1, homework: '§ 3' });
    expect(h.body.lesson).toMatchObject({ topic: 'Строение клетки', homework: '§ 3', version: v + 2 });
    const row = await lessonRow(id);
    expect(row.recorded_at).not.toBeNull();
    const events = await s.db
      .selectFrom('lesson_text_events')
      .select(['changes', 'version'])
      .where('lesson_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [JSON.parse(e.changes), e.version])).toEqual([
      [{ topic: [null, 'Строение клетки'] }, v + 1],
      [{ homework: [null, '§ 3'] }, v + 2],
    ]);
    const audits = await s.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity', '=', 'lesson')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['lesson.record', 'lesson.text']);
  });

  it('a retried save with the same operation id is applied once and is not a conflict', async () => {
    const id = j.lessons.today.id;
    const v = (await lessonRow(id)).version;
    const body = { opId: opId(), version: v, topic: 'Тема один', workDone: 'Опрос' };
    const first = await teacher.patch<LessonTextResult>(`/journal/lessons/${id}`, body);
    const again = await teacher.patch<LessonTextResult>(`/journal/lessons/${id}`, body);
    expect(first.body.replayed).toBe(false);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, lesson: { topic: 'Тема один', version: v + 1 } });
    expect(await s.db.selectFrom('lesson_text_events').select('id').where('op_id', '=', body.opId).execute()).toHaveLength(1);
    // Someone else's operation id is refused.
    const stolen = await otherTeacher.patch(`/journal/lessons/${id}`, body);
    expect(stolen.status).toBe(409);
  });

  it('a stale version gets 409 with the current text; the same text is no conflict', async () => {
    const id = j.lessons.today.id;
    const cur = await lessonRow(id);
    const stale = await teacher.patch<{ error: { details: { current: LessonText } } }>(`/journal/lessons/${id}`, {
      opId: opId(),
      version: cur.version - 1,
      topic: 'Другая тема',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ topic: cur.topic, version: cur.version });
    const same = await teacher.patch<LessonTextResult>(`/journal/lessons/${id}`, {
      opId: opId(),
      version: cur.version - 1,
      topic: cur.topic,
    });
    expect(same.status).toBe(200);
    expect(same.body.lesson.version).toBe(cur.version);
  });

  it('refuses an empty topic by the field, a future lesson, another teacher and another college', async () => {
    const id = j.lessons.today.id;
    const v = (await lessonRow(id)).version;
    const empty = await teacher.patch<{ error: { fields: Record<string, string> } }>(`/journal/lessons/${id}`, {
      opId: opId(),
      version: v,
      topic: '  ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.topic).toBe('Укажите тему занятия');
    const fv = (await lessonRow(j.lessons.future.id)).version;
    expect((await teacher.patch(`/journal/lessons/${j.lessons.future.id}`, { opId: opId(), version: fv, topic: 'Рано' })).status).toBe(403);
    expect((await otherTeacher.patch(`/journal/lessons/${id}`, { opId: opId(), version: v, topic: 'Чужое' })).status).toBe(404);
    expect((await foreign.patch(`/journal/lessons/${id}`, { opId: opId(), version: v, topic: 'Чужое' })).status).toBe(404);
    expect((await new ApiClient(s.url).patch(`/journal/lessons/${id}`, { opId: opId(), version: v, topic: 'Без входа' })).status).toBe(401);
    expect((await lessonRow(id)).version).toBe(v);
  });
});

describe('an undo in the grid', () => {
  it('is written as a change of its own, with its reason in the cell history', async () => {
    const lessonId = j.lessons.today.id;
    const studentId = j.students[0].id;
    const made = await teacher.post<MarkWriteResult>('/journal/marks', { opId: opId(), lessonId, studentId, value: '4' });
    expect(made.status).toBe(201);
    const undone = await teacher.request<MarkWriteResult>('DELETE', `/journal/marks/${made.body.mark!.id}?version=1&opId=${opId()}&undo=1`);
    expect(undone.status).toBe(200);
    const back = await teacher.post<MarkWriteResult>('/journal/marks', { opId: opId(), lessonId, studentId, value: 'н', undo: true });
    expect(back.status).toBe(201);
    const h = await teacher.get<History>(`/journal/history?lessonId=${lessonId}&studentId=${studentId}`);
    expect(h.body.events.map((e) => [e.action, e.oldValue ?? e.newValue, e.reason])).toEqual([
      ['create', '4', null],
      ['delete', '4', UNDO_REASON],
      ['create', 'н', UNDO_REASON],
    ]);
  });
});
