import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../domain/dates.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildLesson,
  buildOrganization,
  buildRegionalAdmin,
  buildStudent,
  buildUser,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { organizationsForJobs } from '../control/scheduler-queries.js';

// Colleges on one installation (issue 15 items 1 and 2, decision 038): the regional administrator
// creates a college, appoints its first administrator, suspends and re-activates it; the college's
// administrator keeps its settings, validated and audited.
let s: TestServer;
let region: ApiClient;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
type College = { id: number; name: string; status: string; admins: { login: string | null }[]; observers: { login: string | null }[] };

beforeAll(async () => {
  s = await startTestServer();
  region = await as(await buildRegionalAdmin(s.db, 'Приморский край'));
});
afterAll(() => s.close());

const valid = {
  name: 'Краевое ГАПОУ «Приморский политехнический колледж»',
  shortName: 'ППК',
  inn: '7707083893',
  ogrn: '1027700132195',
  timeZone: 'Asia/Vladivostok',
};

describe('the regional administrator keeps the colleges of the region', () => {
  let college: College;
  let adminLogin: { login: string; password: string };

  it('creates a college; bad identifiers and time zones are 400 naming the field', async () => {
    const bad = async (body: object, field: string) => {
      const r = await region.post<Err>('/region/colleges', { ...valid, ...body });
      expect(r.status, field).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}), field).toContain(field);
    };
    await bad({ inn: '7707083894' }, 'inn');
    await bad({ ogrn: '1027700132196' }, 'ogrn');
    await bad({ timeZone: 'Mars/Olympus' }, 'timeZone');
    await bad({ name: '' }, 'name');
    const r = await region.post<College>('/region/colleges', valid);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: valid.name,
      shortName: 'ППК',
      region: 'Приморский край',
      status: 'active',
      students: 0,
      admins: [],
      observers: [],
    });
    college = r.body;
    await bad({}, 'name'); // the same name twice in a region
    const noIds = await region.post<College>('/region/colleges', { ...valid, name: 'Колледж без реквизитов', inn: '', ogrn: null });
    expect(noIds.status).toBe(201);
    expect(noIds.body).toMatchObject({ inn: null, ogrn: null });
    const list = await region.get<{ region: string; colleges: College[] }>('/region/colleges');
    expect(list.body.colleges.map((c) => c.name)).toEqual(expect.arrayContaining([valid.name, 'Колледж без реквизитов']));
    const audit = await s.db
      .selectFrom('audit_log')
      .select(['action', 'organization_id'])
      .where('action', '=', 'region.college_created')
      .execute();
    expect(audit.map((a) => a.organization_id)).toContain(college.id);
  });

  it('appoints the first administrator: the password is shown once and works once, then must be changed', async () => {
    const r = await region.post<{ login: string; password: string; fullName: string }>(`/region/colleges/${college.id}/admins`, {
      lastName: 'Ёлкина',
      firstName: 'Мария',
      middleName: 'Петровна',
    });
    expect(r.status).toBe(201);
    expect(r.body.login).toBe('elkina.mp');
    expect(r.body.password).toMatch(/^\S{10}$/);
    adminLogin = r.body;
    const admin = await as(adminLogin);
    const me = await admin.get<{ user: { mustChangePassword: boolean }; organization: { id: number }; roles: { role: string }[] }>(
      '/auth/me',
    );
    expect(me.body.user.mustChangePassword).toBe(true);
    expect(me.body.organization.id).toBe(college.id);
    expect(me.body.roles.map((x) => x.role)).toEqual(['admin']);
    expect((await admin.post('/auth/password', { currentPassword: adminLogin.password, newPassword: 'Новый-пароль-2026' })).status).toBe(
      200,
    );
    adminLogin = { login: adminLogin.login, password: 'Новый-пароль-2026' };
    expect((await (await as(adminLogin)).get('/organization')).status).toBe(200);
    const list = await region.get<{ colleges: College[] }>('/region/colleges');
    expect(list.body.colleges.find((c) => c.id === college.id)!.admins.map((a) => a.login)).toEqual(['elkina.mp']);
    // Stored hashed only.
    const u = await s.db.selectFrom('users').select('password_hash').where('login', '=', 'elkina.mp').executeTakeFirstOrThrow();
    expect(u.password_hash).not.toContain(r.body.password);
  });

  it('appoints a regional observer the college hosts, whom its administrator could not make one', async () => {
    const r = await region.post<{ login: string; password: string }>(`/region/colleges/${college.id}/admins`, {
      role: 'observer',
      lastName: 'Орлова',
      firstName: 'Нина',
    });
    expect(r.status).toBe(201);
    const observer = await as(r.body);
    const me = await observer.get<{ roles: { role: string }[] }>('/auth/me');
    expect(me.body.roles.map((x) => x.role)).toEqual(['observer']);
    const list = await region.get<{ colleges: College[] }>('/region/colleges');
    const row = list.body.colleges.find((c) => c.id === college.id)!;
    expect(row.observers.map((a) => a.login)).toEqual([r.body.login]);
    expect(row.admins.map((a) => a.login)).toEqual(['elkina.mp']);
    const audit = await s.db.selectFrom('audit_log').select('action').where('organization_id', '=', college.id).execute();
    expect(audit.map((a) => a.action)).toContain('region.observer_appointed');
    const bad = await region.post<Err>(`/region/colleges/${college.id}/admins`, { role: 'director', lastName: 'А', firstName: 'Б' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {})).toContain('role');
  });

  it('suspends a college: its users cannot log in or use the API, the scheduler skips it; data stays; activation restores', async () => {
    const admin = await as(adminLogin);
    expect((await region.post<Err>(`/region/colleges/${college.id}/suspend`, {})).body.error.fields).toHaveProperty('reason');
    const r = await region.post<College>(`/region/colleges/${college.id}/suspend`, { reason: 'Реорганизация' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'suspended', statusReason: 'Реорганизация' });
    expect((await admin.get('/organization')).status).toBe(401);
    const login = await new ApiClient(s.url).call('POST /auth/login', { body: adminLogin });
    expect(login.status).toBe(401);
    expect((login.body as unknown as Err).error.message).toBe(
      'Работа колледжа в журнале приостановлена региональным администратором. Данные сохранены; возобновить работу может только он — обратитесь к администрации колледжа.',
    );
    expect((await organizationsForJobs(s.db)).map((o) => o.id)).not.toContain(college.id);
    expect((await region.post(`/region/colleges/${college.id}/suspend`, { reason: 'Ещё раз' })).status).toBe(409);
    expect((await region.post(`/region/colleges/${college.id}/admins`, { lastName: 'Иванов', firstName: 'Иван' })).status).toBe(409);
    expect(await s.db.selectFrom('users').select('id').where('login', '=', adminLogin.login).executeTakeFirst()).toBeTruthy();
    expect((await region.post<College>(`/region/colleges/${college.id}/activate`, { reason: 'Реорганизация завершена' })).body.status).toBe(
      'active',
    );
    expect((await (await as(adminLogin)).get('/organization')).status).toBe(200);
    expect((await organizationsForJobs(s.db)).map((o) => o.id)).toContain(college.id);
    const actions = await s.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('organization_id', '=', college.id)
      .where('action', 'like', 'region.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'region.college_created',
      'region.admin_appointed',
      'region.observer_appointed',
      'region.college_suspended',
      'region.college_activated',
    ]);
  });

  it('another region’s college is unknown (404); college roles get 403; the observer’s overview lists colleges only', async () => {
    const other = await buildOrganization(s.db, { name: 'Хабаровский колледж', region: 'Хабаровский край' });
    for (const path of ['suspend', 'activate']) {
      expect((await region.post(`/region/colleges/${other.id}/${path}`, { reason: 'Проверка' })).status).toBe(404);
    }
    expect((await region.post(`/region/colleges/${other.id}/admins`, { lastName: 'Чужой', firstName: 'Админ' })).status).toBe(404);
    expect((await region.get<{ colleges: College[] }>('/region/colleges')).body.colleges.map((c) => c.id)).not.toContain(other.id);
    const admin = await as(adminLogin);
    expect((await admin.get('/region/colleges')).status).toBe(403);
    expect((await admin.post('/region/colleges', valid)).status).toBe(403);
    const observer = await as(await buildUser(s.db, { orgId: college.id, roles: ['observer'] }));
    const overview = await observer.get<{ organizations: { name: string }[] }>('/region/organizations');
    expect(overview.body.organizations.map((o) => o.name)).toContain(valid.name);
    expect(overview.body.organizations.map((o) => o.name).some((n) => n.startsWith('Министерство'))).toBe(false);
  });

  it('a regional_admin staff row inside a college grants nothing', async () => {
    const u = await buildUser(s.db, { orgId: college.id });
    await s.db
      .insertInto('staff_roles')
      .values({ organization_id: college.id, person_id: u.personId, role: 'regional_admin', commission_id: null, title: null })
      .execute();
    const c = await as(u);
    expect((await c.get('/region/colleges')).status).toBe(403);
  });
});

