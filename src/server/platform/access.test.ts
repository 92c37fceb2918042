import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../domain/permissions.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { buildDirectionWorld } from '../../../test/factories-direction.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Walks every route of the OpenAPI document: each one requires a session, and each one that
// needs a permission refuses a role without it. A route added without a check fails here.
let s: TestServer;
let clients: Record<Role, ApiClient>;
let routes: { method: string; url: string; access: string }[];
let orgId: number;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db);
  orgId = org.id;
  users = await buildRoleUsers(s.db, org.id);
  clients = {} as Record<Role, ApiClient>;
  for (const role of ROLES) clients[role] = await new ApiClient(s.url).login(users[role].login, users[role].password);
  const doc = (await new ApiClient(s.url).get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json')).body;
  routes = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), url: path, access: '' });
  }
});
afterAll(() => s.close());

const concrete = (url: string) => url.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '1');

describe('every route is guarded', () => {
  it('the OpenAPI document lists the routes', () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  it('every route except login answers 401 without a session', async () => {
    const anon = new ApiClient(s.url);
    for (const r of routes) {
      if (r.url.endsWith('/auth/login')) continue;
      const res = await anon.request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every route with a permission answers 403 to a role without it', async () => {
    const info = await (await fetch(`${s.url}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, { 'x-access'?: string }>> };
    let checked = 0;
    for (const [path, ops] of Object.entries(info.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const access = op['x-access'];
        expect(access, `${method} ${path} declares its access`).toBeTruthy();
        if (access === 'public' || access === 'authenticated') continue;
        const denied = ROLES.find((role) => !ROLE_PERMISSIONS[role][access as Permission]);
        if (!denied) continue; // every role holds it
        const res = await clients[denied].request(method.toUpperCase(), concrete(path), method === 'get' ? undefined : {});
        expect(res.status, `${method} ${path} as ${denied}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

// п. 2.6: a specialist reads the journals, absences and cards of their direction only. Every GET
// route the specialist reaches through the `direction` scope is called with the ids of a group,
// its student, guardian, journal and lesson outside the direction: the student's name never
// appears, and no file is handed out. The director, who reads the whole college, sees it.
describe('a specialist outside their direction', () => {
  it('no route shows a student, journal or absence outside the direction', async () => {
    const w = await buildDirectionWorld(s.db, orgId, users.specialist.personId);
    const info = await (await fetch(`${s.url}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, { 'x-access'?: string }>> };
    const query = `assignmentId=${w.out.assignmentId}&lessonId=${w.out.lessonId}&studentId=${w.out.studentId}&groupId=${w.out.groupId}&view=group&id=${w.out.groupId}&date=${w.today}&termId=${w.termId}&status=all&pageSize=500`;
    const idFor = (path: string) => (path.startsWith('/api/v1/students/') ? w.out.studentId
      : path.startsWith('/api/v1/guardians/') ? w.out.guardianPersonId
      : path.startsWith('/api/v1/journal/lessons/') ? w.out.lessonId
      : path.startsWith('/api/v1/attestation/assignments/') ? w.out.assignmentId
      : w.out.groupId);
    const url = (path: string) => `${path.replace(/^\/api\/v1/, '').replace('{studentId}', String(w.out.studentId)).replace(/\{[^}]+\}/g, String(idFor(path)))}?${query}`;
    let swept = 0;
    let directorSaw = 0;
    for (const [path, ops] of Object.entries(info.paths)) {
      const access = ops.get?.['x-access'] as Permission | undefined;
      if (!access || ROLE_PERMISSIONS.specialist[access] !== 'direction') continue;
      swept++;
      const res = await clients.specialist.request('GET', url(path));
      const type = String(res.headers.get('content-type') ?? '');
      if (type.includes('json')) expect(JSON.stringify(res.body), `GET ${path}`).not.toContain(w.out.lastName);
      else expect(res.status, `GET ${path} hands out a file`).toBeGreaterThanOrEqual(400);
      const dir = await clients.director.request('GET', url(path));
      if (JSON.stringify(dir.body ?? '').includes(w.out.lastName)) directorSaw++;
    }
    expect(swept).toBeGreaterThanOrEqual(15);
    expect(directorSaw).toBeGreaterThanOrEqual(6);
    // Inside the direction the same specialist reads the journal and the card.
    expect((await clients.specialist.get(`/journal/grid?assignmentId=${w.in.assignmentId}`)).status).toBe(200);
    expect((await clients.specialist.get(`/students/${w.in.studentId}`)).status).toBe(200);
  });
});
