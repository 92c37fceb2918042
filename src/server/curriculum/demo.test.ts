import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHours, checkPlanHours, planHours, zeroHours } from '../../domain/curriculum.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { seedDemo } from '../demo/seed.js';
import { itemTerms } from './queries.js';

let s: TestServer;
let orgId: number;
beforeAll(async () => {
  s = await startTestServer();
  orgId = (await seedDemo(s.db, { students: 300, seed: 3, today: '2026-11-28' })).orgId;
});
afterAll(() => s.close());

describe('demo curricula, load and КТП', () => {
  it('has the cooking specialty with ПМ.01–ПМ.05, their МДК and practices', async () => {
    const items = await s.db
      .selectFrom('curriculum_items as ci')
      .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select(['ci.code', 'ci.parent_id', 'ci.kind'])
      .where('p.code', '=', '43.02.15')
      .where('c.intake_year', '=', 2025)
      .where('ci.organization_id', '=', orgId)
      .execute();
    const codes = items.map((i) => i.code);
    for (const c of ['ООД.04', 'ОГСЭ.03', 'ОП.01', 'ПМ.01', 'МДК.01.01', 'МДК.01.02', 'УП.01', 'ПП.01', 'ПМ.05', 'МДК.05.02', 'ГИА'])
      expect(codes).toContain(c);
    expect(items.filter((i) => i.kind === 'mdk').every((i) => i.parent_id !== null)).toBe(true);
  });

  it('names every curriculum by its program and intake, the graduated intakes too', async () => {
    const curricula = await s.db
      .selectFrom('curricula as c')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select(['c.name', 'c.intake_year', 'p.code', 'p.name as programName'])
      .where('c.organization_id', '=', orgId)
      .execute();
    expect(curricula.some((c) => c.intake_year === 2022)).toBe(true);
    for (const c of curricula) expect(c.name).toBe(`${c.code} ${c.programName}, набор ${c.intake_year} года`);
  });

  it('gives every group load in both terms; fixed logins teach as the demo promises', async () => {
    const [groups, terms, fixed] = await Promise.all([
      // The groups that study this year (the demo's graduates of last year have no load now).
      s.db
        .selectFrom('groups')
        .select(['id', 'curator_person_id'])
        .where('organization_id', '=', orgId)
        .where('status', '=', 'active')
        .execute(),
      s.db
        .selectFrom('terms as t')
        .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
        .select('t.id')
        .where('y.name', '=', '2026/2027')
        .where('t.organization_id', '=', orgId)
        .execute(),
      s.db.selectFrom('users').select(['login', 'person_id']).where('organization_id', '=', orgId).execute(),
    ]);
    const person = (login: string) => fixed.find((u) => u.login === login)!.person_id;
    const load = await s.db.selectFrom('assignments').selectAll().where('organization_id', '=', orgId).execute();
    for (const g of groups)
      for (const t of terms)
        expect(
          load.some((a) => a.group_id === g.id && a.term_id === t.id),
          `group ${g.id} term ${t.id}`,
        ).toBe(true);
    expect(new Set(load.filter((a) => a.teacher_person_id === person('teacher')).map((a) => a.group_id)).size).toBeGreaterThan(1);
    const curatorGroup = groups.find((g) => g.curator_person_id === person('curator'))!;
    expect(load.some((a) => a.teacher_person_id === person('curator') && a.group_id === curatorGroup.id)).toBe(true);
    expect(load.some((a) => a.subgroup_id !== null)).toBe(true);
    const chairCommission = await s.db
      .selectFrom('staff_roles')
      .select('commission_id')
      .where('person_id', '=', person('chair'))
      .where('role', '=', 'chair')
      .executeTakeFirstOrThrow();
    const chairItems = await s.db
      .selectFrom('curriculum_items')
      .select('id')
      .where('commission_id', '=', chairCommission.commission_id)
      .execute();
    expect(load.some((a) => chairItems.some((i) => i.id === a.curriculum_item_id))).toBe(true);
  });

  it('approved КТП match the curriculum hours (п. 3.13)', async () => {
    const plans = await s.db
      .selectFrom('lesson_plans')
      .select(['id', 'curriculum_item_id', 'status'])
      .where('organization_id', '=', orgId)
      .execute();
    expect(plans.length).toBeGreaterThan(50);
    const lines = await s.db
      .selectFrom('lesson_plan_items')
      .select(['lesson_plan_id', 'hours', 'lesson_type', 'self_study_hours'])
      .where('organization_id', '=', orgId)
      .execute();
    const terms = await itemTerms(
      s.db,
      orgId,
      plans.map((p) => p.curriculum_item_id),
    );
    for (const p of plans) {
      const ls = lines
        .filter((l) => l.lesson_plan_id === p.id)
        .map((l) => ({ hours: l.hours, lessonType: l.lesson_type, selfStudyHours: l.self_study_hours }));
      const curriculum = (terms.get(p.curriculum_item_id) ?? []).reduce((h, t) => addHours(h, t.hours), zeroHours());
      expect(checkPlanHours(planHours(ls), curriculum).matches, `plan ${p.id}`).toBe(true);
    }
    expect(plans.filter((p) => p.status === 'submitted')).toHaveLength(1);
  });
});
