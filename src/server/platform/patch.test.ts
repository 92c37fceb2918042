import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../domain/permissions.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { buildOrganization, buildPerson, buildRoleUsers, buildSubject } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Every PATCH leaves what it does not name as it is and refuses an empty patch.
type Schema = { properties?: Record<string, Schema>; default?: unknown; anyOf?: Schema[] };
type Operation = { 'x-access'?: string; requestBody?: { content?: Record<string, { schema?: Schema }> } };

let s: TestServer;
let orgId: number;
let clients: Record<Role, ApiClient>;
let doc: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  const users = await buildRoleUsers(s.db, orgId);
  clients = {} as Record<Role, ApiClient>;
  for (const role of ROLES) clients[role] = await new ApiClient(s.url).login(users[role].login, users[role].password);
  doc = (await new ApiClient(s.url).get<typeof doc>('/openapi.json')).body;
});
afterAll(() => s.close());

const patches = () => Object.entries(doc.paths).flatMap(([path, ops]) => (ops.patch ? [{ path, op: ops.patch }] : []));
const roleFor = (access?: string) => ROLES.find((r) => ROLE_PERMISSIONS[r][access as Permission]) ?? 'admin';

describe('partial updates', () => {
  it('no PATCH body gives an absent field a default (it would overwrite what is stored)', () => {
    expect(patches().length).toBeGreaterThanOrEqual(5);
    const defaulted: string[] = [];
    for (const { path, op } of patches()) {
      const props = op.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      for (const [name, p] of Object.entries(props))
        if (p.default !== undefined || p.anyOf?.some((x) => x.default !== undefined)) defaulted.push(`${path} ${name}`);
    }
    expect(defaulted).toEqual([]);
  });

  it('every PATCH answers an empty patch with 400', async () => {
    for (const { path, op } of patches()) {
      const r = await clients[roleFor(op['x-access'])].patch<{ error: { code: string } }>(
        path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '1'),
        {},
      );
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({ path, status: 400, code: 'validation' });
    }
  });

  it('changing the e-mail keeps the phone, and the reverse; an empty patch changes nothing', async () => {
    const p = await buildPerson(s.db, orgId, { phone: '+7 900 111-22-33', email: 'old@example.ru' });
    const admin = clients.admin;
    const stored = () => s.db.selectFrom('persons').select(['phone', 'email']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect((await admin.patch(`/persons/${p.id}/contacts`, { email: 'new@example.ru' })).status).toBe(200);
    expect(await stored()).toEqual({ phone: '+7 900 111-22-33', email: 'new@example.ru' });
    expect((await admin.patch(`/persons/${p.id}/contacts`, {})).status).toBe(400);
    expect(await stored()).toEqual({ phone: '+7 900 111-22-33', email: 'new@example.ru' });
    expect((await admin.patch(`/persons/${p.id}/contacts`, { phone: null })).status).toBe(200);
    expect(await stored()).toEqual({ phone: null, email: 'new@example.ru' });
  });

  it('a curriculum patch keeps what it does not name; an empty one is 400, not 500', async () => {
    const { curriculumId } = await buildSubject(s.db, orgId);
    const c = clients[roleFor('curriculum:write')];
    const empty = await c.patch<{ error: { message: string } }>(`/curricula/${curriculumId}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/хотя бы одно поле/);
    expect((await c.patch(`/curricula/${curriculumId}`, { name: 'План 2026' })).status).toBe(200);
    expect(await s.db.selectFrom('curricula').select(['name', 'status']).where('id', '=', curriculumId).executeTakeFirstOrThrow()).toEqual({
      name: 'План 2026',
      status: 'approved',
    });
  });
});
