import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKey } from '../src/contracts/api.js';
import { urlOf } from '../src/contracts/route.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { openDatabase, type Db } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { timetableDemo } from '../src/server/timetable/demo.js';

/** The address of a route of the API table (contracts/routes) on a bench server: typed like the web app's calls. */
export const apiUrl = (base: string, key: ApiKey, params?: object, query?: object) => `${base}/api/v1${urlOf(key, params, query)}`;

/** A figure's target: the value must stay at or under (`<=`) or at or over (`>=`) it. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

/**
 * The PostgreSQL a benchmark runs on beside SQLite: `--pg=postgres://…`, else BENCH_DATABASE_URL,
 * else TEST_DATABASE_URL; none — SQLite only. Each benchmark works in a schema of its own and drops it.
 */
export function benchPgUrl(): string | undefined {
  const flag = process.argv.find((a) => a.startsWith('--pg='));
  return flag?.slice('--pg='.length) || process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

/** `npm run bench -- <name> --json`: one JSON object per figure on stdout, the rest on stderr. */
export const JSON_OUTPUT = process.argv.includes('--json');

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(x < 10 ? 2 : 1)).replace('.', ',');

/**
 * Prints one figure of a benchmark with its target (if it has one) and whether it is met: a line
 * for people, or with --json one object `{ name, value, unit, target, met }` for scripts.
 */
export function figure(name: string, value: number, unit: string, target?: Target, note?: string): boolean | null {
  const met = target ? (target.op === '<=' ? value <= target.value : value >= target.value) : null;
  if (JSON_OUTPUT) {
    process.stdout.write(
      `${JSON.stringify({ name, value: Number.isFinite(value) ? Number(value.toFixed(3)) : null, unit, target: target ?? null, met })}\n`,
    );
  } else {
    const goal = target
      ? ` — цель ${target.op === '<=' ? '≤' : '≥'} ${num(target.value)} ${unit}: ${met ? 'выполнена' : 'НЕ выполнена'}`
      : '';
    console.log(`  ${name}: ${num(value)} ${unit}${goal}${note ? ` (${note})` : ''}`);
  }
  return met;
}

export interface BenchServer {
  url: string;
  dbUrl: string;
  dir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const TSX = ['--import', 'tsx'];

/** A port nobody listens on now (the system's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * CPU time a process has used, in ms (Linux, /proc/<pid>/stat: utime + stime at 100 ticks a
 * second), 0 for one that has ended; unlike latency, it does not grow when the machine is busy.
 */
export function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Waits until a process is idle: under 5 % of a core for three seconds running (at most two minutes). */
async function settled(pid: number): Promise<void> {
  for (let quiet = 0, i = 0; quiet < 3 && i < 120; i++) {
    const before = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 1000));
    quiet = cpuMs(pid) - before < 50 ? quiet + 1 : 0;
  }
}

