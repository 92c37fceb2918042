import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { findEntryClashes, findHoursClashes } from '../../domain/timetable.js';
import { seedDemo } from '../demo/seed.js';
import { generateLessons } from './generate.js';
import { clashNames, loadDirectory, loadEntries, loadTerms } from './queries.js';

let s: TestServer;
let orgId: number;
beforeAll(async () => {
  s = await startTestServer();
  orgId = (await seedDemo(s.db, { students: 300, seed: 3, today: '2026-11-25' })).orgId;
});
afterAll(() => s.close());

describe('demo timetable', () => {
  it('gives every group a week from its load without a clash or excess hours', async () => {
    const [terms, dir, entries] = await Promise.all([
      loadTerms(s.db, orgId),
      loadDirectory(s.db, orgId),
      loadEntries(s.db, orgId, { from: '2000-01-01', to: '2100-01-01' }),
    ]);
    const term = terms.find((t) => t.startDate <= '2026-11-25' && '2026-11-25' <= t.endDate)!;
    // Every group that studies this year (the demo's graduates of last year have no week now).
    const active = await s.db
      .selectFrom('groups')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('status', '=', 'active')
      .execute();
    expect(new Set(entries.map((e) => e.groupId)).size).toBe(active.length);
    expect(findEntryClashes(entries, [], clashNames(dir)).map((c) => c.message)).toEqual([]);
    expect(
      findHoursClashes(
        entries,
        [...dir.assignments.values()].filter((a) => a.termId === term.id),
        term,
        clashNames(dir),
      ),
    ).toEqual([]);
  });

  it('has lessons up to two weeks ahead, substitutions around today, and regenerating changes nothing', async () => {
    const last = await s.db
      .selectFrom('lessons')
      .select((eb) => eb.fn.max('date').as('d'))
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(last.d! >= '2026-12-07').toBe(true);
    const subs = await s.db
      .selectFrom('lessons')
      .select(['id'])
      .where('organization_id', '=', orgId)
      .whereRef('teacher_person_id', '!=', 'planned_teacher_person_id')
      .execute();
    expect(subs.length).toBeGreaterThan(0);
    expect(await generateLessons(s.db, orgId, { from: '2026-09-01', to: '2026-12-09' })).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      detached: 0,
    });
  });
});
