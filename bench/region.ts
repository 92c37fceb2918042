import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { countRu, decimalRu, NOUNS, type PluralForms } from '../src/domain/russian.js';
import { apiUrl, benchPgUrl, cpuMs, figure, freePort, loginHttp } from './lib.js';
import { createSessions, seedRegion, type Region, type RegionSession, type RegionTeacher } from './region-setup.js';

// The load test of a region (issue 15, item 8; decision 043). The peak, per region of 40
// colleges: every teacher (~6,000) opens their day and a lesson and saves 30 marks within 15
// minutes; 20,000 guardians open the diary within an hour; both at once. Each step runs that mix
// at a multiple of its rate for `--step` seconds: the 15 minutes and the hour are compressed into
// the step by keeping the per-second rate (arrivals a second, and each visit's own pace), not the
// number of visits. Arrivals are open-loop: a visit starts when it is due whether or not the
// server has kept up, and every request's latency is counted from the moment it was due.

/** Requests of a teacher's visit: the shell's /auth/me, the day, a lesson, then marks one by one. */
const MARKS_PER_VISIT = 30;
/** Seconds between a teacher's marks (typing in the lesson's list), and between a guardian's pages. */
const TEACHER_PACE_S = 1;
const GUARDIAN_PACE_S = 2;
/** The figures for 40 colleges, per college. */
const GUARDIANS_PER_COLLEGE_HOUR = 20_000 / 40;
const TEACHER_WINDOW_S = 15 * 60;
const P99_TARGET_MS = 100;
/** Seconds after a step's end past which its unsent requests are dropped (and counted as errors). */
const GIVE_UP_S = 20;
const MARK_VALUES = ['5', '4', '4', '3', '5', '2'];
const MAX_GRADES_PER_CELL = 6;

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.slice(name.length + 3)) : def;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: нужно положительное число`);
  return n;
};
const flag = (name: string) => process.argv.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3);
const TEACHER: PluralForms = ['преподаватель', 'преподавателя', 'преподавателей'];
const GUARDIAN: PluralForms = ['родитель', 'родителя', 'родителей'];
const load = () => `средняя загрузка машины ${loadavg()[0].toFixed(1).replace('.', ',')}`;

/** The bench's own database on the PostgreSQL of `--pg` / BENCH_DATABASE_URL / TEST_DATABASE_URL (or the local one). */
function regionDbUrl(): string {
  const u = new URL(benchPgUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = '/load_bench';
  return u.toString();
}

interface Server {
  url: string;
  child: ChildProcess;
}

/**
 * The product's own entry point (src/server/main.ts), twice, on one PostgreSQL, each on its port;
 * clients split between them by user. Scheduler, outbox and the guardians' mark notices run as in
 * production, but a letter is tried once (there is no mail server); the daily backup is off (its
 * pg_dump of the region runs at night, not at the peak).
 */
async function startServers(dbUrl: string, ports: number[]): Promise<Server[]> {
  const cpuProf = process.env.CPU_PROF;
  const servers = ports.map((port) => ({
    url: `http://127.0.0.1:${port}`,
    // CPU_PROF=<folder>: each server writes a V8 CPU profile there when it stops (for finding hot spots).
    child: spawn(
      process.execPath,
      ['--import', 'tsx', ...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : []), 'src/server/main.ts'],
      {
        // No mail server here: a letter is tried once and given up (as one sent once would be), not retried with
        // back-off through the steps — the first start's digests (a letter to every guardian) would otherwise come
        // back every few minutes and be what the steps measure.
        env: {
          ...process.env,
          DATABASE_URL: dbUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          DEMO: 'off',
          BACKUP: 'off',
          OUTBOX_MAX_ATTEMPTS: '1',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    ),
  }));
  for (const s of servers) {
    let up = false;
    // Three minutes: on a loaded machine compiling the app at start takes long.
    for (let i = 0; i < 1800 && !up; i++) {
      try {
        up = (await fetch(apiUrl(s.url, 'GET /health'))).status < 500;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (!up) {
      await stopServers(servers);
      throw new Error(`сервер ${s.url} не запустился`);
    }
  }
  return servers;
}

/**
 * Waits until both servers and PostgreSQL are idle (together under 5 % of a core a server, three
 * two-second windows running): a first start runs the scheduler's catch-up (each college's fill
 * control, forecasts, the guardians' digest and its letters …), which at night is not beside the
 * peak. PostgreSQL counts too: a server waiting on a busy database looks idle.
 */
async function settle(servers: Server[], admin: pg.Client, maxSeconds = 300): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (Date.now() - started < maxSeconds * 1000 && quiet < 3) {
    const a = servers.map((s) => cpuMs(s.child.pid!));
    const db0 = await dbCpuMs(admin);
    await new Promise((r) => setTimeout(r, 2000));
    const used = servers.reduce((sum, s, i) => sum + cpuMs(s.child.pid!) - a[i], 0) + dbCpuSpent(db0, await dbCpuMs(admin));
    quiet = used < 100 * servers.length ? quiet + 1 : 0;
    // What autovacuum would do as the catch-up's letters are given up: without it (a test server)
    // the delivery worker's poll crosses every dead outbox row, and the servers never look idle.
    await admin.query('vacuum outbox');
  }
  return (Date.now() - started) / 1000;
}

