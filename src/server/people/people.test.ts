import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildOrganization,
  buildRoleUsers,
  buildStudent,
  buildSubgroup,
  buildUser,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { groupRoster } from './roster.js';

let s: TestServer;
let orgId: number;
let as: Record<Role, ApiClient>;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;
let curatorGroup: { id: number; orgId: number; programId: number; name: string };
let otherAdmin: ApiClient;
let termId: number;

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  users = await buildRoleUsers(s.db, orgId);
  as = {} as Record<Role, ApiClient>;
  for (const [role, u] of Object.entries(users)) as[role as Role] = await new ApiClient(s.url).login(u.login, u.password);
  const g = await s.db
    .selectFrom('groups')
    .select(['id', 'program_id', 'name'])
    .where('curator_person_id', '=', users.curator.personId)
    .executeTakeFirstOrThrow();
  curatorGroup = { id: g.id, orgId, programId: g.program_id, name: g.name };
  const o2 = await buildOrganization(s.db);
  const u2 = await buildUser(s.db, { orgId: o2.id, roles: ['admin'] });
  otherAdmin = await new ApiClient(s.url).login(u2.login, u2.password);
  termId = (await buildAcademicYear(s.db, orgId)).termIds[0];
});
afterAll(() => s.close());

type Card = {
  id: number;
  person: { fullName: string; snils: string | null; phone: string | null };
  group: { name: string } | null;
  status: string;
  memberships: { groupName: string; from: string; to: string | null }[];
  events: { kind: string; orderNo: string }[];
  can: Record<string, boolean>;
};

describe('students: lists and cards within scope', () => {
  it('the administrator enrols a student; search is case- and ё-insensitive', async () => {
    const r = await as.admin.post<{ id: number }>('/students', {
      lastName: 'Ёжикова',
      firstName: 'Алёна',
      middleName: 'Игоревна',
      birthDate: '2009-03-04',
      snils: '112-233-445 95',
      phone: '89141234567',
      email: 'Alena@Example.ru',
      groupId: curatorGroup.id,
      enrolDate: '2026-09-01',
      orderNo: '112-к',
      recordBookNo: '26-0001',
    });
    expect(r.status).toBe(200);
    const list = await as.admin.get<{ items: { fullName: string; groupName: string; phone: string }[]; total: number }>(
      `/students?q=${encodeURIComponent('ЕЖИКОВА ал')}`,
    );
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      fullName: 'Ёжикова Алёна Игоревна',
      groupName: curatorGroup.name,
      phone: '+7 (914) 123-45-67',
    });
    const bad = await as.admin.post<{ error: { fields: Record<string, string> } }>('/students', {
      lastName: 'Х',
      firstName: 'Y',
      snils: '112-233-445 96',
      groupId: curatorGroup.id,
      enrolDate: '2026-09-01',
      orderNo: '1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.snils).toContain('контрольная сумма');
    expect(
      (
        await as.curator.post('/students', {
          lastName: 'Х',
          firstName: 'Y',
          groupId: curatorGroup.id,
          enrolDate: '2026-09-01',
          orderNo: '1',
        })
      ).status,
    ).toBe(403);
  });

  it('the curator sees the own group only; a teacher the groups taught; the director all', async () => {
    const g2 = await buildGroup(s.db, { orgId, name: 'ЧУЖ-1' });
    const stranger = await buildStudent(s.db, g2, { lastName: 'Чужой' });
    // A student who left the curator's group drops out of the list; their card stays readable.
    const gone = await buildStudent(s.db, curatorGroup, { lastName: 'Ушедший' });
    await as.admin.post(`/students/${gone.id}/movement`, {
      kind: 'transfer',
      date: '2026-10-01',
      toGroupId: g2.id,
      orderNo: '9-к',
      reason: 'Заявление',
    });
    const curList = await as.curator.get<{ items: { id: number; groupName: string }[] }>('/students?pageSize=500');
    expect(curList.body.items.length).toBeGreaterThan(0);
    expect(curList.body.items.every((x) => x.groupName === curatorGroup.name)).toBe(true);
    expect((await as.curator.get(`/students/${gone.id}`)).status).toBe(200);
    expect((await as.curator.get(`/students/${stranger.id}`)).status).toBe(404);
    expect((await as.teacher.get(`/students/${stranger.id}`)).status).toBe(404);
    await buildAssignment(s.db, { group: { ...g2 }, teacherPersonId: users.teacher.personId, termId });
    expect((await as.teacher.get(`/students/${stranger.id}`)).status).toBe(200);
    const dir = await as.director.get<{ total: number }>('/students?status=all');
    expect(dir.body.total).toBeGreaterThanOrEqual(3);
    expect((await otherAdmin.get(`/students/${stranger.id}`)).status).toBe(404);
    expect((await otherAdmin.get<{ total: number }>('/students')).body.total).toBe(0);
    expect((await new ApiClient(s.url).get('/students')).status).toBe(401);
    expect((await as.observer.get('/students')).status).toBe(403);
  });

  it('a student sees only themselves, a guardian only their children (п. 3.13)', async () => {
    const self = await s.db.selectFrom('students').select('id').where('person_id', '=', users.student.personId).executeTakeFirstOrThrow();
    const mine = await as.student.get<{ items: { id: number }[] }>('/students');
    expect(mine.body.items.map((x) => x.id)).toEqual([self.id]);
    const card = await as.student.get<Card>(`/students/${self.id}`);
    expect(card.status).toBe(200);
    expect(card.body.person.snils).toBeNull();
    const sibling = await buildStudent(s.db, curatorGroup, { lastName: 'Сосед' });
    expect((await as.student.get(`/students/${sibling.id}`)).status).toBe(404);
    expect((await as.guardian.get(`/students/${self.id}`)).status).toBe(200);
    expect((await as.guardian.get(`/students/${sibling.id}`)).status).toBe(404);
    const g = await as.guardian.get<{ items: { personId: number }[] }>('/guardians');
    expect(g.body.items.map((x) => x.personId)).toEqual([users.guardian.personId]);
  });

  it('every view of a card by staff is logged; the administrator reads the log (152-ФЗ)', async () => {
    const st = await buildStudent(s.db, curatorGroup, { lastName: 'Просмотренный' });
    await as.curator.get(`/students/${st.id}`);
    await as.director.get(`/students/${st.id}`);
    const log = await as.admin.get<{ items: { viewerLogin: string; persons: { id: number }[] }[] }>(
      `/people/view-log?personId=${st.personId}`,
    );
    expect(log.status).toBe(200);
    expect(log.body.items.map((x) => x.viewerLogin).sort()).toEqual([users.curator.login, users.director.login].sort());
    expect((await as.director.get('/people/view-log')).status).toBe(403);
    expect((await otherAdmin.get<{ total: number }>(`/people/view-log?personId=${st.personId}`)).body.total).toBe(0);
  });
});

