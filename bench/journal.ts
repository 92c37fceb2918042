import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { apiUrl, cannon, cpuMs, figure, loginHttp, paced, startServerProcess, type BenchServer } from './lib.js';
import { buildBigJournal } from './journal-setup.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = new URL('../dist/web/index.html', import.meta.url);

const load = () => `средняя загрузка машины ${loadavg()[0].toFixed(1).replace('.', ',')}`;

/**
 * The journal: the grid of 35 students × 120 lessons from the API, at about three marks a lesson
 * and at full density (every cell graded), against the raw SQL of the same rows; grade writes
 * from 200 concurrent clients; and the round trips a signed-in teacher's browser waits for
 * before the grid (with the web app built).
 */
export async function journalBench(): Promise<void> {
  const s = await startServerProcess({ students: 600 });
  try {
    // Writes go to another journal whose open cells are enough that no cell reaches its limit of grades.
    const sparse = await buildBigJournal(s.dbUrl, { openLessons: 0 });
    const full = await buildBigJournal(s.dbUrl, { openLessons: 0, login: 'bench-full', full: true });
    const writable = await buildBigJournal(s.dbUrl, { openLessons: 240, login: 'bench-writer' });
    await gridFigures(
      s,
      'Журнал 35 × 120, ~3 отметки на занятие',
      sparse.assignmentId,
      (await loginHttp(s.url, sparse.teacherLogin)).cookie,
      false,
    );
    await gridFigures(
      s,
      'Журнал 35 × 120, отметка в каждой клетке',
      full.assignmentId,
      (await loginHttp(s.url, full.teacherLogin)).cookie,
      true,
    );
    await writeFigures(s, writable);
    await roundTrips(s, sparse.assignmentId, (await loginHttp(s.url, sparse.teacherLogin)).cookie);
  } finally {
    await s.stop();
  }
}

/** The grid, one request at a time: latency, server CPU, size, and the ratio to the raw SQL of its rows. */
async function gridFigures(s: BenchServer, title: string, assignmentId: number, cookie: string, dense: boolean) {
  const url = apiUrl(s.url, 'GET /journal/grid', undefined, { assignmentId });
  let body = '';
  for (let i = 0; i < 50; i++) body = await (await fetch(url, { headers: { cookie } })).text();
  const api: number[] = [];
  const cpu0 = cpuMs(s.child.pid!);
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers: { cookie } });
    await r.arrayBuffer();
    api.push(performance.now() - t);
  }
  const cpu = (cpuMs(s.child.pid!) - cpu0) / 500;
  const raw = rawGrid(s.dbUrl.slice('sqlite:'.length), assignmentId);
  const p50 = pct(api, 0.5);
  console.log(`${title} (${raw.rows} строк; ${load()}):`);
  figure(`${title}: API p50`, p50, 'мс', dense ? { op: '<=', value: 5 } : undefined);
  figure(`${title}: API p99`, pct(api, 0.99), 'мс');
  figure(`${title}: процессор сервера на запрос`, cpu, 'мс');
  figure(`${title}: те же строки сырым SQL, p50`, raw.p50, 'мс');
  figure(`${title}: API / сырой SQL`, p50 / raw.p50, '×', { op: '<=', value: 1.5 });
  figure(`${title}: ответ в JSON`, Buffer.byteLength(body) / 1024, 'КБ');
  figure(`${title}: ответ сжатый (gzip)`, gzipSync(body).length / 1024, 'КБ', dense ? { op: '<=', value: 60 } : undefined);
}

/**
 * Grade writes from 200 clients, each request a new grade with its own operation id: first as fast
 * as the server goes (closed loop), then at the target rate of 1,000 writes a second, where the
 * latency is what a teacher feels (in a closed loop it is only 200 / throughput).
 */