async function stopServers(servers: Server[]) {
  await Promise.all(
    servers.map(async (s) => {
      if (s.child.exitCode !== null) return;
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
    }),
  );
}

/** The PostgreSQL backends serving the bench's database and their CPU (this machine only: /proc). */
async function dbCpuMs(admin: pg.Client): Promise<Map<number, number>> {
  const r = await admin.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return new Map(r.rows.map((x) => [x.pid, cpuMs(x.pid)]));
}
const dbCpuSpent = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((s, [pid, ms]) => s + ms - (before.get(pid) ?? 0), 0);

/**
 * `--statements`: PostgreSQL's statements of a step by their time (pg_stat_statements, which the
 * server must preload: `shared_preload_libraries`). Reset before the step; after it, the costliest,
 * each with its calls and milliseconds of execution per request of the mix (wall time inside
 * PostgreSQL: CPU, plus waits for locks and the disk).
 */
const STATEMENTS = process.argv.includes('--statements');
async function statementsReset(admin: pg.Client): Promise<boolean> {
  try {
    await admin.query('create extension if not exists pg_stat_statements');
    await admin.query('select pg_stat_statements_reset()');
    return true;
  } catch (e) {
    console.log(
      `    pg_stat_statements недоступен (${(e as Error).message}): запустите PostgreSQL с shared_preload_libraries = 'pg_stat_statements'`,
    );
    return false;
  }
}
async function statementsReport(admin: pg.Client, requests: number, top = 15) {
  const r = await admin.query<{ calls: string; ms: number; rows: string; query: string }>(
    `select calls, total_exec_time as ms, rows, regexp_replace(query, '\\s+', ' ', 'g') as query
     from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
     order by total_exec_time desc limit ${top}`,
  );
  const total = await admin.query<{ ms: number; plan: number; calls: string }>(
    `select coalesce(sum(total_exec_time), 0) as ms, coalesce(sum(total_plan_time), 0) as plan, coalesce(sum(calls), 0) as calls
     from pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database())`,
  );
  const per = (x: number) => (x / requests).toFixed(3);
  console.log(
    `    PostgreSQL: ${per(Number(total.rows[0].calls))} выражения, ${per(total.rows[0].ms)} мс исполнения и ${per(total.rows[0].plan)} мс планирования на запрос (планирование — если pg_stat_statements.track_planning); самые дорогие (вызовов / мс на запрос, строк на вызов):`,
  );
  for (const x of r.rows)
    console.log(
      `    ${per(Number(x.calls)).padStart(7)} ${per(x.ms).padStart(7)} ${(Number(x.rows) / Math.max(1, Number(x.calls))).toFixed(1).padStart(7)}  ${x.query.slice(0, 220)}`,
    );
}

