import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { compareRu, fullName } from '../../domain/text.js';
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
    expect(
      await a.db
        .selectFrom('students')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '!=', 'graduated')
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 300 });
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

  it('splits each group into its two language subgroups by halves of the list', async () => {
    const rows = await a.db
      .selectFrom('subgroup_memberships as sm')
      .innerJoin('subgroups as sg', 'sg.id', 'sm.subgroup_id')
      .innerJoin('students as s', 's.id', 'sm.student_id')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .select(['sm.student_id', 'sg.group_id', 'sg.name', 'p.last_name', 'p.first_name', 'p.middle_name'])
      .execute();
    // Students who never moved: one subgroup membership each.
    const count = new Map<number, number>();
    for (const r of rows) count.set(r.student_id, (count.get(r.student_id) ?? 0) + 1);
    const groups = new Map<number, { name: string; person: string }[]>();
    for (const r of rows.filter((x) => count.get(x.student_id) === 1))
      groups.set(r.group_id, [...(groups.get(r.group_id) ?? []), { name: r.name, person: fullName(r) }]);
    expect(groups.size).toBeGreaterThan(10);
    for (const list of groups.values()) {
      const sorted = list.sort((x, y) => compareRu(x.person, y.person));
      const first = sorted.filter((x) => x.name.endsWith('1')).length;
      expect(Math.abs(first - (sorted.length - first))).toBeLessThanOrEqual(3);
      // The first half of the list is the first subgroup.
      expect(sorted.slice(0, first).every((x) => x.name.endsWith('1'))).toBe(true);
    }
  });

  it("keeps the year's plan of intra-college control with the checks made marked and one weekly check overdue", async () => {
    const c = await new ApiClient(a.url).login('deputy', 'demo');
    const plan = await c.call('GET /control/plan', { query: {} });
    expect(plan.body.year?.name).toBe('2026/2027');
    expect(plan.body.lines).toHaveLength(7);
    const weekly = plan.body.lines.find((l) => l.kind === 'weekly')!;
    expect(weekly.occurrences.filter((o) => o.state === 'overdue').map((o) => o.from)).toEqual(['2026-11-16']);
    expect(weekly.counts.done).toBe(11);
    const overdue = await c.call('GET /control/plan/overdue');
    expect(overdue.body.items.some((x) => x.from === '2026-11-16')).toBe(true);
  });
});
