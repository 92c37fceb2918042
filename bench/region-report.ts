import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import pg from 'pg';
import { apiUrl, figure } from './lib.js';
import { countRu, NOUNS } from '../src/domain/russian.js';
import { createSessions, seedRegion } from './region-setup.js';
import { openDatabase, type Db } from '../src/server/platform/db.js';
import { organizationsForJobs } from '../src/server/control/scheduler-queries.js';
import { recomputeCollege } from '../src/server/region/figures.js';

// The observer's regional report of the term (issue 15 item 3, decision 041) on PostgreSQL: a
// region of REGION_COLLEGES colleges × REGION_STUDENTS students (40 × 2,000 by default) seeded by
// bench/region-setup.ts, the current term's journal added (term grades for every student and
// subject, absences, a share of grade marks, lessons recorded, guardians' logins); then the kept
// figures computed for one college and for the region (the job's work), and the report and a
// college's drill-down timed over HTTP as the observer. Target: the term's report ≤ 2 s.
// `REGION_COLLEGES=3 REGION_STUDENTS=500 npm run bench -- region-report` for a small run;
// REGION_PAD_TO=40 then pads the kept figures to 40 colleges (copies) before the report is timed.
// The database (REGION_BENCH_URL, default postgres://postgres@127.0.0.1:5432/regrep_bench) is
// dropped and created anew, and dropped at the end.

const COLLEGES = Number(process.env.REGION_COLLEGES ?? 40);
const STUDENTS = Number(process.env.REGION_STUDENTS ?? 2000);
const GRADE_SHARE = Number(process.env.REGION_GRADE_SHARE ?? 0.2);
const URL_ = process.env.REGION_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/regrep_bench';
const PORT = Number(process.env.REGION_PORT ?? 4103);
/** Pad the region's kept figures to this many colleges (copies of the seeded ones' groups and figures). */
const PAD_TO = Number(process.env.REGION_PAD_TO ?? 0);

/** The current term's journal for every college: the demo's seed up to the timetable has none. */
async function addJournal(db: Db, today: string) {
  const user = sql`(select min(id) from users)`;
  // Term grades of the current term: every member of the group, every assignment.
  await sql`
    insert into term_grades (organization_id, assignment_id, student_id, kind, value, override_reason, missing, version, set_by_user_id, set_at)
    select a.organization_id, a.id, gm.student_id, 'term',
           (array['5','4','4','3','3','4','5','2','3','н/а'])[1 + ((a.id * 7 + gm.student_id * 13) % 10)],
           null, null, 1, ${user}, ${`${today}T01:00:00.000Z`}
    from assignments a
    join terms t on t.id = a.term_id and t.start_date <= ${today} and ${today} <= t.end_date
    join group_memberships gm on gm.group_id = a.group_id and gm.start_date <= t.end_date and (gm.end_date is null or gm.end_date >= t.end_date)
    where a.subgroup_id is null
    on conflict do nothing`.execute(db);
  // Marks of the lessons held: an absence of 2 hours for one in 25, a grade for GRADE_SHARE of the rest.
  const every = Math.max(1, Math.round(1 / Math.max(GRADE_SHARE, 0.001)));
  await sql`
    insert into marks (organization_id, lesson_id, student_id, kind, value, work_type, weight, hours, comment, version,
                       created_by_user_id, created_at, updated_by_user_id, updated_at)
    select l.organization_id, l.id, gm.student_id,
           case when (l.id + gm.student_id * 31) % 25 = 0 then 'absence' else 'grade' end,
           case when (l.id + gm.student_id * 31) % 25 = 0 then (case when gm.student_id % 3 = 0 then 'б' else 'н' end)
                else (array['5','4','3','4','5'])[1 + ((l.id + gm.student_id) % 5)] end,
           null, 1,
           case when (l.id + gm.student_id * 31) % 25 = 0 then 2 else null end,
           null, 1, ${user}, ${`${today}T01:00:00.000Z`}, ${user}, ${`${today}T01:00:00.000Z`}
    from lessons l
    join assignments a on a.id = l.assignment_id and a.subgroup_id is null
    join group_memberships gm on gm.group_id = a.group_id and gm.start_date <= l.date and (gm.end_date is null or gm.end_date >= l.date)
    where l.date < ${today} and l.status <> 'cancelled'
      and ((l.id + gm.student_id * 31) % 25 = 0 or (l.id * 3 + gm.student_id) % ${sql.lit(every)} = 0)`.execute(db);
  // Nine lessons of ten recorded on their day, the tenth a day late.
  await sql`
    update lessons set recorded_at = case when id % 10 = 0 then date || 'T23:30:00.000Z' else date || 'T03:00:00.000Z' end
    where date < ${today} and status <> 'cancelled' and recorded_at is null`.execute(db);
  // A third of the guardians logged in during the term.
  await sql`
    insert into audit_log (organization_id, actor_user_id, action, entity, entity_id, before, after, reason, ip, at)
    select u.organization_id, u.id, 'auth.login', 'session', null, null, null, null, '127.0.0.1', ${`${today}T00:30:00.000Z`}
    from users u where u.login like 'g%' and u.id % 3 = 0`.execute(db);
  await sql`analyze`.execute(db);
  const n = await sql<{ marks: string; grades: string }>`
    select (select count(*) from marks) as marks, (select count(*) from term_grades) as grades`.execute(db);
  return { marks: Number(n.rows[0].marks), grades: Number(n.rows[0].grades) };
}

/**
 * A small run's region padded to PAD_TO colleges for the report: each extra college copies a
 * seeded one's groups and kept figures (the report reads nothing else), so the report is timed
 * over a region-sized region_figures without seeding 80,000 students. Said beside the figures.
 */
