import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import {
  buildGroup,
  buildGuardian,
  buildOrganization,
  buildPerson,
  buildRoleUsers,
  buildStudent,
  buildUser,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// A person's credentials and contacts are changed only by someone whose reach covers every role
// that person holds: the administrator anyone of the college; a curator the students now in
// their group and those students' guardians who hold no staff role (decision 013).
let s: TestServer;
let orgId: number;
let as: Record<Role, ApiClient>;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;
let group: { id: number; orgId: number };
let child: { id: number; personId: number };

const link = (guardianPersonId: number, studentId: number) =>
  s.db
    .insertInto('guardian_links')
    .values({ organization_id: orgId, guardian_person_id: guardianPersonId, student_id: studentId, relation: 'parent' })
    .execute();

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  users = await buildRoleUsers(s.db, orgId);
  as = {} as Record<Role, ApiClient>;
  for (const [role, u] of Object.entries(users)) as[role as Role] = await new ApiClient(s.url).login(u.login, u.password);
  const g = await s.db.selectFrom('groups').select('id').where('curator_person_id', '=', users.curator.personId).executeTakeFirstOrThrow();
  group = { id: g.id, orgId };
  child = await buildStudent(s.db, group, { lastName: 'Ребёнков' });
});
afterAll(() => s.close());

describe('credentials of someone with more power', () => {
  it('a curator cannot reset the password of a guardian who is staff; the administrator can', async () => {
    const staffRoles = ['admin', 'director', 'deputy', 'methodist', 'chair', 'specialist', 'teacher', 'observer'] as const;
    for (const role of staffRoles) {
      const parent = await buildUser(s.db, { orgId, roles: [role] });
      await link(parent.personId, child.id);
      const reset = await as.curator.post<{ error: { message: string } }>('/credentials', { personIds: [parent.personId], reset: true });
      expect(reset.status, role).toBe(403);
      expect(reset.body.error.message, role).toContain('администратор журнала');
      const contacts = await as.curator.patch(`/persons/${parent.personId}/contacts`, { phone: '+7 914 111 22 33' });
      expect(contacts.status, role).toBe(403);
      // The old password still works: nothing was changed.
      expect((await new ApiClient(s.url).login(parent.login, parent.password)).cookie).toBeTruthy();
      const card = await as.curator.get<{ can: { credentials: boolean; editContacts: boolean } }>(`/guardians/${parent.personId}`);
      expect(card.body.can, role).toMatchObject({ credentials: false, editContacts: false });
      expect((await as.admin.post('/credentials', { personIds: [parent.personId], reset: true })).status, role).toBe(200);
    }
  });

  it('a guardian who curates another group, or is a student elsewhere, is beyond a curator', async () => {
    const otherCurator = await buildUser(s.db, { orgId });
    await buildGroup(s.db, { orgId, curatorPersonId: otherCurator.personId });
    await link(otherCurator.personId, child.id);
    expect((await as.curator.post('/credentials', { personIds: [otherCurator.personId], reset: true })).status).toBe(403);
    expect((await as.curator.patch(`/persons/${otherCurator.personId}/contacts`, { email: 'x@example.ru' })).status).toBe(403);

    const elsewhere = await buildStudent(s.db, await buildGroup(s.db, { orgId }), { lastName: 'Студентов', withLogin: true });
    await link(elsewhere.personId, child.id);
    expect((await as.curator.post('/credentials', { personIds: [elsewhere.personId], reset: true })).status).toBe(403);
    expect((await as.curator.patch(`/persons/${elsewhere.personId}/contacts`, { email: 'y@example.ru' })).status).toBe(403);
  });

  it('a student of the group who also holds a staff role is beyond a curator', async () => {
    const assistant = await buildStudent(s.db, group, { lastName: 'Лаборантов', withLogin: true });
    await s.db
      .insertInto('staff_roles')
      .values({ organization_id: orgId, person_id: assistant.personId, role: 'teacher', commission_id: null, title: null })
      .execute();
    expect((await as.curator.post('/credentials', { personIds: [assistant.personId], reset: true })).status).toBe(403);
    const card = await as.curator.get<{ can: { credentials: boolean; editContacts: boolean } }>(`/students/${assistant.id}`);
    expect(card.body.can).toMatchObject({ credentials: false, editContacts: false });
    const page = await as.curator.get<{ students: { personId: number; canManage: boolean }[] }>(`/groups/${group.id}/page`);
    expect(page.body.students.find((x) => x.personId === assistant.personId)?.canManage).toBe(false);
    expect(page.body.students.find((x) => x.personId === child.personId)?.canManage).toBe(true);
  });

  it('a curator still serves the group: its students and their plain guardians', async () => {
    const parent = await buildGuardian(s.db, orgId, [child.id]);
    const r = await as.curator.post<{ issued: { login: string }[] }>('/credentials', {
      personIds: [parent.personId, child.personId],
      reset: true,
    });
    expect(r.status).toBe(200);
    expect((await as.curator.patch(`/persons/${parent.personId}/contacts`, { phone: '+7 914 555 66 77' })).status).toBe(200);
    const card = await as.curator.get<{ can: { credentials: boolean; editContacts: boolean } }>(`/guardians/${parent.personId}`);
    expect(card.body.can).toMatchObject({ credentials: true, editContacts: true });
  });

  it('a student who has left the group, or the parent of only such a student, is no longer the curator’s', async () => {
    const gone = await buildStudent(s.db, group, { lastName: 'Ушедшая', withLogin: true });
    const parent = await buildGuardian(s.db, orgId, [gone.id]);
    const other = await buildGroup(s.db, { orgId });
    expect(
      (
        await as.admin.post(`/students/${gone.id}/movement`, {
          kind: 'transfer',
          date: '2026-11-02',
          toGroupId: other.id,
          orderNo: '12-к',
          reason: 'Заявление',
        })
      ).status,
    ).toBe(200);
    for (const id of [gone.personId, parent.personId]) {
      expect((await as.curator.post('/credentials', { personIds: [id], reset: true })).status).toBe(403);
      expect((await as.curator.patch(`/persons/${id}/contacts`, { phone: '+7 914 000 00 01' })).status).toBe(403);
    }
    // A transfer ordered for a later date leaves the student with the curator until then.
    const leaving = await buildStudent(s.db, group, { lastName: 'Уходящая', withLogin: true });
    expect(
      (
        await as.admin.post(`/students/${leaving.id}/movement`, {
          kind: 'transfer',
          date: '2026-12-15',
          toGroupId: other.id,
          orderNo: '13-к',
          reason: 'Заявление',
        })
      ).status,
    ).toBe(200);
    expect((await as.curator.post('/credentials', { personIds: [leaving.personId], reset: true })).status).toBe(200);
  });

  it('a person with no role at all is the administrator’s only', async () => {
    const nobody = await buildPerson(s.db, orgId, { lastName: 'Никтоев' });
    expect((await as.curator.post('/credentials', { personIds: [nobody.id] })).status).toBe(403);
    expect((await as.admin.post('/credentials', { personIds: [nobody.id] })).status).toBe(200);
  });
});
