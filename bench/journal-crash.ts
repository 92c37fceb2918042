import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { apiUrl, figure, loginHttp, startServerProcess } from './lib.js';
import { buildBigJournal } from './journal-setup.js';

/**
 * A server killed with SIGKILL in the middle of a grade-writing load loses no write it had
 * acknowledged: every operation answered 201 is found in the database afterwards. (SQLite in WAL
 * mode with synchronous = NORMAL: a commit is in the WAL file before the answer goes out, so it
 * survives the process dying; only a power loss may take the last commits.)
 */
export async function journalCrashBench(): Promise<void> {
  const s = await startServerProcess({ students: 300 });
  const file = s.dbUrl.slice('sqlite:'.length);
  try {
    const big = await buildBigJournal(s.dbUrl);
    const { cookie, csrf } = await loginHttp(s.url, big.teacherLogin);
    const cells = big.openLessonIds.flatMap((l) => big.studentIds.map((st) => [l, st] as const));
    const acknowledged = new Map<string, number>();
    let sent = 0;
    let failed = 0;
    let stop = false;
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const n = sent++;
        const opId = `crash-${c}-${i}`;
        const [lessonId, studentId] = cells[n % cells.length];
        try {
          const r = await fetch(apiUrl(s.url, 'POST /journal/marks'), {
            method: 'POST',
            headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ opId, lessonId, studentId, value: String(2 + (n % 4)), workType: 'oral' }),
          });
          const body = (await r.json()) as { mark?: { id: number } };
          if (r.status === 201 && body.mark) acknowledged.set(opId, body.mark.id);
          else failed++;
        } catch {
          failed++;
          return;
        }
      }
    };
    const clients = Array.from({ length: 200 }, (_, c) => client(c));
    await new Promise((r) => setTimeout(r, 2500));
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGKILL');
    await exited;
    stop = true;
    await Promise.all(clients);

    const db = new Database(file, { readonly: true });
    const events = new Set(
      (db.prepare("select op_id from mark_events where op_id like 'crash-%'").all() as { op_id: string }[]).map((r) => r.op_id),
    );
    const markIds = new Set((db.prepare('select id from marks').all() as { id: number }[]).map((r) => r.id));
    db.close();
    const lost = [...acknowledged].filter(([op, id]) => !events.has(op) || !markIds.has(id));
    console.log(
      `Сервер убит SIGKILL под нагрузкой (200 клиентов): подтверждено записей ${acknowledged.size}, не подтверждено/оборвано ${failed}, в базе найдено ${acknowledged.size - lost.length}, потеряно подтверждённых: ${lost.length}`,
    );
    console.log(`  записано сверх подтверждённых (ответ не успел уйти): ${events.size - (acknowledged.size - lost.length)}`);
    figure('Потеряно подтверждённых записей после SIGKILL', lost.length, 'шт.', { op: '<=', value: 0 });
    figure('Подтверждено записей до SIGKILL', acknowledged.size, 'шт.');
    if (lost.length) {
      console.log(
        `  ПОТЕРИ: ${lost
          .slice(0, 5)
          .map(([op]) => op)
          .join(', ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
}
