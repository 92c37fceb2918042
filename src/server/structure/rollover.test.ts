import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildMark,
  buildOrganization,
  buildProgram,
  buildRoleUsers,
  buildStudent,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { RolloverPlan } from '../../contracts/structure.js';
import { todayIn } from '../../domain/dates.js';

type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** A college in the year starting `startYear`: a first-course group and a final-course one, a student in each. */
async function college(startYear: number) {
  const org = await buildOrganization(s.db);
  const u = await buildRoleUsers(s.db, org.id);
  const admin = await new ApiClient(s.url).login(u.admin.login, u.admin.password);
  const year = await buildAcademicYear(s.db, org.id, startYear);
  const prog = await buildProgram(s.db, org.id);
  const first = await buildGroup(s.db, { orgId: org.id, programId: prog.id, course: 1, name: 'ПК-26' });
  const last = await buildGroup(s.db, { orgId: org.id, programId: prog.id, course: 4, name: 'ПК-23' });
  const since = `${startYear}-09-01`;
  const grad = await buildStudent(s.db, last, { lastName: 'Выпускникова', since });
  const young = await buildStudent(s.db, first, { lastName: 'Первокурсникова', since });
  return { orgId: org.id, admin, u, year, first, last, grad, young };
}

const state = async (c: Awaited<ReturnType<typeof college>>) => ({
  courses: await s.db
    .selectFrom('groups')
    .select(['name', 'course', 'status'])
    .where('id', 'in', [c.first.id, c.last.id])
    .orderBy('name')
    .execute(),
  grad: (await s.db.selectFrom('students').select('status').where('id', '=', c.grad.id).executeTakeFirstOrThrow()).status,
  membership: await s.db
    .selectFrom('group_memberships')
    .select(['group_id', 'start_date', 'end_date'])
    .where('student_id', '=', c.grad.id)
    .execute(),
  years: (
    await s.db.selectFrom('academic_years').select('name').where('organization_id', '=', c.orgId).orderBy('start_date').execute()
  ).map((y) => y.name),
  events: await s.db.selectFrom('enrollment_events').select(['kind', 'effective_date']).where('student_id', '=', c.grad.id).execute(),
});

