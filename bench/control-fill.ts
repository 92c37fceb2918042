import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/domain/dates.js';
import { fillDay, fillTeachers } from '../src/server/control/fill-service.js';
import { sql } from '../src/server/platform/db.js';
import type { Ctx } from '../src/server/platform/http.js';
import { benchPgUrl, figure, timetableCollege } from './lib.js';
import { decimalRu, numberRu } from '../src/domain/russian.js';

/**
 * The daily fill control on a 2,000-student college with a term of lessons (target: the day's
 * list ≤ 100 ms), beside a plain scan of the lessons table; on SQLite and, with --pg=URL,
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL. The term's per-teacher figures are printed
 * too. The same list on the college with a year of marks, beside a scan of the marks table, is in
 * the performance benchmark.
 */
export async function controlBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-bench-'));
  try {
    await run('SQLite', `sqlite:${join(dir, 'control.db')}`);
    const pgUrl = benchPgUrl();
    if (pgUrl) await run('PostgreSQL', pgUrl);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lessonsRu = (n: number) => {
  const f = new Intl.PluralRules('ru').select(n);
  return `${n} ${f === 'one' ? 'занятие' : f === 'few' ? 'занятия' : 'занятий'}`;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return median(out);
}

async function run(engine: string, url: string) {
  const { db, orgId, close } = await timetableCollege(url);
  try {
    const org = await db.selectFrom('organizations').select(['id', 'time_zone']).where('id', '=', orgId).executeTakeFirstOrThrow();
    // A day in the middle of the lessons; nine lessons in ten before it recorded, some of them late.
    const span = await db
      .selectFrom('lessons')
      .select([sql<string>`min(date)`.as('a'), sql<string>`max(date)`.as('b')])
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const mid = addDays(span.a, Math.floor((Date.parse(span.b) - Date.parse(span.a)) / 864e5 / 2));
    const day = (
      await db
        .selectFrom('lessons')
        .select('date')
        .where('organization_id', '=', orgId)
        .where('date', '<=', mid)
        .orderBy('date', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).date;
    await db
      .updateTable('lessons')
      .set({ topic: 'Тема', recorded_at: sql`${day} || 'T02:00:00.000Z'` as never })
      .where('organization_id', '=', orgId)
      .where('date', '<=', day)
      .where(sql`id % 10`, '<>', 0)
      .execute();
    const total = await db
      .selectFrom('lessons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const o = { id: orgId, timeZone: org.time_zone };
    const list = await fillDay(db, o, day, () => true);
    const ms = await timed(20, () => fillDay(db, o, day, () => true));
    const scan = await timed(5, () =>
      db
        .selectFrom('lessons')
        .select(['id', 'date', 'pair_no', 'recorded_at', 'teacher_person_id'])
        .where('organization_id', '=', orgId)
        .execute(),
    );
    console.log(
      `Контроль заполнения за день ${day} (${engine}): ${lessonsRu(list.counts.lessons)}, не записано ${list.counts.missing}; ${decimalRu(ms, 1)} мс (цель ≤ 100 мс, ${ms <= 100 ? 'выполнено' : 'НЕ выполнено'})`,
    );
    console.log(`Простой просмотр таблицы занятий (${engine}): ${numberRu(Number(total.n))} строк за ${decimalRu(scan, 1)} мс`);
    figure(`Контроль заполнения за день (${engine})`, ms, 'мс', { op: '<=', value: 100 });
    figure(`Простой просмотр таблицы занятий (${engine})`, scan, 'мс');
    const now = new Date(`${addDays(day, 1)}T03:00:00Z`);
    const ctx = {
      db,
      principal: { organizationId: orgId, timeZone: org.time_zone, commissionIds: [] },
      reach: { all: true, commissionIds: [] },
    } as unknown as Ctx;
    const { setClock } = await import('../src/domain/clock.js');
    setClock(now.toISOString());
    try {
      const tms = await timed(5, () => fillTeachers(ctx));
      console.log(`Показатели преподавателей за семестр (${engine}): ${decimalRu(tms, 1)} мс`);
      figure(`Показатели преподавателей за семестр (${engine})`, tms, 'мс');
    } finally {
      setClock(null);
    }
  } finally {
    await close();
  }
}
