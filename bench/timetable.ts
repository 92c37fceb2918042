import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/server/platform/db.js';
import { generateLessons } from '../src/server/timetable/generate.js';
import { figure, timetableCollege } from './lib.js';
import { decimalRu } from '../src/domain/russian.js';

/**
 * Producing a term's lessons from the timetable for a 2,000-student college (target: under 5 s),
 * on SQLite and, with BENCH_DATABASE_URL, on PostgreSQL: once from scratch, once again (nothing to do).
 */
export async function timetableBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-bench-'));
  try {
    await run('SQLite', `sqlite:${join(dir, 'tt.db')}`);
    if (process.env.BENCH_DATABASE_URL) await run('PostgreSQL', process.env.BENCH_DATABASE_URL);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(engine: string, url: string) {
  // The demo college up to its timetable (no journal records yet), then every lesson removed.
  const { db, orgId, close } = await timetableCollege(url);
  try {
    const term = await currentTerm(db, orgId);
    await db.deleteFrom('lessons').where('organization_id', '=', orgId).execute();
    const groups = await db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    let t = performance.now();
    const first = await generateLessons(db, orgId, { from: term.start_date, to: term.end_date });
    const cold = (performance.now() - t) / 1000;
    t = performance.now();
    const again = await generateLessons(db, orgId, { from: term.start_date, to: term.end_date });
    const warm = (performance.now() - t) / 1000;
    console.log(
      `Занятия семестра ${term.start_date} – ${term.end_date}, ${groups.n} групп (${engine}): ${first.created} занятий за ${decimalRu(cold, 2)} с (цель < 5 с, запас ×${decimalRu(5 / cold, 1)})`,
    );
    console.log(
      `Повторная сверка без изменений (${engine}): ${decimalRu(warm, 2)} с, изменено ${again.created + again.updated + again.deleted}`,
    );
    figure(`Занятия семестра (${engine})`, cold, 'с', { op: '<=', value: 5 });
    figure(`Повторная сверка без изменений (${engine})`, warm, 'с');
    // A term with the journal kept: the teachers have recorded every lesson so far.
    await db
      .updateTable('lessons')
      .set({ recorded_at: new Date().toISOString() })
      .where('organization_id', '=', orgId)
      .where('date', '<=', new Date().toISOString().slice(0, 10))
      .execute();
    t = performance.now();
    await generateLessons(db, orgId, { from: term.start_date, to: term.end_date });
    console.log(`Сверка семестра, где прошедшие занятия записаны в журнал (${engine}): ${decimalRu((performance.now() - t) / 1000, 2)} с`);
  } finally {
    await close();
  }
}

async function currentTerm(db: Db, orgId: number) {
  const lessons = await db
    .selectFrom('timetable_entries')
    .select('term_id')
    .where('organization_id', '=', orgId)
    .limit(1)
    .executeTakeFirstOrThrow();
  return db.selectFrom('terms').select(['start_date', 'end_date']).where('id', '=', lessons.term_id).executeTakeFirstOrThrow();
}