/** One request a visit makes, due at `at` ms after the step's start. */
interface Due {
  at: number;
  visit: number;
  server: string;
  kind: 'teacher' | 'guardian';
  make: () => { url: string; init: RequestInit };
}

interface StepResult {
  multiple: number;
  offered: number;
  achieved: number;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  serverCpu: number;
  dbCpu: number;
  byKind: Record<'teacher' | 'guardian', { n: number; p99: number }>;
}

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);

/**
 * Grades left in each cell (lesson × student) before the journal's limit: a teacher coming back in
 * a later step writes where there is room, so every write stays a valid 201.
 */
class Cells {
  private used = new Map<string, number>();
  pick(t: RegionTeacher, visit: number, n: number): { lessonId: number; studentId: number }[] {
    const out: { lessonId: number; studentId: number }[] = [];
    const lessons = t.lessons.filter((l) => l.studentIds.length);
    for (let k = 0; k < lessons.length && out.length < n; k++) {
      const l = lessons[(visit + k) % lessons.length];
      for (let round = 0; round < MAX_GRADES_PER_CELL && out.length < n; round++)
        for (const s of l.studentIds) {
          if (out.length >= n) break;
          const key = `${l.lessonId}:${s}`;
          const c = this.used.get(key) ?? 0;
          if (c >= MAX_GRADES_PER_CELL) continue;
          this.used.set(key, c + 1);
          out.push({ lessonId: l.lessonId, studentId: s });
        }
    }
    return out;
  }
}

