import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import { todayIn } from '../../domain/dates.js';
import { buildAcademicYear, buildGroup, buildOrganization, buildProgram, buildRoleUsers, buildStudent } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
let orgId: number;
let as: Record<Role, ApiClient>;
let other: ApiClient;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  users = await buildRoleUsers(s.db, orgId);
  as = {} as Record<Role, ApiClient>;
  for (const [role, u] of Object.entries(users)) as[role as Role] = await new ApiClient(s.url).login(u.login, u.password);
  const otherOrg = await buildOrganization(s.db);
  const otherUsers = await buildRoleUsers(s.db, otherOrg.id);
  other = await new ApiClient(s.url).login(otherUsers.admin.login, otherUsers.admin.password);
});
afterAll(() => s.close());

describe('academic years and terms', () => {
  it('the administrator creates a year with terms; the director reads it, cannot change it', async () => {
    const body = {
      name: '2030/2031',
      startDate: '2030-09-01',
      endDate: '2031-08-31',
      terms: [
        { number: 1, startDate: '2030-09-01', endDate: '2030-12-31' },
        { number: 2, startDate: '2031-01-12', endDate: '2031-06-30' },
      ],
    };
    const r = await as.admin.post<{ id: number; terms: unknown[] }>('/academic-years', body);
    expect(r.status).toBe(200);
    expect(r.body.terms).toHaveLength(2);
    expect((await as.director.get<{ name: string }[]>('/academic-years')).body.map((y) => y.name)).toContain('2030/2031');
    expect((await as.director.post('/academic-years', body)).status).toBe(403);
    expect((await new ApiClient(s.url).get('/academic-years')).status).toBe(401);
    const dup = await as.admin.post<{ error: { message: string } }>('/academic-years', body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('пересекаются');
  });
  it('refuses terms outside the year, in Russian, on the field', async () => {
    const r = await as.admin.post<{ error: { fields: Record<string, string> } }>('/academic-years', {
      name: '2031/2032',
      startDate: '2031-09-01',
      endDate: '2032-08-31',
      terms: [{ number: 1, startDate: '2031-08-01', endDate: '2031-12-31' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.terms).toContain('выходит за границы');
  });
  it('refuses a name that is not the years of its dates: the region lines colleges’ years up by it', async () => {
    const year = (name: string) => ({
      name,
      startDate: '2033-09-01',
      endDate: '2034-08-31',
      terms: [{ number: 1, startDate: '2033-09-01', endDate: '2033-12-31' }],
    });
    for (const name of ['2034/2035', '2033/2020', '2032/2033']) {
      const r = await as.admin.post<{ error: { fields: Record<string, string> } }>('/academic-years', year(name));
      expect(r.status, name).toBe(400);
      expect(r.body.error.fields.name, name).toBe(
        'Учебный год с 01.09.2033 по 31.08.2034 называется 2033/2034: проверьте название и даты.',
      );
    }
    expect((await as.admin.post('/academic-years', year('2033/2034'))).status).toBe(200);
  });
  it('another college cannot change this one’s year', async () => {
    const y = await buildAcademicYear(s.db, orgId, 2040);
    expect(
      (await other.patch(`/academic-years/${y.id}`, { terms: [{ number: 1, startDate: '2040-09-01', endDate: '2040-12-31' }] })).status,
    ).toBe(404);
  });
});

describe('departments, programs, commissions, groups', () => {
  it('builds the structure and lists groups with filters', async () => {
    const d = await as.admin.post<{ id: number }>('/departments', { name: 'Отделение сервиса', headPersonId: users.deputy.personId });
    expect(d.status).toBe(200);
    const p = await as.admin.post<{ id: number }>('/programs', {
      departmentId: d.body.id,
      code: '43.02.14',
      name: 'Гостиничное дело',
      qualification: 'Специалист по гостеприимству',
      durationTerms: 6,
    });
    expect(p.status).toBe(200);
    const badCode = await as.admin.post<{ error: { fields: Record<string, string> } }>('/programs', {
      code: '43.02.14',
      name: 'Дубль',
      qualification: 'X',
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.fields.code).toContain('уже есть');
    const c = await as.admin.post<{ id: number; chairName: string }>('/commissions', {
      name: 'ПЦК сервиса',
      chairPersonId: users.teacher.personId,
    });
    expect(c.status).toBe(200);
    const g = await as.admin.post<{ id: number; curatorName: string }>('/groups', {
      name: 'ГД-30',
      programId: p.body.id,
      intakeYear: 2030,
      course: 1,
      curatorPersonId: users.teacher.personId,
    });
    expect(g.status).toBe(200);
    expect(g.body.curatorName).toBeTruthy();
    const dupName = await as.admin.post('/groups', { name: 'гд-30', programId: p.body.id, intakeYear: 2030, course: 1 });
    expect(dupName.status).toBe(400);
    const sub = await as.admin.post<{ id: number }>(`/groups/${g.body.id}/subgroups`, { name: 'Английский язык' });
    expect(sub.status).toBe(200);
    const list = await as.teacher.get<{ name: string; subgroups: unknown[] }[]>(
      `/groups?q=${encodeURIComponent('гд')}&programId=${p.body.id}`,
    );
    expect(list.body.map((x) => x.name)).toEqual(['ГД-30']);
    expect(list.body[0].subgroups).toHaveLength(1);
    expect((await as.teacher.post('/groups', { name: 'X', programId: p.body.id, intakeYear: 2030, course: 1 })).status).toBe(403);
    expect((await as.student.get('/groups')).status).toBe(403);
    // Another college sees none of it and cannot use this program.
    expect((await other.get<unknown[]>(`/groups?programId=${p.body.id}`)).body).toEqual([]);
    expect((await other.post('/groups', { name: 'Y', programId: p.body.id, intakeYear: 2030, course: 1 })).status).toBe(400);
    expect((await other.put(`/groups/${g.body.id}`, { name: 'Z', programId: p.body.id, intakeYear: 2030, course: 1 })).status).toBe(400);
  });
});

describe('year rollover (п. 3.2)', () => {
  it('previews, then promotes groups and graduates the final course in one step', async () => {
    const org = await buildOrganization(s.db);
    const u = await buildRoleUsers(s.db, org.id);
    const admin = await new ApiClient(s.url).login(u.admin.login, u.admin.password);
    await buildAcademicYear(s.db, org.id, 2026);
    const prog = await buildProgram(s.db, org.id);
    const first = await buildGroup(s.db, { orgId: org.id, programId: prog.id, course: 1, name: 'ПК-26' });
    const last = await buildGroup(s.db, { orgId: org.id, programId: prog.id, course: 4, name: 'ПК-23' });
    const grad = await buildStudent(s.db, last);
    await buildStudent(s.db, first);
    const plan = await admin.get<{
      newYear: { name: string };
      promote: { name: string; toCourse: number }[];
      graduate: { name: string; students: number }[];
      problems: string[];
    }>('/rollover/preview');
    expect(plan.status).toBe(200);
    // The year of the test day decides the names; the groups do not depend on it.
    expect(plan.body.graduate.map((g) => g.name)).toContain('ПК-23');
    expect(plan.body.promote.find((g) => g.name === 'ПК-26')?.toCourse).toBe(2);
    expect((await as.director.get('/rollover/preview')).status).toBe(403);
    if (plan.body.problems.length) return;
    // The test day is inside the year: the rollover runs early, with a named date and a confirmation.
    const early = { orderNo: '15-к', effectiveDate: todayIn('Asia/Vladivostok'), confirm: true };
    const r = await admin.post<{ message: string }>('/rollover', early);
    expect(r.status).toBe(200);
    const again = await admin.post('/rollover', early);
    expect(again.status).toBe(409);
    const st = await s.db.selectFrom('students').select('status').where('id', '=', grad.id).executeTakeFirstOrThrow();
    expect(st.status).toBe('graduated');
    const g = await s.db.selectFrom('groups').select(['course', 'status']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(g.course).toBe(2);
  });
});