describe('movement (п. 3.4)', () => {
  it('a transfer closes the old membership the day before and keeps old marks in the old group', async () => {
    const from = await buildGroup(s.db, { orgId, name: 'ПК-А' });
    const to = await buildGroup(s.db, { orgId, name: 'ПК-Б' });
    const sub = await buildSubgroup(s.db, from);
    const st = await buildStudent(s.db, from, { lastName: 'Переведённый', subgroupId: sub.id });
    const a = await buildAssignment(s.db, { group: from, termId });
    const lesson = await buildLesson(s.db, a, { date: '2026-10-05', topic: 'Тема' });
    await buildMark(s.db, { orgId, lessonId: lesson.id, studentId: st.id, userId: users.admin.id, value: '5' });

    const bad = await as.admin.post<{ error: { fields: Record<string, string> } }>(`/students/${st.id}/movement`, {
      kind: 'transfer',
      date: '2026-11-10',
      orderNo: '',
      reason: 'x',
    });
    expect(bad.status).toBe(400);
    const r = await as.admin.post<{ message: string }>(`/students/${st.id}/movement`, {
      kind: 'transfer',
      date: '2026-11-10',
      toGroupId: to.id,
      orderNo: '201-к',
      reason: 'Заявление',
    });
    expect(r.status).toBe(200);
    expect(r.body.message).toContain('Перевод');
    const oldRoster = await groupRoster(s.db, orgId, from.id, { from: '2026-09-01', to: '2026-12-31' });
    expect(oldRoster.find((x) => x.studentId === st.id)).toMatchObject({ from: '2026-09-01', to: '2026-11-09' });
    const oldSub = await groupRoster(s.db, orgId, from.id, { from: '2026-10-01', to: '2026-10-31' }, sub.id);
    expect(oldSub.map((x) => x.studentId)).toContain(st.id);
    const newRoster = await groupRoster(s.db, orgId, to.id, { from: '2026-09-01', to: '2026-11-09' });
    expect(newRoster.map((x) => x.studentId)).not.toContain(st.id);
    const marks = await s.db.selectFrom('marks').select('value').where('student_id', '=', st.id).execute();
    expect(marks.map((m) => m.value)).toEqual(['5']);
    const card = await as.admin.get<Card>(`/students/${st.id}`);
    expect(card.body.group?.name).toBe('ПК-Б');
    expect(card.body.memberships.map((m) => [m.groupName, m.from, m.to])).toEqual([
      ['ПК-Б', '2026-11-10', null],
      ['ПК-А', '2026-09-01', '2026-11-09'],
    ]);
    expect(card.body.events[0]).toMatchObject({ kind: 'transfer', orderNo: '201-к' });
    const page = await as.admin.get<{ left: { fullName: string; to: string }[] }>(`/groups/${from.id}/page?date=2026-11-20`);
    expect(page.body.left.map((x) => x.to)).toContain('2026-11-09');
    const before = await as.admin.get<{ students: { id: number }[] }>(`/groups/${from.id}/page?date=2026-11-01`);
    expect(before.body.students.map((x) => x.id)).toContain(st.id);
  });

  it('leave, return, expel, reinstate and graduate follow the rules and say why not', async () => {
    const g = await buildGroup(s.db, { orgId, name: 'ТГ-1' });
    const st = await buildStudent(s.db, g);
    const mv = (body: object) =>
      as.admin.post<{ error?: { message: string } }>(`/students/${st.id}/movement`, { orderNo: '5', reason: 'Приказ', ...body });
    expect((await mv({ kind: 'leave', date: '2026-10-01' })).status).toBe(200);
    const again = await mv({ kind: 'transfer', date: '2026-10-02', toGroupId: g.id });
    expect(again.status).toBe(409);
    expect(again.body.error!.message).toContain('академическом отпуске');
    expect((await mv({ kind: 'return', date: '2026-09-15', toGroupId: g.id })).status).toBe(400);
    expect((await mv({ kind: 'return', date: '2026-11-01', toGroupId: g.id })).status).toBe(200);
    expect((await mv({ kind: 'expel', date: '2026-11-20' })).status).toBe(200);
    expect((await mv({ kind: 'reinstate', date: '2026-12-01', toGroupId: g.id })).status).toBe(200);
    expect((await mv({ kind: 'graduate', date: '2026-12-20' })).status).toBe(200);
    const spans = await s.db
      .selectFrom('group_memberships')
      .select(['start_date', 'end_date'])
      .where('student_id', '=', st.id)
      .orderBy('start_date')
      .execute();
    expect(spans).toEqual([
      { start_date: '2026-09-01', end_date: '2026-09-30' },
      { start_date: '2026-11-01', end_date: '2026-11-19' },
      { start_date: '2026-12-01', end_date: '2026-12-19' },
    ]);
    expect(
      (await as.curator.post(`/students/${st.id}/movement`, { kind: 'expel', date: '2026-12-21', orderNo: '1', reason: 'x' })).status,
    ).toBe(403);
    expect(
      (await otherAdmin.post(`/students/${st.id}/movement`, { kind: 'expel', date: '2026-12-21', orderNo: '1', reason: 'x' })).status,
    ).toBe(404);
  });

  it('assigns many students at once and splits a group into subgroups', async () => {
    const a = await buildGroup(s.db, { orgId, name: 'ПВ-1' });
    const b = await buildGroup(s.db, { orgId, name: 'ПВ-2' });
    const st = await Promise.all([1, 2, 3].map(() => buildStudent(s.db, a)));
    const r = await as.admin.post<{ moved: number; already: number }>(`/groups/${b.id}/assign`, {
      studentIds: [...st.map((x) => x.id)],
      date: '2026-09-10',
      orderNo: '7-к',
    });
    expect(r.body).toMatchObject({ moved: 3, already: 0 });
    const sub = await buildSubgroup(s.db, b, 'Немецкий язык');
    const m = await as.admin.put<{ message: string }>(`/subgroups/${sub.id}/members`, {
      studentIds: [st[0].id, st[1].id],
      date: '2026-09-15',
    });
    expect(m.status).toBe(200);
    expect((await as.admin.put(`/subgroups/${sub.id}/members`, { studentIds: [users.admin.id + 99999], date: '2026-09-15' })).status).toBe(
      400,
    );
    expect((await groupRoster(s.db, orgId, b.id, { from: '2026-09-15', to: '2026-09-30' }, sub.id)).length).toBe(2);
    const page = await as.admin.get<{ subgroups: { id: number; studentIds: number[] }[] }>(`/groups/${b.id}/page?date=2026-09-20`);
    expect(page.body.subgroups.find((x) => x.id === sub.id)!.studentIds.sort()).toEqual([st[0].id, st[1].id].sort());
    // Moving one out the next week keeps the earlier weeks in the subgroup's journal.
    await as.admin.put(`/subgroups/${sub.id}/members`, { studentIds: [st[0].id], date: '2026-09-22' });
    expect((await groupRoster(s.db, orgId, b.id, { from: '2026-09-15', to: '2026-09-21' }, sub.id)).length).toBe(2);
    expect((await groupRoster(s.db, orgId, b.id, { from: '2026-09-22', to: '2026-09-30' }, sub.id)).map((x) => x.studentId)).toEqual([
      st[0].id,
    ]);
  });
});

