import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { openDatabase } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { buildBigJournal } from './journal-setup.js';
const url = `sqlite:/tmp/prof/p-${Date.now()}.db`;
const d = openDatabase(url);
await migrateToLatest(d.db);
await seedDemo(d.db, { students: 300, seed: 1 });
await d.close();
const big = await buildBigJournal(url);
const database = openDatabase(url);
const app = await buildApp({ db: database.db, engine: 'sqlite', config: loadConfig({ databaseUrl: url }) });
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: big.teacherLogin, password: 'demo' } });
const cookie = /ej_sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
const csrf = login.json().csrfToken;
const mode = process.argv[2] ?? 'grid';
const times: number[] = [];
for (let i = 0; i < Number(process.argv[3] ?? 800); i++) {
  const t = performance.now();
  if (mode === 'grid') await app.inject({ method: 'GET', url: `/api/v1/journal/grid?assignmentId=${big.assignmentId}`, headers: { cookie } });
  else if (mode === 'me') await app.inject({ method: 'GET', url: `/api/v1/auth/me`, headers: { cookie } });
  else {
    const r = await app.inject({ method: 'POST', url: `/api/v1/journal/marks`, headers: { cookie, 'x-csrf-token': csrf }, payload: { opId: `p-${i}`, lessonId: big.openLessonIds[i % 60], studentId: big.studentIds[Math.floor(i / 60) % 35], value: '5' } });
    if (r.statusCode !== 201) console.log(r.body);
  }
  if (i >= 100) times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(mode, 'p50', times[Math.floor(times.length/2)].toFixed(2), 'p90', times[Math.floor(times.length*0.9)].toFixed(2));
process.exit(0);