/** A real server in its own process on a fresh SQLite demo database (or `databaseUrl`). */
export async function startServerProcess(
  o: { students?: number; port?: number; env?: Record<string, string>; prepare?: (dbUrl: string, dir: string) => Promise<void> } = {},
): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-bench-'));
  const dbUrl = `sqlite:${join(dir, 'bench.db')}`;
  const port = o.port ?? (await freePort());
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOGIN_MAX_FAILURES: '1000000',
    ...o.env,
  };
  const seeded = spawnSync(process.execPath, [...TSX, 'src/cli/main.ts', 'demo', '--students', String(o.students ?? 600)], {
    env,
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`demo failed: ${seeded.stderr}`);
  // A benchmark's own data on top of the demo, before the server starts.
  if (o.prepare) await o.prepare(dbUrl, dir);
  // CPU_PROF=<folder>: the server writes a CPU profile there when it stops.
  const prof = process.env.CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.CPU_PROF] : [];
  const child = spawn(process.execPath, [...TSX, ...prof, 'src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  // A server that could not start (its port taken meanwhile) must not be mistaken for one that answers.
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  for (let i = 0; ; i++) {
    if (exited !== null) throw new Error(`the server stopped at start (code ${exited})`);
    if (i === 200) throw new Error(`the server did not answer at ${url} in 20 s`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // The first start's catch-up (forecasts, the printed journals, digests) is not what a bench measures.
  await settled(child.pid!);
  return {
    url,
    dbUrl,
    dir,
    child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in over HTTP; returns the cookie and CSRF token. */
export async function loginHttp(url: string, login: string, password = 'demo'): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(apiUrl(url, 'POST /auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!r.ok) throw new Error(`login ${login}: ${r.status} ${await r.text()}`);
  const cookie = /ej_sid=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
  const body = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

export interface CannonResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon and prints one line of figures. */
export async function cannon(title: string, opts: autocannon.Options): Promise<CannonResult> {
  const r = await autocannon({ duration: 5, connections: 10, ...opts });
  const res: CannonResult = {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
  console.log(
    `${title}: ${res.rps} запр./с, задержка p50 ${res.p50} мс, p99 ${res.p99} мс (${res.requests} запросов, ${opts.connections ?? 10} соединений, ошибок ${res.errors}, не-2xx ${res.non2xx})`,
  );
  figure(`${title}: запросов в секунду`, res.rps, 'запр./с');
  figure(`${title}: задержка p99`, res.p99, 'мс');
  figure(`${title}: ошибки и не-2xx`, res.errors + res.non2xx, 'шт.', { op: '<=', value: 0 });
  return res;
}

/**
 * An open-loop load: `clients` concurrent clients together sending `rate` requests a second,
 * each at its own even pace with a random phase (teachers do not press Enter in step). Latency
 * is counted from the moment a request was due, so a stalled server cannot hide its queue.
 */
export async function paced(
  title: string,
  o: { clients: number; rate: number; seconds: number; request: () => { url: string; init: RequestInit } },
): Promise<CannonResult> {
  const interval = (1000 * o.clients) / o.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const start = performance.now() + 50;
  const end = start + o.seconds * 1000;
  const client = async () => {
    let due = start + Math.random() * interval;
    while (due < end) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const { url, init } = o.request();
      try {
        const r = await fetch(url, init);
        await r.arrayBuffer();
        if (r.status >= 300) non2xx++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - due);
      due += interval;
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  // What the server got through, in the time it actually took (a queue that outlives the run counts).
  const took = Math.max(o.seconds, (performance.now() - start) / 1000);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
  const res: CannonResult = {
    requests: latencies.length,
    rps: Math.round(latencies.length / took),
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
  };
  console.log(
    `${title}: ${res.rps} запр./с, задержка p50 ${res.p50} мс, p99 ${res.p99} мс (${res.requests} запросов, ${o.clients} клиентов, ошибок ${errors}, не-2xx ${non2xx})`,
  );
  figure(`${title}: ошибки и не-2xx`, errors + non2xx, 'шт.', { op: '<=', value: 0 });
  return res;
}

/**
 * A demo college of 2,000 students up to its timetable (lessons generated, no journal records),
 * on a fresh database: the SQLite file given, or a schema of its own in PostgreSQL, dropped by close().
 */
export async function timetableCollege(url: string): Promise<{ db: Db; orgId: number; close(): Promise<void> }> {
  const schema = url.startsWith('postgres') ? `bench_${Date.now()}` : undefined;
  if (schema) {
    const admin = openDatabase(url);
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
  }
  const { db, close } = openDatabase(url, { schema });
  await migrateToLatest(db, schema);
  const { orgId } = await seedDemo(db, { students: 2000, seed: 7, through: timetableDemo });
  return {
    db,
    orgId,
    async close() {
      if (schema) await db.schema.dropSchema(schema).cascade().execute();
      await close();
    },
  };
}