describe('curators keep contacts current (п. 3.12)', () => {
  it('applies at once, or waits for the administrator when the college asks so', async () => {
    const st = await buildStudent(s.db, curatorGroup, { lastName: 'Контактов' });
    const direct = await as.curator.patch<{ status: string }>(`/persons/${st.personId}/contacts`, { phone: '+7 914 000 11 22' });
    expect(direct.body.status).toBe('applied');
    expect((await as.admin.put('/people/settings', { contactChangesNeedApproval: true })).status).toBe(200);
    const pending = await as.curator.patch<{ status: string }>(`/persons/${st.personId}/contacts`, { email: 'new@example.ru' });
    expect(pending.body.status).toBe('pending');
    const p = await s.db.selectFrom('persons').select(['phone', 'email']).where('id', '=', st.personId).executeTakeFirstOrThrow();
    expect(p).toEqual({ phone: '+7 (914) 000-11-22', email: null });
    const list = await as.admin.get<{ items: { id: number; after: Record<string, string>; requestedBy: string }[] }>('/contact-changes');
    const change = list.body.items.find((c) => c.after.email === 'new@example.ru')!;
    expect(change.requestedBy).toBeTruthy();
    expect((await as.curator.post(`/contact-changes/${change.id}/decision`, { approve: true })).status).toBe(403);
    expect((await otherAdmin.post(`/contact-changes/${change.id}/decision`, { approve: true })).status).toBe(404);
    expect((await as.admin.post(`/contact-changes/${change.id}/decision`, { approve: true })).status).toBe(200);
    expect((await s.db.selectFrom('persons').select('email').where('id', '=', st.personId).executeTakeFirstOrThrow()).email).toBe(
      'new@example.ru',
    );
    await as.admin.put('/people/settings', { contactChangesNeedApproval: false });
    const stranger = await buildStudent(s.db, await buildGroup(s.db, { orgId }));
    expect((await as.curator.patch(`/persons/${stranger.personId}/contacts`, { phone: '+7 914 000 11 22' })).status).toBe(403);
    expect((await as.teacher.patch(`/persons/${stranger.personId}/contacts`, { phone: '+7 914 000 11 22' })).status).toBe(403);
  });
});