async function padRegion(db: Db, orgIds: number[], to: number): Promise<number> {
  for (let i = orgIds.length + 1; i <= to; i++) {
    const src = orgIds[(i - 1) % orgIds.length];
    const org = await sql<{ id: number }>`
      insert into organizations (name, short_name, region, time_zone, settings, created_at, kind, status)
      select 'Колледж-копия ' || ${i}::text, 'КК-' || ${i}::text, region, time_zone, '{}', created_at, 'college', 'active'
      from organizations where id = ${src} returning id`.execute(db);
    const id = org.rows[0].id;
    await sql`
      insert into groups (organization_id, program_id, name, intake_year, course, curator_person_id, status, sort_key)
      select ${id}, program_id, name, intake_year, course, null, status, sort_key from groups where organization_id = ${src}`.execute(db);
    await sql`
      insert into region_figures (organization_id, period_kind, period_id, year_name, term_number, group_id, group_name, course, students,
        n5, n4, n3, n2, nna, points, graded, excused_hours, unexcused_hours, lessons, lessons_on_time, guardians, guardians_active, computed_at)
      select ${id}, f.period_kind, f.period_id, f.year_name, f.term_number, g2.id, f.group_name, f.course, f.students,
        f.n5, f.n4, f.n3, f.n2, f.nna, f.points, f.graded, f.excused_hours, f.unexcused_hours, f.lessons, f.lessons_on_time,
        f.guardians, f.guardians_active, f.computed_at
      from region_figures f
      join groups g on g.id = f.group_id
      join groups g2 on g2.organization_id = ${id} and g2.name = g.name
      where f.organization_id = ${src}`.execute(db);
  }
  await sql`analyze region_figures`.execute(db);
  return Math.max(to, orgIds.length);
}

async function dropDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

export async function regionReportBench(): Promise<void> {
  console.log(`Регион: ${countRu(COLLEGES, NOUNS.college)} × ${STUDENTS} студентов (PostgreSQL, ${URL_.replace(/\/\/[^@]*@/, '//')})`);
  const region = await seedRegion(URL_, { colleges: COLLEGES, studentsPerCollege: STUDENTS });
  figure('регион: создание (seedRegion)', region.seconds, 'с');
  const { db, close } = openDatabase(URL_);
  let child: ReturnType<typeof spawn> | null = null;
  try {
    const [journalMs, journal] = await timed(() => addJournal(db, region.today));
    figure(
      'регион: журнал семестра добавлен',
      journalMs / 1000,
      'с',
      undefined,
      `${journal.marks} отметок, ${journal.grades} оценок за семестр`,
    );

    // The job's work: one college, then every college of the region (as the day's first run does).
    const orgs = await organizationsForJobs(db);
    const one = { id: orgs[0].id, timeZone: orgs[0].time_zone };
    const [oneMs, rows] = await timed(() => recomputeCollege(db, one, { earlier: true }));
    figure('пересчёт показателей: один колледж (текущие и предыдущие семестр и год)', oneMs / 1000, 'с', undefined, `${rows} строк`);
    const [allMs] = await timed(async () => {
      for (const o of orgs) await recomputeCollege(db, { id: o.id, timeZone: o.time_zone }, { earlier: true });
    });
    figure('пересчёт показателей: весь регион', allMs / 1000, 'с', undefined, countRu(orgs.length, NOUNS.college));
    if (PAD_TO > orgs.length) {
      const n = await padRegion(
        db,
        orgs.map((o) => o.id),
        PAD_TO,
      );
      console.log(`  для отчёта регион дополнен копиями показателей до ${countRu(n, NOUNS.college)}`);
    }
    const kept = await sql<{ n: string }>`select count(*) as n from region_figures`.execute(db);
    console.log(`  строк показателей: ${kept.rows[0].n}`);

    // The report over HTTP as the observer of the first college (a session written directly).
    const observer = await db
      .selectFrom('users')
      .select(['id', 'organization_id'])
      .where('login', '=', region.colleges[0].logins.observer)
      .executeTakeFirstOrThrow();
    const [session] = await createSessions(URL_, [{ userId: observer.id, orgId: observer.organization_id }]);
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: URL_,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SCHEDULER: 'off',
        OUTBOX: 'off',
        BACKUP: 'off',
        DEMO: 'off',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/api/v1/health`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const get = async (url: string) => {
      const r = await fetch(url, { headers: { cookie: session.cookie } });
      if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
      return r.arrayBuffer();
    };
    const report = apiUrl(base, 'GET /region/reports');
    const [coldMs] = await timed(() => get(report));
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push((await timed(() => get(report)))[0]);
    figure('отчёт региона за семестр: первый запрос', coldMs, 'мс', { op: '<=', value: 2000 });
    figure('отчёт региона за семестр: медиана 20 запросов', median(warm), 'мс', { op: '<=', value: 2000 });
    figure('отчёт региона за семестр: худший из 20', Math.max(...warm), 'мс', { op: '<=', value: 2000 });
    const drill = apiUrl(base, 'GET /region/reports/colleges/:id', { id: region.colleges[0].orgId });
    const drills: number[] = [];
    for (let i = 0; i < 10; i++) drills.push((await timed(() => get(drill)))[0]);
    figure('показатели колледжа по группам: медиана 10', median(drills), 'мс', { op: '<=', value: 2000 });
    const [xlsxMs] = await timed(() => get(apiUrl(base, 'GET /region/reports.xlsx')));
    figure('отчёт региона XLSX', xlsxMs, 'мс', { op: '<=', value: 2000 });
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await close();
    if (!process.env.REGION_KEEP) await dropDatabase(URL_);
  }
}
