import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatRu, localDateTime } from '../src/domain/dates.js';
import { latestSlot } from '../src/domain/schedule.js';
import { searchKey } from '../src/domain/text.js';
import { JOBS } from '../src/server/control/scheduler-jobs.js';
import { UNCERTAIN_REPEAT } from '../src/server/notify/delivery.js';
import { DIGEST_JOB } from '../src/server/notify/digest-service.js';
import { openDatabase, type Db } from '../src/server/platform/db.js';
import { mailText, startMailbox, type Mailbox } from '../test/mail-servers.js';
import { figure, startServerProcess } from './lib.js';

const GUARDIANS = 4000;
/** The demo college's size; its guardians are topped up to GUARDIANS with more guardians of its students. */
const STUDENTS = 600;

/**
 * Issue 14: the REAL weekly digest (the scheduler's «guardian-digest» job, digest-service.ts) of a
 * generated college with 4,000 guardians, each with an e-mail: made by the server process's own
 * scheduler at its start and delivered by its worker to an in-process SMTP server (≤ 60 s). Then
 * the same college again (a copy of the database made before the first run): the server is killed
 * with SIGKILL half-way through the delivery and restarted; every guardian must end with exactly one
 * digest (distinct Message-IDs per guardian), and physical repeats are counted and shown.
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
    BACKUP: 'off',
  };
  let emails = new Set<string>();
  let copyUrl = '';
  let spawnedAt = 0;
  const t0 = performance.now();
  const s = await startServerProcess({
    students: STUDENTS,
    env,
    async prepare(dbUrl, dir) {
      emails = await generateCollege(dbUrl);
      const copy = join(dir, 'copy.db');
      copyFileSync(dbUrl.slice('sqlite:'.length), copy);
      copyUrl = `sqlite:${copy}`;
      spawnedAt = performance.now();
    },
  });
  console.log(`  колледж: ${STUDENTS} обучающихся, ${emails.size} родителей с e-mail (подготовка ${seconds(spawnedAt - t0)} с)`);
  const port = new URL(s.url).port;
  let child: ChildProcess = s.child;
  const a = openDatabase(s.dbUrl);
  const b = openDatabase(copyUrl);
  try {
    // 1. The job at the server's start, the delivery by its worker.
    const jobDone = await waitJob(a.db, 120_000);
    const expected = await digestCount(a.db);
    const jobMs = performance.now() - spawnedAt;
    await waitSent(a.db, expected, 300_000);
    const deliverMs = performance.now() - spawnedAt;
    const w1 = perRecipient(mailbox, emails);
    console.log(
      `  задание «${DIGEST_JOB}» за неделю с ${formatRu(jobDone)}: писем в очереди ${expected} (задание готово через ${seconds(jobMs)} с после запуска сервера); ` +
        `получено писем ${w1.total}, родителей-адресатов ${w1.recipients}, без сводки ${emails.size - w1.recipients}, с двумя ${w1.doubled}`,
    );
    figure('Еженедельная сводка 4000 родителям: задание и доставка (SMTP в процессе, от запуска сервера)', deliverMs / 1000, 'с', {
      op: '<=',
      value: 60,
    });
    const sample = mailbox.mails.find((m) => m.subject.startsWith('Сводка за неделю') && m.to.some((t) => emails.has(t)));
    if (sample) console.log(`  пример письма: «${sample.subject}» — ${mailText(sample.raw).replace(/\s+/g, ' ').slice(0, 160)}…`);
    await stop(child);

    // 2. The same college again: SIGKILL half-way through the delivery, a restart.
    mailbox.mails.length = 0;
    const t1 = performance.now();
    child = spawnServer(copyUrl, port, env);
    await waitJob(b.db, 120_000);
    const expected2 = await digestCount(b.db);
    await waitSent(b.db, Math.floor(expected2 / 2), 300_000);
    const before = await sentCount(b.db);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    child = spawnServer(copyUrl, port, env);
    await waitSent(b.db, expected2, 300_000);
    const totalMs = performance.now() - t1;
    const w2 = perRecipient(mailbox, emails);
    const missing = emails.size - w2.recipients;
    const flagged = Number(
      (
        await b.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'digest')
          .where('reason', '=', UNCERTAIN_REPEAT)
          .executeTakeFirstOrThrow()
      ).n,
    );
    console.log(
      `  SIGKILL после ${before} отправленных из ${expected2}; после перезапуска: писем родителям ${w2.total}, адресатов ${w2.recipients}, ` +
        `без сводки ${missing}, физических повторов ${w2.doubled} (всё за ${seconds(totalMs)} с)`,
    );
    figure('Родителей без сводки после SIGKILL и перезапуска', missing, 'чел.', { op: '<=', value: 0 });
    figure('Родителей с двумя разными сводками (разные Message-ID)', w2.distinctDoubled, 'чел.', { op: '<=', value: 0 });
    figure(
      'Родителей с физическим повтором того же письма (тот же Message-ID)',
      w2.doubled,
      'чел.',
      undefined,
      'возможны только письма, принятые SMTP в миг убийства до отметки «отправлено» (решение 031)',
    );
    console.log(`  отмечено в журнале рассылок как возможный повтор: ${flagged}`);
    figure('Повторов, не отмеченных в журнале рассылок', Math.max(0, w2.doubled - flagged), 'чел.', { op: '<=', value: 0 });
    if (missing > 0 || w2.distinctDoubled > 0 || w1.recipients < emails.size) process.exitCode = 1;
  } finally {
    await stop(child);
    await a.close();
    await b.close();
    await mailbox.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1).replace('.', ',');

function spawnServer(dbUrl: string, port: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The demo college grown to 4,000 guardians: every guardian of the demo gets an e-mail, and more
 * guardians (with e-mails) are linked to its students in turn. Every other scheduled job is marked
 * done for its latest slot, so the server's first tick runs the digest job alone.
 */