/** The visits of one step and their requests, due on a timeline; visits begin before zero so the step runs at its full rate. */
async function planStep(
  region: Region,
  servers: Server[],
  multiple: number,
  seconds: number,
  pools: { teachers: RegionTeacher[]; cursor: { t: number; g: number; steps: number; visits: Map<number, number> }; cells: Cells },
): Promise<{ dues: Due[]; offered: number }> {
  const step = pools.cursor.steps++;
  const colleges = region.colleges.length;
  const teacherRate = (multiple * region.teachers.length) / TEACHER_WINDOW_S;
  const guardianRate = (multiple * GUARDIANS_PER_COLLEGE_HOUR * colleges) / 3600;
  const teacherSpan = (2 + MARKS_PER_VISIT) * TEACHER_PACE_S;
  const guardianSpan = 3 * GUARDIAN_PACE_S;
  const nTeachers = Math.round(teacherRate * (seconds + teacherSpan));
  const nGuardians = Math.round(guardianRate * (seconds + guardianSpan));
  const teachers = Array.from({ length: nTeachers }, () => pools.teachers[pools.cursor.t++ % pools.teachers.length]);
  const guardians = Array.from({ length: nGuardians }, () => region.guardians[pools.cursor.g++ % region.guardians.length]);
  const sessions = await createSessions(region.databaseUrl, [...teachers, ...guardians]);
  const serverOf = (userId: number) => servers[userId % servers.length].url;
  const dues: Due[] = [];
  const ms = seconds * 1000;
  let visits = 0;
  const visit = (start: number, gap: number, reqs: Omit<Due, 'at' | 'visit'>[]) => {
    const v = visits++;
    reqs.forEach((r, i) => {
      const at = start + i * gap;
      if (at >= 0 && at < ms) dues.push({ ...r, at, visit: v });
    });
  };
  teachers.forEach((t, i) => {
    const s: RegionSession = sessions[i];
    const server = serverOf(t.userId);
    const n = pools.cursor.visits.get(t.userId) ?? 0;
    pools.cursor.visits.set(t.userId, n + 1);
    const cells = pools.cells.pick(t, n, MARKS_PER_VISIT);
    const read = { headers: { cookie: s.cookie } };
    const write = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
    const lessonId = cells[0]?.lessonId ?? t.lessons[0].lessonId;
    const reqs: Omit<Due, 'at' | 'visit'>[] = [
      { server, kind: 'teacher', make: () => ({ url: apiUrl(server, 'GET /auth/me'), init: read }) },
      { server, kind: 'teacher', make: () => ({ url: apiUrl(server, 'GET /journal/today'), init: read }) },
      { server, kind: 'teacher', make: () => ({ url: apiUrl(server, 'GET /journal/lessons/:id', { id: lessonId }), init: read }) },
      ...cells.map((c, k) => ({
        server,
        kind: 'teacher' as const,
        make: () => ({
          url: apiUrl(server, 'POST /journal/marks'),
          init: {
            method: 'POST',
            headers: write,
            body: JSON.stringify({
              opId: `region-${process.pid}-${step}-${i}-${k}`,
              lessonId: c.lessonId,
              studentId: c.studentId,
              value: MARK_VALUES[(i + k) % MARK_VALUES.length],
              workType: 'oral',
            }),
          },
        }),
      })),
    ];
    visit((i / nTeachers) * (ms + teacherSpan * 1000) - teacherSpan * 1000, TEACHER_PACE_S * 1000, reqs);
  });
  guardians.forEach((g, i) => {
    const s = sessions[nTeachers + i];
    const server = serverOf(g.userId);
    const read = { headers: { cookie: s.cookie } };
    const child = g.childIds[i % g.childIds.length];
    const reqs: Omit<Due, 'at' | 'visit'>[] = [
      { server, kind: 'guardian', make: () => ({ url: apiUrl(server, 'GET /auth/me'), init: read }) },
      { server, kind: 'guardian', make: () => ({ url: apiUrl(server, 'GET /family/children'), init: read }) },
      { server, kind: 'guardian', make: () => ({ url: apiUrl(server, 'GET /family/students/:id/day', { id: child }), init: read }) },
      { server, kind: 'guardian', make: () => ({ url: apiUrl(server, 'GET /family/students/:id/grades', { id: child }), init: read }) },
    ];
    visit((i / nGuardians) * (ms + guardianSpan * 1000) - guardianSpan * 1000, GUARDIAN_PACE_S * 1000, reqs);
  });
  dues.sort((a, b) => a.at - b.at);
  return { dues, offered: dues.length / seconds };
}

/**
 * Runs the requests of a step at their due times. A visit's requests are sent in order (a person
 * waits for the page before the next click): a request whose predecessor is late goes when that
 * one is answered, and its latency still counts from when it was due. A request still waiting
 * `GIVE_UP_S` after the step's end is not sent and counts as an error: the server did not keep up.
 */
async function runStep(dues: Due[], seconds: number) {
  const lat: Record<'teacher' | 'guardian', number[]> = { teacher: [], guardian: [] };
  let errors = 0;
  const failures = new Map<string, number>();
  const t0 = performance.now() + 200;
  const chains = new Map<number, Promise<void>>();
  const fire = async (d: Due) => {
    if (performance.now() - t0 > (seconds + GIVE_UP_S) * 1000) {
      errors++;
      failures.set('не отправлен: сервер не успевал', (failures.get('не отправлен: сервер не успевал') ?? 0) + 1);
      return;
    }
    const { url, init } = d.make();
    try {
      const r = await fetch(url, init);
      await r.arrayBuffer();
      if (r.status >= 300) {
        errors++;
        const k = `${init.method ?? 'GET'} ${new URL(url).pathname.replace(/\d+/g, ':id')} → ${r.status}`;
        failures.set(k, (failures.get(k) ?? 0) + 1);
      }
    } catch {
      errors++;
      failures.set('нет ответа', (failures.get('нет ответа') ?? 0) + 1);
    }
    lat[d.kind].push(performance.now() - t0 - d.at);
  };
  for (const d of dues) {
    const wait = t0 + d.at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    chains.set(
      d.visit,
      (chains.get(d.visit) ?? Promise.resolve()).then(() => fire(d)),
    );
  }
  await Promise.all(chains.values());
  const took = Math.max(seconds, (performance.now() - t0) / 1000);
  return { lat, errors, failures, took };
}