describe('college settings (the college’s administrator)', () => {
  let orgId: number;
  let admin: ApiClient;
  type Settings = {
    values: Record<string, unknown>;
    own: string[];
    history: { by: string | null; changes: { key: string; before: unknown; after: unknown }[] }[];
  };

  beforeAll(async () => {
    orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
    admin = await as(await buildUser(s.db, { orgId, roles: ['admin'], lastName: 'Админова', firstName: 'Анна', middleName: 'Сергеевна' }));
  });

  it('reads every setting with its default; other roles get 403', async () => {
    const r = await admin.get<Settings>('/college/settings');
    expect(r.status).toBe(200);
    expect(r.body.values).toMatchObject({
      journalEntryDays: 1,
      journalEntryCloseTime: '24:00',
      objectivityBaseGrades: 2,
      objectivityRequiredWorkTypes: ['control', 'laboratory', 'practical'],
      contactChangesNeedApproval: false,
      learningDegree4: 0.64,
    });
    expect(r.body.own).toEqual([]);
    const director = await as(await buildUser(s.db, { orgId, roles: ['director'] }));
    expect((await director.get('/college/settings')).status).toBe(403);
    expect((await director.patch('/college/settings', { journalEntryDays: 3 })).status).toBe(403);
  });

  it('refuses a bad value with 400 naming the field; an unknown or empty change too', async () => {
    const bad = async (body: object, field: string) => {
      const r = await admin.patch<Err>('/college/settings', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}).join(), JSON.stringify(body)).toMatch(new RegExp(`^${field}(\\.|$)`));
    };
    await bad({ journalEntryDays: 61 }, 'journalEntryDays');
    await bad({ journalEntryDays: 1.5 }, 'journalEntryDays');
    await bad({ journalEntryDays: '3' }, 'journalEntryDays');
    await bad({ journalEntryCloseTime: '25:00' }, 'journalEntryCloseTime');
    await bad({ objectivityRequiredWorkTypes: ['exam'] }, 'objectivityRequiredWorkTypes');
    await bad({ learningDegree5: 1.2 }, 'learningDegree5');
    expect((await admin.patch('/college/settings', { colour: 'red' })).status).toBe(400);
    expect((await admin.patch('/college/settings', {})).status).toBe(400);
  });

  it('a wider entry window lets a teacher mark a lesson of three days ago; each change is audited old → new', async () => {
    const today = todayIn('Asia/Vladivostok');
    const termId = (await buildAcademicYear(s.db, orgId)).termIds[0];
    await s.db
      .updateTable('terms')
      .set({ end_date: addDays(today, 60) })
      .where('id', '=', termId)
      .execute();
    const teacher = await buildUser(s.db, { orgId, roles: ['teacher'] });
    const a = await buildAssignment(s.db, { orgId, teacherPersonId: teacher.personId, termId });
    const lesson = await buildLesson(s.db, a, { date: addDays(today, -3) });
    const student = await buildStudent(s.db, {
      id: (await s.db.selectFrom('assignments').select('group_id').where('id', '=', a.id).executeTakeFirstOrThrow()).group_id,
      orgId,
    });
    const t = await as(teacher);
    const mark = () =>
      t.post('/journal/marks', {
        opId: `w-${Math.random().toString(36).slice(2)}`,
        lessonId: lesson.id,
        studentId: student.id,
        value: '5',
      });
    const closed = await mark();
    expect(closed.status).toBe(403);
    expect((closed.body as Err).error.code).toBe('entry_closed');
    const r = await admin.patch<Settings>('/college/settings', {
      journalEntryDays: 3,
      journalEntryCloseTime: '23:59',
      learningDegree4: 0.7,
    });
    expect(r.status).toBe(200);
    expect(r.body.values).toMatchObject({ journalEntryDays: 3, journalEntryCloseTime: '23:59', learningDegree4: 0.7, learningDegree5: 1 });
    expect(r.body.own).toEqual(expect.arrayContaining(['journalEntryDays', 'learningDegree5', 'learningDegreeNa']));
    expect((await mark()).status).toBe(201);
    // The СОУ weights are stored whole, as the performance reports read them.
    const stored = JSON.parse(
      (await s.db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow()).settings,
    );
    expect(stored).toMatchObject({
      journalEntryDays: 3,
      learningDegreeCoefficients: { '5': 1, '4': 0.7, '3': 0.36, '2': 0.16, 'н/а': 0.08 },
    });
    expect(r.body.history[0]).toMatchObject({
      by: 'Админова Анна Сергеевна',
      changes: expect.arrayContaining([
        { key: 'journalEntryDays', before: 1, after: 3 },
        { key: 'learningDegree4', before: 0.64, after: 0.7 },
      ]),
    });
    // The same value again changes nothing and writes no audit row.
    const before = (await s.db.selectFrom('audit_log').select('id').where('action', '=', 'college.settings_changed').execute()).length;
    await admin.patch('/college/settings', { journalEntryDays: 3 });
    expect((await s.db.selectFrom('audit_log').select('id').where('action', '=', 'college.settings_changed').execute()).length).toBe(
      before,
    );
  });

  it('contact-change approval set here is the one the people area reads', async () => {
    await admin.patch('/college/settings', { contactChangesNeedApproval: true });
    expect((await admin.get<{ contactChangesNeedApproval: boolean }>('/people/settings')).body.contactChangesNeedApproval).toBe(true);
  });
});