async function generateCollege(dbUrl: string): Promise<Set<string>> {
  const { db, close } = openDatabase(dbUrl);
  try {
    const org = await db.selectFrom('organizations').select(['id', 'time_zone']).executeTakeFirstOrThrow();
    const links = await db
      .selectFrom('guardian_links')
      .select(['guardian_person_id', 'student_id'])
      .where('organization_id', '=', org.id)
      .execute();
    const existing = [...new Set(links.map((l) => l.guardian_person_id))];
    for (const id of existing)
      await db
        .updateTable('persons')
        .set({ email: `g${id}@mail.test` })
        .where('id', '=', id)
        .execute();
    const students = (await db.selectFrom('students').select('id').where('organization_id', '=', org.id).orderBy('id').execute()).map(
      (r) => r.id,
    );
    const at = new Date().toISOString();
    for (let i = existing.length; i < GUARDIANS; i += 500) {
      const n = Math.min(500, GUARDIANS - i);
      const rows = Array.from({ length: n }, (_, j) => ({
        organization_id: org.id,
        last_name: `Родитель${i + j}`,
        first_name: 'Мария',
        middle_name: 'Ивановна',
        birth_date: null,
        gender: 'f',
        snils: null,
        phone: null,
        email: `parent${i + j}@mail.test`,
        sort_key: searchKey(`Родитель${i + j}`, 'Мария', 'Ивановна'),
        created_at: at,
        updated_at: at,
      }));
      const ids = (await db.insertInto('persons').values(rows).returning('id').execute()).map((r) => r.id);
      await db
        .insertInto('guardian_links')
        .values(
          ids.map((id, j) => ({
            organization_id: org.id,
            guardian_person_id: id,
            student_id: students[(i + j) % students.length]!,
            relation: 'parent',
          })),
        )
        .execute();
    }
    const local = localDateTime(org.time_zone, new Date());
    for (const job of JOBS) {
      const slot = job.name === DIGEST_JOB ? null : latestSlot(job.every, local);
      await db
        .insertInto('scheduled_jobs')
        .values({ organization_id: org.id, name: job.name, last_slot: slot })
        .onConflict((oc) => oc.columns(['organization_id', 'name']).doUpdateSet({ last_slot: slot, lease_owner: null, lease_until: null }))
        .execute();
    }
    const emails = await db
      .selectFrom('persons as p')
      .innerJoin('guardian_links as gl', 'gl.guardian_person_id', 'p.id')
      .select('p.email')
      .distinct()
      .where('p.organization_id', '=', org.id)
      .execute();
    return new Set(emails.map((e) => e.email!));
  } finally {
    await close();
  }
}

/** Waits for the server's scheduler to finish the digest job; the week's first day. */
async function waitJob(db: Db, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom('scheduled_jobs').select(['last_slot', 'last_error']).where('name', '=', DIGEST_JOB).executeTakeFirst();
    if (row?.last_error) throw new Error(`outbox bench: the digest job failed: ${row.last_error}`);
    if (row?.last_slot) {
      const first = await db.selectFrom('outbox').select('key').where('kind', '=', 'digest').executeTakeFirst();
      return first ? first.key.slice('digest:'.length) : row.last_slot;
    }
    if (Date.now() > end) throw new Error(`outbox bench: the digest job did not run in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function digestCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'digest')
    .where('channel', '=', 'email')
    .where('status', '!=', 'skipped')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function sentCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'digest')
    .where('channel', '=', 'email')
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function waitSent(db: Db, n: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await sentCount(db)) < n) {
    if (Date.now() > end) throw new Error(`outbox bench: ${n} digests not delivered in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Digests received by the guardians: per address, how many messages and how many distinct Message-IDs. */
function perRecipient(mailbox: Mailbox, guardians: Set<string>) {
  const counts = new Map<string, number>();
  const ids = new Map<string, Set<string>>();
  let total = 0;
  for (const m of mailbox.mails) {
    if (!m.subject.startsWith('Сводка за неделю')) continue;
    for (const to of m.to) {
      if (!guardians.has(to)) continue;
      total += 1;
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
