import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cannon, loginHttp, paced, startServerProcess } from './lib.js';
import { buildBigJournal } from './journal-setup.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x: number) => `${x.toFixed(2).replace('.', ',')} мс`;

/** CPU time a process has used, in ms (Linux): unlike latency, it does not grow when the machine is busy. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
const load = () => `средняя загрузка машины ${loadavg()[0].toFixed(1).replace('.', ',')}`;

/**
 * The journal: the grid of 35 students × 120 lessons (≈ 3 marks a lesson) from the API, against
 * the raw SQL of the same rows; then grade writes from 200 concurrent clients.
 */
export async function journalBench(): Promise<void> {
  const s = await startServerProcess({ students: 600 });
  try {
    // The grid: 120 held lessons and nothing else. Writes go to another journal whose open cells
    // are enough that no cell reaches its limit of grades during the write runs.
    const big = await buildBigJournal(s.dbUrl, { openLessons: 0 });
    const writable = await buildBigJournal(s.dbUrl, { openLessons: 240, login: 'bench-writer' });
    const { cookie } = await loginHttp(s.url, big.teacherLogin);
    const writer = await loginHttp(s.url, writable.teacherLogin);

    // 1. The grid, one request at a time.
    const url = `${s.url}/api/v1/journal/grid?assignmentId=${big.assignmentId}`;
    let bytes = 0;
    for (let i = 0; i < 50; i++) bytes = (await (await fetch(url, { headers: { cookie } })).arrayBuffer()).byteLength;
    const api: number[] = [];
    const cpu0 = cpuMs(s.child.pid!);
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      const r = await fetch(url, { headers: { cookie } });
      await r.arrayBuffer();
      api.push(performance.now() - t);
    }
    const gridCpu = (cpuMs(s.child.pid!) - cpu0) / 500;
    const raw = rawGrid(s.dbUrl.slice('sqlite:'.length), big.assignmentId);
    console.log(`Журнал 35 × 120 (${raw.rows} строк, ${Math.round(bytes / 1024)} КБ JSON) через API: p50 ${ms(pct(api, 0.5))}, p99 ${ms(pct(api, 0.99))} (цель p50 ≤ 5 мс; ${load()})`);
    console.log(`  процессор сервера на один запрос: ${ms(gridCpu)}`);
    console.log(`  те же строки сырым SQL (better-sqlite3): p50 ${ms(raw.p50)}; API / SQL = ${(pct(api, 0.5) / raw.p50).toFixed(1).replace('.', ',')}×`);

    // 2. Grade writes from 200 clients, each request a new grade with its own operation id: first
    // as fast as the server goes (closed loop), then at the target rate of 1,000 writes a second,
    // where the latency is what a teacher feels (in a closed loop it is only 200 / throughput).
    let n = 0;
    const cells = writable.openLessonIds.flatMap((l) => writable.studentIds.map((st) => [l, st] as const));
    const values = ['5', '4', '3', '2'];
    const nextBody = () => {
      const i = n++;
      const [lessonId, studentId] = cells[Math.floor(i / 6) % cells.length];
      return JSON.stringify({ opId: `bench-${process.pid}-${i}`, lessonId, studentId, value: values[i % 4], workType: 'oral' });
    };
    const headers = { cookie: writer.cookie, 'x-csrf-token': writer.csrf, 'content-type': 'application/json' };
    const wcpu0 = cpuMs(s.child.pid!);
    const max = await cannon('POST /journal/marks, предел (200 клиентов без пауз)', {
      url: `${s.url}/api/v1/journal/marks`,
      method: 'POST',
      connections: 200,
      duration: 5,
      headers,
      requests: [{ setupRequest: (req) => ({ ...req, body: nextBody() }) }],
    });
    const writeCpu = (cpuMs(s.child.pid!) - wcpu0) / Math.max(1, max.requests);
    console.log(`  процессор сервера на одну запись: ${ms(writeCpu)} (одно свободное ядро — до ${Math.round(1000 / writeCpu)} записей/с); ${load()}`);
    // autocannon's rate limit fires its 200 connections in step (bursts of 200 at once);
    // 200 teachers do not, so the target is measured with each client at its own pace.
    const target = await paced('POST /journal/marks, 1000 записей/с от 200 клиентов (каждый в своём темпе)', {
      clients: 200, rate: 1000, seconds: 8, request: () => ({ url: `${s.url}/api/v1/journal/marks`, init: { method: 'POST', headers, body: nextBody() } }),
    });
    const ok = target.rps >= 950 && target.p99 <= 50;
    console.log(`  цель: ≥ 1000 записей/с при p99 ≤ 50 мс — ${ok ? 'выполнена' : 'НЕ выполнена'} (${load()})`);
  } finally {
    await s.stop();
  }
}

/** The rows the grid is made of, read with plain SQL: lessons, roster, marks, excuses. */
function rawGrid(file: string, assignmentId: number): { p50: number; rows: number } {
  const db = new Database(file, { readonly: true });
  const a = db.prepare('select id, organization_id, group_id, term_id from assignments where id = ?');
  const lessons = db.prepare("select id, date, pair_no, hours, topic, teacher_person_id from lessons where organization_id = ? and assignment_id = ? and status != 'cancelled' order by date, pair_no");
  const roster = db.prepare('select s.id, p.last_name, p.first_name, p.middle_name, gm.start_date, gm.end_date from group_memberships gm join students s on s.id = gm.student_id join persons p on p.id = s.person_id where gm.organization_id = ? and gm.group_id = ? order by p.sort_key');
  const marks = db.prepare('select m.id, m.lesson_id, m.student_id, m.kind, m.value, m.work_type, m.weight, m.hours, m.version, m.created_at, m.updated_at from marks m join lessons l on l.id = m.lesson_id where l.assignment_id = ? and m.organization_id = ? order by m.id');
  const excuses = db.prepare('select * from absence_excuses where organization_id = ? and revoked_at is null and student_id in (select student_id from group_memberships where group_id = ?)');
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 550; i++) {
    const t = performance.now();
    const x = a.get(assignmentId) as { organization_id: number; group_id: number };
    const r = lessons.all(x.organization_id, assignmentId).length + roster.all(x.organization_id, x.group_id).length
      + marks.all(assignmentId, x.organization_id).length + excuses.all(x.organization_id, x.group_id).length;
    if (i >= 50) times.push(performance.now() - t);
    rows = r;
  }
  db.close();
  return { p50: pct(times, 0.5), rows };
}
