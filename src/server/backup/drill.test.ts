import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, startBackupPlace, type BackupPlace } from '../../../test/backup.js';
import { buildLesson, buildOrganization, buildStudent } from '../../../test/factories.js';
import { addDays } from '../../domain/dates.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { openDatabase, sql, type Db } from '../platform/db.js';
import { currentSchema, tableNames } from './queries.js';
import { restoreBackup } from './restore.js';
import { backupNow } from './service.js';

// The restore drill (issue 15 item 6): a college written by 200 clients through the HTTP API, backed
// up while they write, restored into a fresh database and compared row by row with the original.
// Every write acknowledged before the backup began must be in the copy.

/** Rows the drill's own work changes after the backup's instant: what a restore cannot agree with. */
const CHANGED_AFTER: Record<string, string> = {
  backups: 'the backup being made is «running» in its own copy and settled by the restore',
  backup_schedule: 'the lease of the backup being made',
  sessions: 'the teacher’s session is touched as it keeps writing',
};

const CLIENTS = 200;
let s: TestServer;
let place: BackupPlace;

beforeAll(async () => {
  place = await startBackupPlace();
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
  await place?.close();
});

async function rowsOf(db: Db, table: string): Promise<Map<string, string>> {
  const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  const out = new Map<string, string>();
  for (const row of r.rows) {
    const key = 'id' in row ? `id:${String(row.id)}` : 'name' in row ? `name:${String(row.name)}` : JSON.stringify(row);
    out.set(key, JSON.stringify(row));
  }
  return out;
}

describe('restore drill', () => {
  it('backs up while 200 clients write marks, restores into a fresh database, and every acknowledged write is there', async () => {
    const org = await buildOrganization(s.db);
    const j = await buildJournal(s.db, org.id);
    const teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
    // 30 students and 12 open lessons: 360 cells of up to 6 marks each.
    const students = [...j.students];
    for (let i = students.length; i < 30; i++)
      students.push(await buildStudent(s.db, j.group, { lastName: `Студентов${i}`, since: '2026-09-01' }));
    const lessons = [j.lessons.today, j.lessons.yesterday];
    for (let p = 3; p <= 7; p++) lessons.push(await buildLesson(s.db, j.assignment, { date: j.today, pairNo: p }));
    for (let p = 2; p <= 6; p++) lessons.push(await buildLesson(s.db, j.assignment, { date: addDays(j.today, -1), pairNo: p }));
    const cells = lessons.flatMap((l) => students.map((st) => ({ lessonId: l.id, studentId: st.id })));
    const capacity = cells.length * 6;
    let next = 0;
    const values = ['5', '4', '3', '2'] as const;

    const acks: { id: number; value: string; at: number }[] = [];
    let errors = 0;
    let stop = false;
    const client = async (n: number) => {
      while (!stop && next < capacity) {
        const k = next++;
        const cell = cells[k % cells.length];
        const value = values[(n + k) % values.length];
        const r = await teacher.call('POST /journal/marks', { body: { opId: randomUUID(), ...cell, value } });
        if (r.status === 201 && r.body.mark) acks.push({ id: r.body.mark.id, value, at: Date.now() });
        else if (errors++ === 0) console.log('First refusal:', r.status, JSON.stringify(r.body));
      }
    };
    const started = Date.now();
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // The load runs a while; then the backup begins while it goes on.
    while (acks.length < 400 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    const beforeBackup = acks.length;
    const ackedBefore = acks.slice(0, beforeBackup);
    const backupBegan = Date.now();
    const b = await backupNow({ db: s.db, engine: s.engine, databaseUrl: s.config.databaseUrl }, place.settings, {
      trigger: 'manual',
      userId: null,
    });
    expect(b).not.toBeNull();
    await b!.done;
    const backupEnded = Date.now();
    await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await Promise.all(clients);
    const duringBackup = acks.filter((a) => a.at >= backupBegan && a.at <= backupEnded).length;
    const row = await s.db.selectFrom('backups').selectAll().where('id', '=', b!.id).executeTakeFirstOrThrow();
    expect(row.status, row.error ?? '').toBe('ok');

    const target = await freshDatabase(s.engine, place.dir);
    const schema = s.engine === 'pg' ? await currentSchema(s.db) : undefined;
    try {
      const restoreStarted = Date.now();
      await restoreBackup(`${place.env.BACKUP_DIR}/${row.file_name}`, target.url, place.settings);
      const restoreMs = Date.now() - restoreStarted;
      const restored = openDatabase(target.url, { schema });
      try {
        // Every write acknowledged before the backup began is in the copy, with its value.
        const marks = new Map(
          (await restored.db.selectFrom('marks').select(['id', 'value']).execute()).map((m) => [m.id, m.value] as const),
        );
        const missing = ackedBefore.filter((a) => marks.get(a.id) !== a.value);
        expect(missing).toEqual([]);

        // Every row of every table: the copy's rows are the original's; what the original has
        // beyond them was written after the backup's instant.
        const tables = await tableNames(s.db, s.engine, schema);
        expect(await tableNames(restored.db, s.engine, schema)).toEqual(tables);
        const report: string[] = [];
        let total = { source: 0, restored: 0 };
        for (const t of tables) {
          const [a, c] = [await rowsOf(s.db, t), await rowsOf(restored.db, t)];
          let same = 0;
          let changed = 0;
          const foreign: string[] = [];
          for (const [k, v] of c) {
            const orig = a.get(k);
            if (orig === undefined) foreign.push(k);
            else if (orig === v) same++;
            else changed++;
          }
          expect(foreign, `${t}: rows the original never had`).toEqual([]);
          if (changed) expect(CHANGED_AFTER, `${t}: ${changed} rows differ from the original`).toHaveProperty([t]);
          const after = [...a.keys()].filter((k) => !c.has(k)).length;
          total = { source: total.source + a.size, restored: total.restored + c.size };
          if (a.size || c.size)
            report.push(
              `  ${t.padEnd(28)} ${String(a.size).padStart(6)} ${String(c.size).padStart(6)} ${String(same).padStart(6)} ${String(changed).padStart(4)} ${String(after).padStart(6)}`,
            );
        }
        const after = (await s.db.selectFrom('marks').select('id').execute()).length - marks.size;
        console.log(
          [
            `Restore drill (${s.engine}): ${CLIENTS} clients wrote ${acks.length} marks (${errors} refused); ${beforeBackup} acknowledged before the backup began, ${duringBackup} during it (${backupEnded - backupBegan} ms), ${after} not in the copy (written after its instant).`,
            `Backup ${row.file_name}: ${row.size} bytes; restore ${restoreMs} ms; every one of the ${beforeBackup} is in the copy.`,
            `  ${'table'.padEnd(28)} ${'source'.padStart(6)} ${'copy'.padStart(6)} ${'same'.padStart(6)} ${'chg'.padStart(4)} ${'after'.padStart(6)}`,
            ...report,
            `  ${'all tables'.padEnd(28)} ${String(total.source).padStart(6)} ${String(total.restored).padStart(6)}`,
          ].join('\n'),
        );
        expect(errors).toBe(0);
        expect(beforeBackup).toBeGreaterThanOrEqual(400);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  }, 120_000);
});
