import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../domain/permissions.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Walks every operation of the OpenAPI document that accepts a date, in a query or a body, and
// sends it dates that look right but do not exist: each answers 400 naming the field.
type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
};
type Operation = {
  'x-access'?: string;
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const IMPOSSIBLE = ['2026-13-45', '0000-00-00', '2026-02-30'];
const DATE_LIKE = /(date|^from|^to|^since|^until|From|Until)$/i;

let s: TestServer;
let clients: Record<Role, ApiClient>;
let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db);
  const users = await buildRoleUsers(s.db, org.id);
  clients = {} as Record<Role, ApiClient>;
  for (const role of ROLES) clients[role] = await new ApiClient(s.url).login(users[role].login, users[role].password);
  doc = (await new ApiClient(s.url).get<typeof doc>('/openapi.json')).body;
});
afterAll(() => s.close());

const resolve = (x: Schema): Schema => (x.$ref ? resolve(doc.components!.schemas![x.$ref.split('/').pop()!]) : x);
const variants = (x: Schema): Schema[] => {
  const r = resolve(x);
  return (r.anyOf ?? r.oneOf) ? (r.anyOf ?? r.oneOf)!.map(resolve) : [r];
};

/** Paths (as the API names fields: `terms.0.startDate`) to every string leaf of a body schema. */
function leaves(x: Schema, path: string[] = []): { path: string[]; schema: Schema }[] {
  const out: { path: string[]; schema: Schema }[] = [];
  for (const v of variants(x)) {
    if (v.properties) for (const [k, p] of Object.entries(v.properties)) out.push(...leaves(p, [...path, k]));
    else if (v.items) out.push(...leaves(v.items, [...path, '0']));
    else if (v.type === 'string' || (Array.isArray(v.type) && v.type.includes('string'))) out.push({ path, schema: v });
  }
  return out;
}

function bodyWith(path: string[], value: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === '0') return [bodyWith(rest, value)];
  return { [head]: bodyWith(rest, value) };
}

function clientFor(access: string | undefined): ApiClient {
  if (!access || access === 'public' || access === 'authenticated') return clients.admin;
  const role = ROLES.find((r) => ROLE_PERMISSIONS[r][access as Permission]);
  return clients[role!];
}

const isDate = (name: string, x?: Schema) => x?.format === 'date' || DATE_LIKE.test(name);
const concrete = (url: string) => url.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '1');

describe('impossible dates are refused everywhere', () => {
  it('every date-like input is typed as a date', () => {
    const untyped: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? [])
          if (p.in === 'query' && DATE_LIKE.test(p.name) && p.schema?.format !== 'date') untyped.push(`${method} ${path} ?${p.name}`);
        const body = op.requestBody?.content?.['application/json']?.schema;
        for (const leaf of body ? leaves(body) : []) {
          if (DATE_LIKE.test(leaf.path.at(-1) ?? '') && leaf.schema.format !== 'date')
            untyped.push(`${method} ${path} ${leaf.path.join('.')}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it('each operation answers 400 naming the date field, never 500', async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const c = clientFor(op['x-access']);
        const cases: { field: string; send: (bad: string) => Promise<{ status: number; body: unknown }> }[] = [];
        for (const p of op.parameters ?? []) {
          if (p.in !== 'query' || !isDate(p.name, p.schema)) continue;
          cases.push({
            field: p.name,
            send: (bad) => c.request(method.toUpperCase(), `${concrete(path)}?${p.name}=${bad}`, method === 'get' ? undefined : {}),
          });
        }
        const body = op.requestBody?.content?.['application/json']?.schema;
        for (const leaf of body ? leaves(body) : []) {
          if (!isDate(leaf.path.at(-1) ?? '', leaf.schema)) continue;
          cases.push({
            field: leaf.path.join('.'),
            send: (bad) => c.request(method.toUpperCase(), concrete(path), bodyWith(leaf.path, bad)),
          });
        }
        for (const k of cases) {
          for (const bad of IMPOSSIBLE) {
            const r = (await k.send(bad)) as { status: number; body: { error?: { fields?: Record<string, string> } } };
            expect({
              op: `${method} ${path}`,
              bad,
              status: r.status,
              named: Object.keys(r.body.error?.fields ?? {}).includes(k.field),
            }).toEqual({ op: `${method} ${path}`, bad, status: 400, named: true });
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