describe('year rollover takes effect on its date (decision 015)', () => {
  it('in the middle of the year it is refused, and today’s lists stay as they are', async () => {
    const c = await college(2026);
    const today = todayIn('Asia/Vladivostok');
    const plan = await c.admin.get<RolloverPlan>('/rollover/preview');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      fromYear: '2026/2027',
      effectiveDate: '2027-09-01',
      boundary: '2027-09-01',
      early: true,
      graduationDate: '2027-08-31',
      problems: [],
      last: null,
    });
    expect(plan.body.graduate).toEqual([
      expect.objectContaining({
        name: 'ПК-23',
        students: 1,
        staying: 0,
        graduates: [{ studentId: c.grad.id, fullName: expect.stringContaining('Выпускникова') }],
      }),
    ]);
    const before = await state(c);

    const refused = await c.admin.post<Err>('/rollover', { orderNo: '15-к' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('rollover_early');
    expect(refused.body.error.message).toContain('01.09.2027');
    const future = await c.admin.post<Err>('/rollover', { orderNo: '15-к', effectiveDate: '2027-08-31', confirm: true });
    expect(future.status).toBe(400);
    expect(future.body.error.fields?.effectiveDate).toContain('ещё не наступила');
    const unconfirmed = await c.admin.post<Err>('/rollover', { orderNo: '15-к', effectiveDate: today });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.fields?.confirm).toBeTruthy();
    expect(await state(c)).toEqual(before);
    expect((await c.admin.get<RolloverPlan>('/rollover/preview?effectiveDate=2027-08-31')).body.problems[0]).toContain('ещё не наступила');
    expect((await c.admin.get('/rollover/preview?effectiveDate=2026-13-45')).status).toBe(400);
    expect((await c.admin.post('/rollover', { orderNo: '15-к', effectiveDate: '2026-02-30', confirm: true })).status).toBe(400);
  });

  it('with a named date and a confirmation it is dated then; it is undone (audited) until the first mark of the new year', async () => {
    const c = await college(2026);
    const preview = await c.admin.get<RolloverPlan>('/rollover/preview?effectiveDate=2026-11-20');
    expect(preview.body).toMatchObject({ effectiveDate: '2026-11-20', graduationDate: '2026-11-19', problems: [] });
    const before = await state(c);
    const r = await c.admin.post<{ message: string }>('/rollover', { orderNo: '15-к', effectiveDate: '2026-11-20', confirm: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = await state(c);
    expect(after.courses).toEqual([
      { name: 'ПК-23', course: 4, status: 'graduated' },
      { name: 'ПК-26', course: 2, status: 'active' },
    ]);
    expect(after.grad).toBe('graduated');
    expect(after.membership).toEqual([{ group_id: c.last.id, start_date: '2026-09-01', end_date: '2026-11-19' }]);
    expect(after.events).toEqual([{ kind: 'graduate', effective_date: '2026-11-20' }]);
    expect(after.years).toEqual(['2026/2027', '2027/2028']);
    expect((await c.admin.post<Err>('/rollover', { orderNo: '16-к', effectiveDate: '2026-11-20', confirm: true })).status).toBe(409);

    const last = (await c.admin.get<RolloverPlan>('/rollover/preview')).body.last!;
    expect(last).toMatchObject({ orderNo: '15-к', effectiveDate: '2026-11-20', status: 'done', canUndo: true, undoBlockedBy: null });
    expect((await c.admin.post(`/rollover/${last.id}/undo`, {})).status).toBe(400);
    expect(
      (
        await (
          await new ApiClient(s.url).login(c.u.director.login, c.u.director.password)
        ).post(`/rollover/${last.id}/undo`, { reason: 'Ошибочный приказ' })
      ).status,
    ).toBe(403);
    const undo = await c.admin.post<{ message: string }>(`/rollover/${last.id}/undo`, { reason: 'Приказ издан преждевременно' });
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(await state(c)).toEqual(before);
    const logged = await s.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('organization_id', '=', c.orgId)
      .where('action', '=', 'structure.rollover_undo')
      .execute();
    expect(logged).toEqual([{ action: 'structure.rollover_undo', reason: 'Приказ издан преждевременно' }]);
    expect((await c.admin.post(`/rollover/${last.id}/undo`, { reason: 'Ещё раз отменить' })).status).toBe(409);

    // Done again; once the new year has its first mark, it stays.
    expect((await c.admin.post('/rollover', { orderNo: '17-к', effectiveDate: '2026-11-20', confirm: true })).status).toBe(200);
    const newTerm = await s.db
      .selectFrom('terms as t')
      .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
      .select('t.id')
      .where('y.organization_id', '=', c.orgId)
      .where('y.name', '=', '2027/2028')
      .where('t.number', '=', 1)
      .executeTakeFirstOrThrow();
    const a = await buildAssignment(s.db, { group: { ...c.first, orgId: c.orgId }, termId: newTerm.id });
    const lesson = await buildLesson(s.db, a, { date: '2027-09-06' });
    await buildMark(s.db, { orgId: c.orgId, lessonId: lesson.id, studentId: c.young.id, userId: c.u.admin.id, value: '5' });
    const blocked = (await c.admin.get<RolloverPlan>('/rollover/preview')).body.last!;
    expect(blocked).toMatchObject({ orderNo: '17-к', canUndo: false });
    expect(blocked.undoBlockedBy).toContain('06.09.2027');
    const refused = await c.admin.post<Err>(`/rollover/${blocked.id}/undo`, { reason: 'Приказ издан преждевременно' });
    expect(refused.status).toBe(409);
    expect((await state(c)).grad).toBe('graduated');
  });

  it('once the year has ended it runs without confirmation, dated the day after the year’s end', async () => {
    const c = await college(2025);
    const plan = await c.admin.get<RolloverPlan>('/rollover/preview');
    expect(plan.body).toMatchObject({ fromYear: '2025/2026', effectiveDate: '2026-09-01', early: false, problems: [] });
    const r = await c.admin.post<{ message: string }>('/rollover', { orderNo: '40-к' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.message).toContain('01.09.2026');
    const after = await state(c);
    expect(after.membership).toEqual([{ group_id: c.last.id, start_date: '2025-09-01', end_date: '2026-08-31' }]);
    expect(after.events).toEqual([{ kind: 'graduate', effective_date: '2026-09-01' }]);
    expect(after.years).toEqual(['2025/2026', '2026/2027']);
  });
});
