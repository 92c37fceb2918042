import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { DEMO_LOGINS, seedDemo } from './seed.js';

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  await seedDemo(a.db, { students: 300, seed: 5, today: '2026-11-28' });
  await seedDemo(b.db, { students: 300, seed: 5, today: '2026-11-28' });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const names = (s: TestServer) => s.db.selectFrom('persons').select(['last_name', 'first_name', 'middle_name']).orderBy('id').execute();

describe('demo college', () => {
  it('is deterministic for a seed', async () => {
    expect(await names(a)).toEqual(await names(b));
  });

  it('has the programs of the regulation, four courses and Russian names with ё and hyphens', async () => {
    const programs = await a.db.selectFrom('programs').select(['code', 'name']).execute();
    expect(programs.map((p) => p.code)).toEqual(expect.arrayContaining(['43.02.15', '43.02.14', '43.01.09', '43.02.13']));
    const courses = await a.db.selectFrom('groups').select('course').distinct().execute();
    expect(courses.map((c) => c.course).sort()).toEqual([1, 2, 3, 4]);
    const people = await names(a);
    expect(people.some((p) => /ё/i.test(p.last_name + p.first_name + (p.middle_name ?? '')))).toBe(true);
    expect(people.some((p) => p.last_name.includes('-'))).toBe(true);
    expect(people.every((p) => p.middle_name)).toBe(true);
    expect(await a.db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 300 });
  });

  it('every fixed login signs in with the password demo; the parent has two children', async () => {
    for (const login of DEMO_LOGINS) {
      const c = await new ApiClient(a.url).login(login, 'demo');
      const me = await c.get<{ roles: { role: string; scope: { name: string }[] }[] }>('/auth/me');
      expect(me.body.roles.length, login).toBeGreaterThan(0);
      if (login === 'parent') expect(me.body.roles.find((r) => r.role === 'guardian')!.scope).toHaveLength(2);
      if (login === 'curator') expect(me.body.roles.map((r) => r.role)).toEqual(expect.arrayContaining(['curator', 'teacher']));
      if (login === 'specialist') {
        // The social pedagogue follows a few groups and students (п. 2.6) and reads their journals.
        const scope = me.body.roles.find((r) => r.role === 'specialist')!.scope;
        expect(scope.length).toBeGreaterThanOrEqual(3);
        const journals = await c.get<{ items: unknown[] }>('/journal/assignments');
        expect(journals.body.items.length).toBeGreaterThan(0);
      }
    }
  });
});
