import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAcademicYear, buildOrganization, buildRoleUsers, buildStudent, buildGroup, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('organization', () => {
  it('reports the caller’s own college with its current year, term and counts', async () => {
    const org = await buildOrganization(s.db, { name: 'Колледж А' });
    await buildAcademicYear(s.db, org.id, 2026);
    const group = await buildGroup(s.db, { orgId: org.id });
    await buildStudent(s.db, group);
    const other = await buildOrganization(s.db, { name: 'Колледж Б' });
    await buildStudent(s.db, await buildGroup(s.db, { orgId: other.id }));
    const u = await buildUser(s.db, { orgId: org.id, roles: ['director'] });
    const c = await new ApiClient(s.url).login(u.login, u.password);
    const r = await c.get<{ name: string; currentYear: { name: string } | null; counts: { groups: number; students: number } }>(
      '/organization',
    );
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('Колледж А');
    expect(r.body.counts).toMatchObject({ groups: 1, students: 1 });
  });
});

describe('region', () => {
  it('the observer sees every college of their region and no other; others get 403', async () => {
    const a = await buildOrganization(s.db, { name: 'Колледж Приморья', region: 'Приморский край' });
    await buildOrganization(s.db, { name: 'Колледж Хабаровска', region: 'Хабаровский край' });
    const users = await buildRoleUsers(s.db, a.id);
    const observer = await new ApiClient(s.url).login(users.observer.login, users.observer.password);
    const r = await observer.get<{ region: string; organizations: { name: string }[] }>('/region/organizations');
    expect(r.status).toBe(200);
    const names = r.body.organizations.map((o) => o.name);
    expect(names).toContain('Колледж Приморья');
    expect(names).not.toContain('Колледж Хабаровска');
    const director = await new ApiClient(s.url).login(users.director.login, users.director.password);
    expect((await director.get('/region/organizations')).status).toBe(403);
  });
});