describe('credentials (п. 3.1)', () => {
  it('the curator issues logins to the group, passwords once, slips as PDF; resets are logged', async () => {
    const st = await buildStudent(s.db, curatorGroup, { lastName: 'Щукина', firstName: 'Юлия' });
    const parent = await s.db
      .insertInto('persons')
      .values({
        organization_id: orgId,
        last_name: 'Щукин',
        first_name: 'Олег',
        middle_name: 'Ильич',
        birth_date: null,
        gender: null,
        snils: null,
        phone: null,
        email: null,
        sort_key: 'щукин олег ильич',
        created_at: '',
        updated_at: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await s.db
      .insertInto('guardian_links')
      .values({ organization_id: orgId, guardian_person_id: parent.id, student_id: st.id, relation: 'father' })
      .execute();
    const r = await as.curator.post<{ issued: { login: string; password: string; role: string }[]; slipsPdfBase64: string }>(
      '/credentials',
      { personIds: [st.personId, parent.id], groupId: curatorGroup.id },
    );
    expect(r.status).toBe(200);
    expect(r.body.issued.map((x) => x.login)).toEqual(['shchukina.is', 'shchukin.oi']);
    expect(r.body.issued[1].role).toContain('Щукина Юлия');
    expect(Buffer.from(r.body.slipsPdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const u = await s.db
      .selectFrom('users')
      .select(['must_change_password', 'password_hash'])
      .where('person_id', '=', st.personId)
      .executeTakeFirstOrThrow();
    expect(u.must_change_password).toBe(1);
    expect(u.password_hash).not.toContain(r.body.issued[0].password);
    const again = await as.curator.post<{ issued: unknown[]; skipped: { reason: string }[] }>('/credentials', { personIds: [st.personId] });
    expect(again.body.issued).toHaveLength(0);
    expect(again.body.skipped[0].reason).toContain('уже выдан');
    const reset = await as.curator.post<{ issued: { password: string; reset: boolean }[] }>('/credentials', {
      personIds: [st.personId],
      reset: true,
    });
    expect(reset.body.issued[0].reset).toBe(true);
    const student = await new ApiClient(s.url).login('shchukina.is', reset.body.issued[0].password);
    expect((await student.get<{ user: { mustChangePassword: boolean } }>('/auth/me')).body.user.mustChangePassword).toBe(true);
    const logged = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('organization_id', '=', orgId)
      .where('action', 'in', ['people.credentials_issued', 'people.password_reset'])
      .execute();
    expect(logged.length).toBeGreaterThanOrEqual(3);
    // Not for a student of another group, not for staff.
    const stranger = await buildStudent(s.db, await buildGroup(s.db, { orgId }));
    expect((await as.curator.post('/credentials', { personIds: [stranger.personId] })).status).toBe(403);
    expect((await as.curator.post('/credentials', { personIds: [users.director.personId], reset: true })).status).toBe(403);
    expect((await as.teacher.post('/credentials', { personIds: [stranger.personId] })).status).toBe(403);
    expect((await otherAdmin.post('/credentials', { personIds: [stranger.personId] })).status).toBe(404);
    // The administrator gives logins to staff; the same surname gets a number.
    const t1 = await buildUser(s.db, { orgId, roles: ['teacher'], lastName: 'Щукина' });
    await s.db.deleteFrom('users').where('id', '=', t1.id).execute();
    await s.db.updateTable('persons').set({ first_name: 'Ирина', middle_name: 'Сергеевна' }).where('id', '=', t1.personId).execute();
    const staff = await as.admin.post<{ issued: { login: string }[] }>('/credentials', { personIds: [t1.personId] });
    expect(staff.body.issued[0].login).toBe('shchukina.is2');
  });
});

describe('usage (п. 3.7)', () => {
  it('shows who logged in and who never did; exports XLSX; scoped to the curator’s group', async () => {
    const u = await as.curator.get<{
      rows: { kind: string; access: { login: string | null; lastLoginAt: string | null } }[];
      summary: { studentsLoggedIn: number };
    }>(`/groups/${curatorGroup.id}/usage`);
    expect(u.status).toBe(200);
    expect(u.body.summary.studentsLoggedIn).toBeGreaterThanOrEqual(1);
    expect(u.body.rows.some((r) => r.access.login === null)).toBe(true);
    const x = await fetch(`${s.url}/api/v1/groups/${curatorGroup.id}/usage.xlsx`, { headers: { cookie: as.curator.cookie } });
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    const other = await buildGroup(s.db, { orgId });
    expect((await as.curator.get(`/groups/${other.id}/usage`)).status).toBe(404);
    expect((await as.teacher.get(`/groups/${other.id}/usage`)).status).toBe(403);
    expect((await as.director.get<unknown[]>('/usage')).body.length).toBeGreaterThanOrEqual(2);
    expect((await otherAdmin.get(`/groups/${curatorGroup.id}/usage`)).status).toBe(404);
  });
});

describe('impossible dates', () => {
  it('a birth date after today is refused for a new student and on the card', async () => {
    const body = {
      lastName: 'Будущева',
      firstName: 'Мария',
      birthDate: '2099-02-01',
      groupId: curatorGroup.id,
      enrolDate: '2026-09-01',
      orderNo: '1-к',
    };
    const r = await as.admin.post<{ error: { fields: Record<string, string> } }>('/students', body);
    expect(r.status).toBe(400);
    expect(r.body.error.fields.birthDate).toBe('Дата рождения не может быть позже сегодняшнего дня.');
    const ok = await as.admin.post<{ personId: number }>('/students', { ...body, birthDate: '2010-02-01' });
    expect(ok.status).toBe(200);
    const put = await as.admin.put(`/persons/${ok.body.personId}`, { lastName: 'Будущева', firstName: 'Мария', birthDate: '2099-02-01' });
    expect(put.status).toBe(400);
  });
});

describe('guardians and staff', () => {
  it('links a guardian to several children; lists guardians by group', async () => {
    const a = await buildStudent(s.db, curatorGroup, { lastName: 'Брат' });
    const b = await buildStudent(s.db, await buildGroup(s.db, { orgId }), { lastName: 'Сестра' });
    const g = await buildGuardian(s.db, orgId, [a.id]);
    const link = await as.admin.post<{ linkId: number }>(`/students/${b.id}/guardians`, {
      lastName: 'x',
      firstName: 'y',
      guardianPersonId: g.personId,
      relation: 'mother',
    });
    expect(link.status).toBe(200);
    const card = await as.admin.get<{ children: { fullName: string }[] }>(`/guardians/${g.personId}`);
    expect(card.body.children).toHaveLength(2);
    const byGroup = await as.curator.get<{ items: { personId: number }[] }>(`/guardians?groupId=${curatorGroup.id}&pageSize=500`);
    expect(byGroup.body.items.map((x) => x.personId)).toContain(g.personId);
    expect((await as.curator.post(`/students/${b.id}/guardians`, { lastName: 'x', firstName: 'y' })).status).toBe(403);
    expect((await otherAdmin.get(`/guardians/${g.personId}`)).status).toBe(404);
    expect((await as.admin.delete(`/guardian-links/${link.body.linkId}`)).status).toBe(200);
  });

  it('the administrator adds staff with roles; others cannot list staff', async () => {
    const r = await as.admin.post<{ personId: number }>('/staff', {
      lastName: 'Новикова',
      firstName: 'Анна',
      middleName: 'Петровна',
      roles: [{ role: 'teacher', title: 'Преподаватель' }],
    });
    expect(r.status).toBe(200);
    const list = await as.director.get<{ items: { fullName: string; roles: { role: string }[] }[] }>(
      `/staff?q=${encodeURIComponent('новикова')}`,
    );
    expect(list.body.items[0].roles.map((x) => x.role)).toEqual(['teacher']);
    expect((await as.curator.get('/staff')).status).toBe(403);
    expect((await as.admin.put(`/staff/${users.admin.personId}/roles`, { roles: [] })).status).toBe(409);
    expect((await as.admin.put(`/staff/${r.body.personId}/roles`, { roles: [{ role: 'chair' }] })).status).toBe(400);
    expect((await otherAdmin.put(`/staff/${r.body.personId}/roles`, { roles: [] })).status).toBe(404);
  });

  it('a college’s administrator does not make anyone a regional observer, who reads every college of the region', async () => {
    const self = await as.admin.put<{ error: { message: string } }>(`/staff/${users.admin.personId}/roles`, {
      roles: [{ role: 'admin' }, { role: 'observer' }],
    });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('показатели всех колледжей региона');
    expect((await as.admin.post('/staff', { lastName: 'Зорина', firstName: 'Ольга', roles: [{ role: 'observer' }] })).status).toBe(403);
    expect((await as.admin.get<{ roles: { role: string }[] }>('/auth/me')).body.roles.map((x) => x.role)).not.toContain('observer');
    // An observer the college hosts keeps the role when the administrator edits the title, and may lose it.
    const observer = users.observer.personId;
    expect(
      (await as.admin.put(`/staff/${observer}/roles`, { roles: [{ role: 'observer', title: 'Специалист министерства' }] })).status,
    ).toBe(200);
    expect((await as.admin.put(`/staff/${observer}/roles`, { roles: [{ role: 'teacher' }] })).status).toBe(200);
    expect((await as.admin.put(`/staff/${observer}/roles`, { roles: [{ role: 'observer' }] })).status).toBe(403);
  });
});
