import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildPerson, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { startMailbox, type Mailbox } from '../../../test/mail-servers.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { currentSchema } from '../backup/queries.js';
import { notify } from '../notify/outbox.js';

// Decision 042: nothing a second server process would miss is kept in one process. Two real server
// processes (`src/server/main.ts`, as systemd runs them) on one PostgreSQL schema, each on its own
// port, behave as one: a session, the login throttle, a scheduled job and the outbox. On SQLite the
// cluster refuses to start several processes.

const ROOT = resolve(import.meta.dirname, '../../..');
const PORTS = [4115, 4125];

interface Proc {
  url: string;
  child: ChildProcess;
  output: string[];
}

/** A server process on its own port; resolves once it answers /health. */
async function startProcess(port: number, env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
  child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 45_000; Date.now() < deadline;) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${url}/api/v1/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return { url, child, output };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server on ${port} did not start: ${output.join('')}`);
}

/** SIGTERM, then the process's own exit (it drains): its exit code. */
function stopProcess(p: Proc): Promise<number | null> {
  if (p.child.exitCode !== null) return Promise.resolve(p.child.exitCode);
  return new Promise((done) => {
    p.child.once('exit', (code) => done(code));
    p.child.kill('SIGTERM');
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A client on process B with the session a client got on process A (the load balancer sent the next request elsewhere). */
function sameSession(a: ApiClient, url: string): ApiClient {
  const b = new ApiClient(url);
  b.cookie = a.cookie;
  b.csrf = a.csrf;
  return b;
}

if (process.env.TEST_ENGINE === 'pg') {
  describe('two server processes on one PostgreSQL', () => {
    let s: TestServer;
    let mailbox: Mailbox;
    let orgId: number;
    let a: Proc;
    let b: Proc;

    beforeAll(async () => {
      // The schema, its migrations and the data come from the test server; the two processes
      // serve it through a connection whose search_path is that schema.
      s = await startTestServer({ loginMaxFailures: 5 });
      mailbox = await startMailbox();
      // The college exists before the processes start: each one's first scheduler tick finds its job due.
      orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
      const schema = await currentSchema(s.db);
      const env = {
        DATABASE_URL: `${process.env.TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        DATABASE_POOL_SIZE: '4',
        DEMO: 'off',
        BACKUP: 'off',
        LOG_LEVEL: 'warn',
        LOGIN_MAX_FAILURES: '5',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mailbox.port),
        OUTBOX_POLL_MS: '100',
      };
      [a, b] = await Promise.all(PORTS.map((port) => startProcess(port, env)));
    }, 90_000);
    afterAll(async () => {
      const codes = await Promise.all([a, b].filter(Boolean).map(stopProcess));
      await mailbox?.close();
      await s?.close();
      // SIGTERM drains and exits cleanly.
      expect(codes).toEqual([0, 0]);
    });

    it('shares a session: made on A, it works on B; logged out on B, it is gone on A', async () => {
      const u = await buildUser(s.db, { orgId, roles: ['teacher'] });
      const onA = await new ApiClient(a.url).login(u.login, TEST_PASSWORD);
      const onB = sameSession(onA, b.url);
      const me = await onB.call('GET /auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.login).toBe(u.login);
      expect((await onB.call('POST /auth/logout')).status).toBe(200);
      expect((await onA.call('GET /auth/me')).status).toBe(401);
    });

    it('counts failed logins across both: three on A and two on B close the login on both', async () => {
      const u = await buildUser(s.db, { orgId, roles: ['teacher'] });
      const wrong = (url: string, i: number) =>
        new ApiClient(url).call('POST /auth/login', { body: { login: u.login, password: `wrong-${i}` } });
      for (const [i, url] of [a.url, b.url, a.url, b.url, a.url].entries()) expect((await wrong(url, i)).status).toBe(401);
      // Five failures is the limit: the right password is refused now, on either process.
      for (const url of [a.url, b.url]) {
        const r = await new ApiClient(url).call('POST /auth/login', { body: { login: u.login, password: TEST_PASSWORD } });
        expect(r.status).toBe(429);
      }
    });

    it('runs a scheduled job due now once: both processes ticked at start, one report was kept', async () => {
      const job = await until('the daily fill control to run', async () => {
        const row = await s.db
          .selectFrom('scheduled_jobs')
          .select(['last_slot', 'last_error', 'lease_owner'])
          .where('organization_id', '=', orgId)
          .where('name', '=', 'fill-daily')
          .executeTakeFirst();
        return row?.last_slot ? row : null;
      });
      expect(job).toMatchObject({ last_error: null, lease_owner: null });
      // Both processes had ticked (each ticks as it starts listening); give the slower one time to finish.
      await new Promise((r) => setTimeout(r, 1_000));
      const reports = await s.db
        .selectFrom('generated_reports')
        .select(['period', 'made_by_job'])
        .where('organization_id', '=', orgId)
        .where('kind', '=', 'fill-daily')
        .execute();
      expect(reports).toHaveLength(1);
      expect(reports[0]!.made_by_job).toBe('fill-daily');
    });

    it('delivers each outbox message once while both processes drain the outbox', async () => {
      const people = await Promise.all(
        Array.from({ length: 30 }, (_, i) => buildPerson(s.db, orgId, { email: `roditel${i}@cluster.test` }).then((p) => p.id)),
      );
      await notify(
        s.db,
        orgId,
        people.map((personId, i) => ({
          personId,
          kind: 'grade-2',
          title: `Оценка «2» №${i}`,
          text: 'Получена оценка «2».',
          key: `cluster:${i}`,
        })),
        ['email'],
      );
      await until('every message to be sent', async () => {
        const left = await s.db
          .selectFrom('outbox')
          .select('id')
          .where('organization_id', '=', orgId)
          .where('status', '!=', 'sent')
          .executeTakeFirst();
        return !left;
      });
      await new Promise((r) => setTimeout(r, 500));
      const to = mailbox.mails.flatMap((m) => m.to).filter((x) => x.endsWith('@cluster.test'));
      expect(to).toHaveLength(30);
      expect(new Set(to).size).toBe(30);
    });
  });
} else {
  describe('several processes on SQLite', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ejournal-cluster-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('are refused by the cluster with a reason and a non-zero exit, before the database is touched', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cluster.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'x.db')}`, WORKERS: '2', PORT: String(PORTS[0]) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      expect(code).toBe(2);
      expect(err).toContain('SQLite обслуживается одним процессом');
      expect(err).toContain('WORKERS=1');
      expect(existsSync(join(dir, 'x.db'))).toBe(false);
    }, 60_000);
  });
}
