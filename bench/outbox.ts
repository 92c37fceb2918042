import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { openDatabase, type Db } from '../src/server/platform/db.js';
import { notify, type Notice } from '../src/server/notify/outbox.js';
import { UNCERTAIN_REPEAT } from '../src/server/notify/delivery.js';
import { searchKey } from '../src/domain/text.js';
import { startMailbox, type Mailbox } from '../test/mail-servers.js';
import { figure, startServerProcess } from './lib.js';

const GUARDIANS = 4000;

/**
 * Issue 14: the weekly digest for 4,000 guardians, enqueued in one transaction, delivered by the
 * server's worker to an in-process SMTP server (≤ 60 s); then another digest, the server killed
 * with SIGKILL half-way through and restarted: every guardian must end with exactly one of it.
 */
export async function outboxBench(): Promise<void> {
  const mailbox = await startMailbox();
  const env = {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mailbox.port),
    SMTP_SECURE: '0',
    SMTP_FROM: 'journal@college.test',
    PUBLIC_URL: 'http://ej.test',
    OUTBOX_BATCH: '200',
    OUTBOX_POLL_MS: '200',
    OUTBOX_LEASE_SECONDS: '5',
  };
  const s = await startServerProcess({ students: 60, env });
  const { db, close } = openDatabase(s.dbUrl);
  let child: ChildProcess = s.child;
  try {
    const orgId = (await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    const personIds = await makeGuardians(db, orgId);

    // 1. The digest to 4,000 guardians.
    let t0 = performance.now();
    await db.transaction().execute((tx) => notify(tx, orgId, digests(personIds, 'digest:w1'), ['email']));
    const enqueueMs = performance.now() - t0;
    await waitSent(db, 'digest:w1', GUARDIANS, 300_000);
    const deliverMs = performance.now() - t0;
    const w1 = perRecipient(mailbox, 'Сводка за неделю 1');
    console.log(`  в очередь за ${Math.round(enqueueMs)} мс одной транзакцией; писем получено ${w1.total}, адресатов ${w1.recipients}`);
    figure('Еженедельная сводка 4000 родителям доставлена (SMTP в процессе)', deliverMs / 1000, 'с', { op: '<=', value: 60 });

    // 2. The next digest; SIGKILL half-way; a restart.
    t0 = performance.now();
    await db.transaction().execute((tx) => notify(tx, orgId, digests(personIds, 'digest:w2'), ['email']));
    await waitSent(db, 'digest:w2', GUARDIANS / 2, 300_000);
    const before = await sentCount(db, 'digest:w2');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: s.dbUrl, PORT: new URL(s.url).port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitSent(db, 'digest:w2', GUARDIANS, 300_000);
    const totalMs = performance.now() - t0;
    const w2 = perRecipient(mailbox, 'Сводка за неделю 2');
    const missing = GUARDIANS - w2.recipients;
    const flagged = Number(
      (
        await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('key', '=', 'digest:w2')
          .where('reason', '=', UNCERTAIN_REPEAT)
          .executeTakeFirstOrThrow()
      ).n,
    );
    console.log(
      `  SIGKILL после ${before} отправленных; после перезапуска: писем ${w2.total}, адресатов ${w2.recipients}, без письма ${missing}, с двумя и более ${w2.doubled} (всё за ${(totalMs / 1000).toFixed(1).replace('.', ',')} с)`,
    );
    figure('Родителей без сводки после SIGKILL и перезапуска', missing, 'чел.', { op: '<=', value: 0 });
    figure(
      'Родителей с двумя сводками после SIGKILL и перезапуска',
      w2.doubled,
      'чел.',
      { op: '<=', value: 0 },
      'возможны только письма, принятые SMTP в миг убийства до отметки «отправлено» (решение 031)',
    );
    console.log(`  отмечено в журнале рассылок как возможный повтор: ${flagged}`);
    figure('Родителей с двумя разными сводками (разные Message-ID)', w2.distinctDoubled, 'чел.', { op: '<=', value: 0 });
    figure('Повторов, не отмеченных в журнале рассылок', Math.max(0, w2.doubled - flagged), 'чел.', { op: '<=', value: 0 });
    if (missing > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    await close();
    await mailbox.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

async function makeGuardians(db: Db, orgId: number): Promise<number[]> {
  const at = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < GUARDIANS; i += 500) {
    const rows = Array.from({ length: Math.min(500, GUARDIANS - i) }, (_, j) => {
      const n = i + j;
      return {
        organization_id: orgId,
        last_name: `Родитель${n}`,
        first_name: 'Мария',
        middle_name: 'Ивановна',
        birth_date: null,
        gender: 'f',
        snils: null,
        phone: null,
        email: `parent${n}@mail.test`,
        sort_key: searchKey(`Родитель${n}`, 'Мария', 'Ивановна'),
        created_at: at,
        updated_at: at,
      };
    });
    ids.push(...(await db.insertInto('persons').values(rows).returning('id').execute()).map((r) => r.id));
  }
  return ids;
}

function digests(personIds: number[], key: string): Notice[] {
  const week = key.endsWith('w1') ? 1 : 2;
  return personIds.map((personId) => ({
    personId,
    kind: 'digest',
    title: `Сводка за неделю ${week}`,
    text: 'Оценки: Математика 5, 4; Физика 5. Пропусков нет. Задано: §12, упр. 3–5. Темы: Производная.',
    link: '/family',
    key,
  }));
}

async function sentCount(db: Db, key: string): Promise<number> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function waitSent(db: Db, key: string, n: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await sentCount(db, key)) < n) {
    if (Date.now() > end) throw new Error(`outbox bench: ${key} not delivered in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function perRecipient(mailbox: Mailbox, subject: string) {
  const counts = new Map<string, number>();
  const ids = new Map<string, Set<string>>();
  let total = 0;
  for (const m of mailbox.mails) {
    if (m.subject !== subject) continue;
    total += 1;
    for (const to of m.to) {
      counts.set(to, (counts.get(to) ?? 0) + 1);
      ids.set(to, (ids.get(to) ?? new Set()).add(m.messageId ?? ''));
    }
  }
  return {
    total,
    recipients: counts.size,
    doubled: [...counts.values()].filter((c) => c > 1).length,
    /** Recipients with two different messages (different Message-IDs): a true double, never expected. */
    distinctDoubled: [...ids.values()].filter((s) => s.size > 1).length,
  };
}