/**
 * `npm run bench -- region [--colleges=40] [--students=2000] [--step=60] [--max=6] [--keep]
 * [--template=<name>_bench] [--statements]`: builds the region in the database `load_bench` (dropped
 * at the end unless --keep; with --template, copied from that database when it holds the same region
 * of the same day, else seeded and kept there for the next run), starts two servers, and runs the mix
 * at 1×, 2×, … until a step misses p99 ≤ 100 ms or has an error.
 */
export async function regionBench(): Promise<void> {
  const colleges = arg('colleges', 40);
  const students = arg('students', 2000);
  const seconds = arg('step', 60);
  const maxMultiple = arg('max', 6);
  const dbUrl = regionDbUrl();
  console.log(
    `Регион: ${countRu(colleges, NOUNS.college)} × ${countRu(students, NOUNS.student)}, PostgreSQL ${dbUrl.replace(/\/\/[^@]*@/, '//')}; ${load()}`,
  );
  const region = await seedRegion(dbUrl, { colleges, studentsPerCollege: students, template: flag('template') });
  const teachersWithLessons = region.teachers.filter((t) => t.lessons.some((l) => l.studentIds.length));
  console.log(
    `  создан за ${Math.round(region.seconds)} с: ${countRu(region.teachers.length, TEACHER)} (с занятиями сегодня или вчера — ${teachersWithLessons.length}), ${countRu(region.guardians.length, GUARDIAN)}; ${region.today}`,
  );
  figure('Регион: создание базы', region.seconds, 'с');
  figure('Регион: размер базы на колледж', region.databaseBytes / colleges / 2 ** 20, 'МиБ');
  if (!teachersWithLessons.length) throw new Error('ни у одного преподавателя нет занятий сегодня или вчера (воскресенье и понедельник?)');
  // Free ports, not fixed ones: another run of a bench on the machine must not answer for these servers.
  const ports = [await freePort(), await freePort()];
  const servers = await startServers(dbUrl, ports);
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  const results: StepResult[] = [];
  try {
    console.log(
      `  серверы запущены; фоновые задачи первого запуска — ${Math.round(await settle(servers, admin))} с (не дольше 300 с); ${load()}`,
    );
    // What autovacuum would do after the first start's catch-up (its digests leave tens of thousands
    // of dead outbox rows, which the delivery worker's poll would scan every two seconds); a test
    // server may run without autovacuum (decision 047).
    await admin.query('vacuum analyze');
    // A sign-in through the API, to show what a visit that signs in first would add (sessions are written directly; decision 043).
    const before = cpuMs(servers[0].child.pid!);
    const logins = 20;
    for (let i = 0; i < logins; i++) await loginHttp(servers[0].url, region.guardians[i].login);
    figure('Вход по паролю (argon2id): процессор сервера на вход', (cpuMs(servers[0].child.pid!) - before) / logins, 'мс');

    // Teachers in a shuffled order (each college's teachers spread over the step), a seeded shuffle.
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const shuffled = [...teachersWithLessons].sort(() => rnd() - 0.5);
    const guardians = [...region.guardians].sort(() => rnd() - 0.5);
    const pools = { teachers: shuffled, cursor: { t: 0, g: 0, steps: 0, visits: new Map<number, number>() }, cells: new Cells() };
    const regionShuffled = { ...region, guardians };
    // A warm-up at 1× (not counted): the servers' code compiled, principals and statements cached, as by mid-morning.
    await runStep((await planStep(regionShuffled, servers, 1, Math.min(15, seconds), pools)).dues, Math.min(15, seconds));
    let held = 0;
    let failed = false;
    for (let m = 1; m <= maxMultiple; m++) {
      const { dues, offered } = await planStep(regionShuffled, servers, m, seconds, pools);
      const statements = STATEMENTS && (await statementsReset(admin));
      const cpu0 = servers.map((s) => cpuMs(s.child.pid!));
      const db0 = await dbCpuMs(admin);
      const r = await runStep(dues, seconds);
      const serverCpu = servers.reduce((sum, s, i) => sum + cpuMs(s.child.pid!) - cpu0[i], 0);
      const dbCpu = dbCpuSpent(db0, await dbCpuMs(admin));
      const all = [...r.lat.teacher, ...r.lat.guardian].sort((a, b) => a - b);
      r.lat.teacher.sort((a, b) => a - b);
      r.lat.guardian.sort((a, b) => a - b);
      const res: StepResult = {
        multiple: m,
        offered,
        achieved: all.length / r.took,
        requests: all.length,
        p50: pct(all, 0.5),
        p99: pct(all, 0.99),
        errors: r.errors,
        serverCpu: serverCpu / all.length,
        dbCpu: dbCpu / all.length,
        byKind: {
          teacher: { n: r.lat.teacher.length, p99: pct(r.lat.teacher, 0.99) },
          guardian: { n: r.lat.guardian.length, p99: pct(r.lat.guardian, 0.99) },
        },
      };
      results.push(res);
      const ok = res.errors === 0 && res.p99 <= P99_TARGET_MS;
      console.log(
        `  ${m}×: предложено ${res.offered.toFixed(0)} запр./с, выполнено ${res.achieved.toFixed(0)} запр./с, p50 ${res.p50.toFixed(0)} мс, p99 ${res.p99.toFixed(0)} мс ` +
          `(утро ${res.byKind.teacher.n} запр., p99 ${res.byKind.teacher.p99.toFixed(0)} мс; вечер ${res.byKind.guardian.n} запр., p99 ${res.byKind.guardian.p99.toFixed(0)} мс), ` +
          `ошибок ${res.errors}, процессор: серверы ${decimalRu(res.serverCpu, 2)} мс, PostgreSQL ${decimalRu(res.dbCpu, 2)} мс на запрос; ${load()}`,
      );
      for (const [k, n] of r.failures) console.log(`    ${k}: ${n}`);
      if (statements) await statementsReport(admin, all.length);
      figure(`${m}×: предложено`, res.offered, 'запр./с');
      figure(`${m}×: выполнено`, res.achieved, 'запр./с');
      figure(`${m}×: задержка p50`, res.p50, 'мс');
      figure(`${m}×: задержка p99`, res.p99, 'мс', { op: '<=', value: P99_TARGET_MS });
      figure(`${m}×: ошибки`, res.errors, 'шт.', { op: '<=', value: 0 });
      figure(`${m}×: процессор серверов на запрос`, res.serverCpu, 'мс');
      figure(`${m}×: процессор PostgreSQL на запрос`, res.dbCpu, 'мс');
      if (!ok) failed = true;
      else if (!failed) held = m;
      if (failed && !process.argv.includes('--all')) break;
    }
    const perCollege = results.length ? results[0].offered / colleges : NaN;
    figure('Пик на колледж (1×: утро и вечер вместе)', perCollege, 'запр./с');
    figure('Наибольшая кратность при p99 ≤ 100 мс без ошибок', held, '×', { op: '>=', value: 3 }, `2 процесса на этой машине; ${load()}`);
  } finally {
    await admin.end();
    await stopServers(servers);
    if (!process.argv.includes('--keep')) await dropDatabase(dbUrl);
  }
}

async function dropDatabase(dbUrl: string) {
  const u = new URL(dbUrl);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}