async function writeFigures(s: BenchServer, writable: Awaited<ReturnType<typeof buildBigJournal>>) {
  const writer = await loginHttp(s.url, writable.teacherLogin);
  let n = 0;
  const cells = writable.openLessonIds.flatMap((l) => writable.studentIds.map((st) => [l, st] as const));
  const values = ['5', '4', '3', '2'];
  const nextBody = () => {
    const i = n++;
    const [lessonId, studentId] = cells[Math.floor(i / 6) % cells.length];
    return JSON.stringify({ opId: `bench-${process.pid}-${i}`, lessonId, studentId, value: values[i % 4], workType: 'oral' });
  };
  const url = apiUrl(s.url, 'POST /journal/marks');
  const headers = { cookie: writer.cookie, 'x-csrf-token': writer.csrf, 'content-type': 'application/json' };
  const wcpu0 = cpuMs(s.child.pid!);
  const max = await cannon('POST /journal/marks, предел (200 клиентов без пауз)', {
    url,
    method: 'POST',
    connections: 200,
    duration: 5,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, body: nextBody() }) }],
  });
  const writeCpu = (cpuMs(s.child.pid!) - wcpu0) / Math.max(1, max.requests);
  figure(
    'Процессор сервера на одну запись отметки',
    writeCpu,
    'мс',
    { op: '<=', value: 0.3 },
    `одно свободное ядро — до ${Math.round(1000 / writeCpu)} записей/с; ${load()}`,
  );
  // autocannon's rate limit fires its 200 connections in step (bursts of 200 at once);
  // 200 teachers do not, so the target is measured with each client at its own pace.
  const target = await paced('POST /journal/marks, 1000 записей/с от 200 клиентов (каждый в своём темпе)', {
    clients: 200,
    rate: 1000,
    seconds: 8,
    request: () => ({ url, init: { method: 'POST', headers, body: nextBody() } }),
  });
  figure('1000 записей/с от 200 клиентов: выдержано', target.rps, 'записей/с', { op: '>=', value: 950 });
  figure('1000 записей/с от 200 клиентов: задержка p99', target.p99, 'мс', { op: '<=', value: 50 }, load());
}

/**
 * A signed-in teacher opens the grid's address: the API round trips the page waits for before the
 * grid arrives (one: the grid is asked beside /auth/me, not after it). Needs `npm run build:web`.
 */
async function roundTrips(s: BenchServer, assignmentId: number, cookie: string) {
  if (!existsSync(WEB_DIST)) {
    console.log('  Круговые поездки до сетки не измерены: сначала npm run build:web.');
    return;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: s.url }]);
    const page = await context.newPage();
    const api: { url: string; start: number; end: number }[] = [];
    const started = new Map<object, number>();
    page.on('request', (r) => started.set(r, performance.now()));
    page.on('requestfinished', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) api.push({ url: r.url(), start: started.get(r) ?? 0, end: performance.now() });
    });
    await page.goto(`${s.url}/journal/grid/${assignmentId}`);
    await page.locator('table.journal').waitFor();
    const grid = api.find((x) => new URL(x.url).pathname === '/api/v1/journal/grid');
    if (!grid) throw new Error('сетка не запрошена');
    // The grid's own trip, and each API answer the browser had to wait for before asking for it.
    const trips = 1 + api.filter((x) => x !== grid && x.end <= grid.start).length;
    figure('Открытие сетки: круговых поездок API после оболочки', trips, 'шт.', { op: '<=', value: 1 });
    await context.close();
  } finally {
    await browser.close();
  }
}

/** The rows the grid is made of, read with plain SQL: lessons, roster, marks, excuses. */
function rawGrid(file: string, assignmentId: number): { p50: number; rows: number } {
  const db = new Database(file, { readonly: true });
  const a = db.prepare('select id, organization_id, group_id, term_id from assignments where id = ?');
  const lessons = db.prepare(
    "select id, date, pair_no, hours, topic, teacher_person_id from lessons where organization_id = ? and assignment_id = ? and status != 'cancelled' order by date, pair_no",
  );
  const roster = db.prepare(
    'select s.id, p.last_name, p.first_name, p.middle_name, gm.start_date, gm.end_date from group_memberships gm join students s on s.id = gm.student_id join persons p on p.id = s.person_id where gm.organization_id = ? and gm.group_id = ? order by p.sort_key',
  );
  const marks = db.prepare(
    'select m.id, m.lesson_id, m.student_id, m.kind, m.value, m.work_type, m.weight, m.hours, m.version, m.created_at, m.updated_at from marks m join lessons l on l.id = m.lesson_id where l.assignment_id = ? and m.organization_id = ? order by m.id',
  );
  const excuses = db.prepare(
    'select * from absence_excuses where organization_id = ? and revoked_at is null and student_id in (select student_id from group_memberships where group_id = ?)',
  );
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 550; i++) {
    const t = performance.now();
    const x = a.get(assignmentId) as { organization_id: number; group_id: number };
    const r =
      lessons.all(x.organization_id, assignmentId).length +
      roster.all(x.organization_id, x.group_id).length +
      marks.all(assignmentId, x.organization_id).length +
      excuses.all(x.organization_id, x.group_id).length;
    if (i >= 50) times.push(performance.now() - t);
    rows = r;
  }
  db.close();
  return { p50: pct(times, 0.5), rows };
}
