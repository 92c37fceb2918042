import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMark, buildOrganization, buildUser } from '../../../test/factories.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { Correction, MarkWriteResult } from '../../contracts/journal.js';

let s: TestServer;
let j: Awaited<ReturnType<typeof buildJournal>>;
let orgId: number;
let teacher: ApiClient, deputy: ApiClient;
let op = 0;
const opId = () => `mw-${Date.now().toString(36)}-${++op}`;

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  j = await buildJournal(s.db, orgId);
  teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
  const d = await buildUser(s.db, { orgId, roles: ['deputy'] });
  deputy = await new ApiClient(s.url).login(d.login, d.password);
});
afterAll(() => s.close());

describe('the per-cell limit', () => {
  it('holds when many writes into one cell arrive at once', async () => {
    const cell = { lessonId: j.lessons.today.id, studentId: j.students[2].id };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        teacher.post<MarkWriteResult>('/journal/marks', { ...cell, opId: opId(), value: String(2 + (i % 4)) }),
      ),
    );
    const stored = await s.db
      .selectFrom('marks')
      .select('id')
      .where('lesson_id', '=', cell.lessonId)
      .where('student_id', '=', cell.studentId)
      .where('kind', '=', 'grade')
      .execute();
    expect(stored).toHaveLength(6);
    expect(results.filter((r) => r.status === 201)).toHaveLength(6);
    expect(results.filter((r) => r.status === 400)).toHaveLength(6);
    // Every acknowledged write is stored.
    expect(
      results
        .filter((r) => r.status === 201)
        .map((r) => r.body.mark!.id)
        .sort(),
    ).toEqual(stored.map((m) => m.id).sort());
  });
});

describe('a change keeps what it does not name', () => {
  it('a PATCH without a weight keeps the weight', async () => {
    const created = await teacher.post<MarkWriteResult>('/journal/marks', {
      opId: opId(),
      lessonId: j.lessons.today.id,
      studentId: j.students[0].id,
      value: '4',
      workType: 'control',
      weight: 3,
    });
    expect(created.body.mark).toMatchObject({ weight: 3, workType: 'control' });
    const r = await teacher.patch<MarkWriteResult>(`/journal/marks/${created.body.mark!.id}`, { version: 1, value: '5' });
    expect(r.status).toBe(200);
    expect(r.body.mark).toMatchObject({ value: '5', workType: 'control', weight: 3, version: 2 });
    const named = await teacher.patch<MarkWriteResult>(`/journal/marks/${created.body.mark!.id}`, { version: 2, value: '5', weight: 1.5 });
    expect(named.body.mark).toMatchObject({ weight: 1.5, version: 3 });
  });
  it('an approved correction without a weight keeps the weight', async () => {
    const m = await buildMark(s.db, {
      orgId,
      lessonId: j.lessons.closed.id,
      studentId: j.students[1].id,
      userId: j.teacher.id,
      value: '3',
      workType: 'practical',
      weight: 2.5,
    });
    const req = await teacher.post<Correction>('/journal/corrections', {
      lessonId: j.lessons.closed.id,
      studentId: j.students[1].id,
      markId: m.id,
      value: '4',
      reason: 'Ошибка при вводе оценки',
    });
    expect(req.status).toBe(201);
    expect((await deputy.post(`/journal/corrections/${req.body.id}/approve`, {})).status).toBe(200);
    const after = await s.db.selectFrom('marks').select(['value', 'work_type', 'weight']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ value: '4', work_type: 'practical', weight: 2.5 });
  });
  it('a correction of the weight alone is a change', async () => {
    const m = await buildMark(s.db, {
      orgId,
      lessonId: j.lessons.closed.id,
      studentId: j.students[2].id,
      userId: j.teacher.id,
      value: '5',
      workType: 'oral',
      weight: 1,
    });
    const req = await teacher.post<Correction>('/journal/corrections', {
      lessonId: j.lessons.closed.id,
      studentId: j.students[2].id,
      markId: m.id,
      value: '5',
      weight: 2,
      reason: 'Вес контрольной работы',
    });
    expect(req.status).toBe(201);
    expect((await deputy.post(`/journal/corrections/${req.body.id}/approve`, {})).status).toBe(200);
    expect(await s.db.selectFrom('marks').select(['value', 'weight']).where('id', '=', m.id).executeTakeFirstOrThrow()).toEqual({
      value: '5',
      weight: 2,
    });
  });
});
