import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../domain/permissions.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Walks every route of the OpenAPI document: each one requires a session, and each one that
// needs a permission refuses a role without it. A route added without a check fails here.
let s: TestServer;
let clients: Record<Role, ApiClient>;
let routes: { method: string; url: string; access: string }[];

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db);
  const users = await buildRoleUsers(s.db, org.id);
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
