import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatRu } from '../../domain/dates.js';
import { buildGroup, buildMark, buildOrganization, buildUser } from '../../../test/factories.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { ExcuseCheck } from '../../contracts/journal.js';

let s: TestServer;
let j: Awaited<ReturnType<typeof buildJournal>>;
let curator: ApiClient, otherCurator: ApiClient, teacher: ApiClient;

beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db)).id;
  j = await buildJournal(s.db, orgId);
  curator = await new ApiClient(s.url).login(j.curator.login, j.curator.password);
  teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
  const other = await buildUser(s.db, { orgId, roles: ['teacher'] });
  await buildGroup(s.db, { orgId, curatorPersonId: other.personId });
  otherCurator = await new ApiClient(s.url).login(other.login, other.password);
  await buildMark(s.db, { orgId, lessonId: j.lessons.yesterday.id, studentId: j.students[0].id, userId: j.teacher.id, value: 'н' });
  await buildMark(s.db, { orgId, lessonId: j.lessons.closed.id, studentId: j.students[0].id, userId: j.teacher.id, value: 'н' });
});
afterAll(() => s.close());

const check = (c: ApiClient, studentId: number, fromDate: string, toDate: string) =>
  c.get<ExcuseCheck>(`/journal/excuses/check?studentId=${studentId}&fromDate=${fromDate}&toDate=${toDate}`);

describe('a справка is checked before it is saved', () => {
  it('tells how many «н» the dates hold, so one that covers none can be questioned', async () => {
    const some = await check(curator, j.students[0].id, addDays(j.today, -3), j.today);
    expect(some.status).toBe(200);
    expect(some.body).toEqual({ absences: 2, hours: 4, overlapping: [] });
    const none = await check(curator, j.students[1].id, addDays(j.today, -3), j.today);
    expect(none.body).toMatchObject({ absences: 0, hours: 0 });
  });

  it('is the curator’s own group’s only, with dates in order', async () => {
    expect((await check(otherCurator, j.students[0].id, j.today, j.today)).status).toBe(404);
    expect((await check(teacher, j.students[0].id, j.today, j.today)).status).toBe(403);
    const backwards = await check(curator, j.students[0].id, j.today, addDays(j.today, -1));
    expect(backwards.status).toBe(400);
    expect((backwards.body as unknown as { error: { fields: Record<string, string> } }).error.fields.toDate).toBeTruthy();
  });

  it('refuses one that shares days with a справка in force, naming it; after a revoke the days are free', async () => {
    const body = { studentId: j.students[0].id, reason: 'Болезнь', document: 'Справка № 8' };
    const first = await curator.post<{ id: number; excusedAbsences: number }>('/journal/excuses', {
      ...body,
      fromDate: addDays(j.today, -3),
      toDate: addDays(j.today, -1),
    });
    expect(first.status).toBe(201);
    expect(first.body.excusedAbsences).toBe(2);

    const ahead = await check(curator, j.students[0].id, addDays(j.today, -1), j.today);
    expect(ahead.body.overlapping).toEqual([
      { id: first.body.id, fromDate: addDays(j.today, -3), toDate: addDays(j.today, -1), reason: 'Болезнь', document: 'Справка № 8' },
    ]);
    const again = await curator.post<{ error: { code: string; message: string } }>('/journal/excuses', {
      ...body,
      document: 'Справка № 9',
      fromDate: addDays(j.today, -1),
      toDate: j.today,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Эти дни уже признаны уважительными: действует справка с ${formatRu(addDays(j.today, -3))} по ${formatRu(addDays(j.today, -1))} (Справка № 8). ` +
        'Укажите только дни, которые ещё не покрыты, или сначала отмените прежнюю справку.',
    );
    // The days after the first справка are free.
    expect((await curator.post('/journal/excuses', { ...body, document: 'Справка № 9', fromDate: j.today, toDate: j.today })).status).toBe(
      201,
    );
    const rows = await s.db.selectFrom('absence_excuses').select('id').where('student_id', '=', j.students[0].id).execute();
    expect(rows).toHaveLength(2);

    expect((await curator.delete(`/journal/excuses/${first.body.id}`)).status).toBe(200);
    expect((await check(curator, j.students[0].id, addDays(j.today, -2), addDays(j.today, -1))).body.overlapping).toEqual([]);
    expect((await curator.post('/journal/excuses', { ...body, fromDate: addDays(j.today, -2), toDate: addDays(j.today, -1) })).status).toBe(
      201,
    );
  });
});
