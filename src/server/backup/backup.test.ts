import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMigration, parseManifest } from '../../domain/backup.js';
import { setClock } from '../../domain/clock.js';
import type { Health } from '../../contracts/backup.js';
import { freshDatabase, startBackupPlace, type BackupPlace } from '../../../test/backup.js';
import { buildOrganization, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, TEST_NOW, type TestServer } from '../../../test/server.js';
import { openDatabase } from '../platform/db.js';
import { migrations } from '../platform/migrations/index.js';
import { claimBackup, scheduleRow } from './queries.js';
import { restoreBackup, RestoreRefused } from './restore.js';
import { S3Bucket, signV4 } from './s3.js';
import { applyRetention, backupOverview, manifestName, scheduledBackup } from './service.js';

const SCHEMA = lastMigration(Object.keys(migrations));

// Backups (issue 15 items 5, 6, 9; decision 037): made online to a folder, a second disk and S3,
// each with its manifest; once per slot across processes; retention; /health; restore and its refusals.
let s: TestServer;
let place: BackupPlace;
let admin: ApiClient;
let orgId: number;
const ROOT = join(import.meta.dirname, '../../..');

beforeAll(async () => {
  place = await startBackupPlace();
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  const a = await buildUser(s.db, { orgId, roles: ['admin'] });
  admin = await new ApiClient(s.url).login(a.login, a.password);
});
afterAll(async () => {
  setClock(TEST_NOW);
  await s?.close();
  await place?.close();
});

const source = () => ({ db: s.db, engine: s.engine, databaseUrl: s.config.databaseUrl });

async function waitDone(id: number) {
  for (let i = 0; i < 200; i++) {
    const b = (await admin.call('GET /backups')).body.items.find((x) => x.id === id);
    if (b && b.status !== 'running') return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the backup never finished');
}

describe('S3 over Signature V4 by hand', () => {
  it('signs as AWS documents it (the GET Object example of the SigV4 reference)', () => {
    const auth = signV4({
      method: 'GET',
      path: '/test.txt',
      query: {},
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      region: 'us-east-1',
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      amzDate: '20130524T000000Z',
    });
    expect(auth).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('puts, lists, gets and deletes against an S3-compatible server', async () => {
    const bucket = new S3Bucket(place.settings.s3!);
    const body = Buffer.from('Журнал: резервная копия ✓');
    await bucket.put('rt/a b+c.bin', body);
    await bucket.put('rt/second.bin', Buffer.alloc(3000, 7));
    expect((await bucket.get('rt/a b+c.bin')).equals(body)).toBe(true);
    expect((await bucket.list('rt/')).sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'rt/a b+c.bin', size: body.length },
      { key: 'rt/second.bin', size: 3000 },
    ]);
    await bucket.delete('rt/a b+c.bin');
    expect((await bucket.list('rt/')).map((o) => o.key)).toEqual(['rt/second.bin']);
    await expect(bucket.get('rt/a b+c.bin')).rejects.toThrow(/404/);
  });
});

describe('backups', () => {
  it('are the administrator’s: 401 without a session, 403 to a teacher', async () => {
    expect((await new ApiClient(s.url).call('GET /backups')).status).toBe(401);
    const t = await buildUser(s.db, { orgId, roles: ['teacher'] });
    const teacher = await new ApiClient(s.url).login(t.login, t.password);
    expect((await teacher.call('GET /backups')).status).toBe(403);
    expect((await teacher.call('POST /backups')).status).toBe(403);
  });

  it('before any backup the home page alerts and /health warns (once the installation is older than a day)', async () => {
    expect((await admin.call('GET /backups')).body.alert).toBeNull();
    await s.db.updateTable('organizations').set({ created_at: '2026-11-01T00:00:00.000Z' }).execute();
    const r = await admin.call('GET /backups');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([]);
    expect(r.body.alert).toEqual({ kind: 'stale', lastOkAt: null });
    expect(r.body.destinations.map((d) => d.kind)).toEqual(['dir', 'mirror', 's3']);
    expect(r.body.version).toMatch(/^\d+\.\d+\.\d+/);
    const h = await fetch(`${s.url}/api/v1/health`);
    expect(h.status).toBe(200);
    const body = (await h.json()) as Health;
    expect(body).toMatchObject({ status: 'warn', database: { ok: true, engine: s.engine }, migrations: { current: true, pending: [] } });
    expect(body.backup).toMatchObject({ lastOkAt: null, alert: 'stale' });
  });

  it('made on demand go to the folder, the second disk and S3, each with its manifest', async () => {
    const r = await admin.call('POST /backups');
    expect(r.status).toBe(202);
    const b = await waitDone(r.body.id);
    expect(b).toMatchObject({ status: 'ok', trigger: 'manual', engine: s.engine, error: null, schemaVersion: SCHEMA });
    expect(b.destinations.map((d) => [d.kind, d.ok])).toEqual([
      ['dir', true],
      ['mirror', true],
      ['s3', true],
    ]);
    for (const dir of [place.env.BACKUP_DIR, place.env.BACKUP_MIRROR_DIR]) {
      const m = parseManifest(readFileSync(join(dir, manifestName(b.fileName)), 'utf8'));
      expect(m).toMatchObject({ file: b.fileName, sha256: b.sha256, size: b.size, engine: s.engine, schemaVersion: SCHEMA });
      expect(m.migrations).toContain('0100-foundation');
      expect(readFileSync(join(dir, b.fileName)).length).toBe(b.size);
    }
    const keys = (await new S3Bucket(place.settings.s3!).list('ejournal/')).map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining([`ejournal/${b.fileName}`, `ejournal/${manifestName(b.fileName)}`]));
    // Now the alert is gone, and /health says how old the backup is.
    expect((await admin.call('GET /backups')).body.alert).toBeNull();
    const h = (await (await fetch(`${s.url}/api/v1/health`)).json()) as Health;
    expect(h).toMatchObject({ status: 'ok', backup: { lastStatus: 'ok', alert: null, ageHours: 0 } });
  });

  it('one at a time: a second one while the lease is held is refused with 409', async () => {
    const at = new Date().toISOString();
    expect(await claimBackup(s.db, null, 'someone-else', at, new Date(Date.now() + 60_000).toISOString())).toBe(true);
    const r = await admin.call('POST /backups');
    expect(r.status).toBe(409);
    expect((r.body as unknown as { error: { message: string } }).error.message).toMatch(/уже делается/);
    await s.db.updateTable('backup_schedule').set({ lease_owner: null, lease_until: null }).execute();
  });

  it('a failed destination fails the backup, and the home page alerts with the reason', async () => {
    const broken = { ...place.settings, s3: { ...place.settings.s3!, bucket: 'no-such-bucket' } };
    const id = await scheduledBackup(source(), broken, 'p1', new Date('2026-11-28T20:00:00Z'));
    const o = await backupOverview(s.db, broken);
    const b = o.items.find((x) => x.id === id)!;
    expect(b.status).toBe('failed');
    expect(b.destinations.find((d) => d.kind === 's3')).toMatchObject({ ok: false });
    expect(b.error).toMatch(/no-such-bucket/);
    expect(o.alert).toMatchObject({ kind: 'failed' });
    // Not retried on every tick: the next try waits half an hour.
    expect(await scheduledBackup(source(), place.settings, 'p1', new Date('2026-11-28T20:01:00Z'))).toBeNull();
  });

  it('scheduled: once per slot across processes, caught up after a restart', async () => {
    await s.db.updateTable('backup_schedule').set({ lease_owner: null, lease_until: null, last_slot: '2026-11-27' }).execute();
    // 03:00 in Moscow on 30 Nov, the backup being due at 02:30: two processes tick at once.
    const at = new Date('2026-11-30T00:00:00Z');
    const peer = await s.peer();
    const other = openDatabase(s.config.databaseUrl.startsWith('sqlite:') ? s.config.databaseUrl : s.config.databaseUrl, {
      schema: s.engine === 'pg' ? await import('./queries.js').then((q) => q.currentSchema(s.db)) : undefined,
    });
    try {
      const [a, b] = await Promise.all([
        scheduledBackup(source(), place.settings, 'process-a', at),
        scheduledBackup({ ...source(), db: other.db }, place.settings, 'process-b', at),
      ]);
      expect([a, b].filter((x) => x !== null)).toHaveLength(1);
    } finally {
      await other.close();
      await peer.close();
    }
    expect((await scheduleRow(s.db))?.last_slot).toBe('2026-11-30');
    // Later the same day: nothing to do.
    expect(await scheduledBackup(source(), place.settings, 'process-a', new Date('2026-11-30T10:00:00Z'))).toBeNull();
    // The server was down over 1–2 Dec and starts on 3 Dec at 01:00 (Moscow): it makes the 2 Dec backup once.
    const restart = new Date('2026-12-02T22:00:00Z');
    expect(await scheduledBackup(source(), place.settings, 'process-c', restart)).not.toBeNull();
    expect((await scheduleRow(s.db))?.last_slot).toBe('2026-12-02');
    expect(await scheduledBackup(source(), place.settings, 'process-c', new Date('2026-12-02T22:01:00Z'))).toBeNull();
  });

  it('retention removes the files of backups it no longer keeps, from every destination', async () => {
    // One backup a day for four days, kept: the newest two days only.
    const made: string[] = [];
    for (const day of ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']) {
      setClock(`${day}T00:00:00Z`);
      const id = await scheduledBackup(source(), place.settings, 'r', new Date(`${day}T00:00:00Z`));
      made.push((await backupOverview(s.db, place.settings, 1)).items.find((x) => x.id === id)!.fileName);
    }
    setClock(TEST_NOW);
    const policy = { ...place.settings, retention: { daily: 2, weekly: 0, monthly: 0 } };
    const pruned = await applyRetention(s.db, policy);
    expect(pruned.length).toBeGreaterThanOrEqual(2);
    const o = await backupOverview(s.db, policy, 50);
    const byFile = new Map(o.items.map((x) => [x.fileName, x]));
    expect(made.map((f) => byFile.get(f)?.pruned)).toEqual([true, true, false, false]);
    const keys = (await new S3Bucket(place.settings.s3!).list('ejournal/')).map((x) => x.key);
    for (const [i, f] of made.entries()) {
      const kept = i >= 2;
      expect(existsSync(join(place.env.BACKUP_DIR, f))).toBe(kept);
      expect(existsSync(join(place.env.BACKUP_MIRROR_DIR, manifestName(f)))).toBe(kept);
      expect(keys.includes(`ejournal/${f}`)).toBe(kept);
    }
  });
});

describe('restore', () => {
  let file: string;
  beforeAll(async () => {
    const r = await admin.call('POST /backups');
    file = (await waitDone(r.body.id)).fileName;
  });

  /** A copy of the backup and its manifest under another name, the manifest changed by `edit`. */
  function tampered(name: string, edit: (m: Record<string, unknown>) => void, bytes?: (b: Buffer) => Buffer): string {
    const src = join(place.env.BACKUP_DIR, file);
    const to = join(place.dir, name);
    const b = readFileSync(src);
    writeFileSync(to, bytes ? bytes(b) : b);
    const m = JSON.parse(readFileSync(manifestName(src), 'utf8')) as Record<string, unknown>;
    edit(m);
    writeFileSync(manifestName(to), JSON.stringify(m));
    return to;
  }

  /** The `ejournal` command in a process of its own (not blocking this one: the S3 server runs here). */
  function cli(args: string[], databaseUrl: string): Promise<{ code: number | null; out: string; err: string }> {
    const p = spawn(process.execPath, [join(ROOT, 'bin/ejournal.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...place.env, DATABASE_URL: databaseUrl },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise((resolve) => p.on('close', (code) => resolve({ code, out, err })));
  }

  it('refuses a backup whose checksum fails (the command exits non-zero and says why)', async () => {
    const bad = tampered(
      'corrupt.bin',
      () => {},
      (b) => Buffer.concat([b.subarray(0, b.length - 1), Buffer.from([b[b.length - 1] ^ 0xff])]),
    );
    const target = await freshDatabase(s.engine, place.dir);
    try {
      const r = await cli(['restore', bad], target.url);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/копия не восстановлена: контрольная сумма копии не совпадает/);
    } finally {
      await target.drop();
    }
  }, 90_000);

  it('refuses a backup whose schema is newer than this version', async () => {
    const newer = tampered('newer.bin', (m) => {
      m.migrations = [...(m.migrations as string[]), '9999-from-the-future'];
      m.schemaVersion = '9999-from-the-future';
    });
    await expect(restoreBackup(newer, 'sqlite::memory:', place.settings)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(newer, s.config.databaseUrl, place.settings)).rejects.toThrow(/схема копии новее.*9999-from-the-future/);
  });

  it('refuses a database that is not empty, unless --force', async () => {
    const target = await freshDatabase(s.engine, place.dir);
    try {
      await restoreBackup(join(place.env.BACKUP_DIR, file), target.url, place.settings);
      await expect(restoreBackup(join(place.env.BACKUP_DIR, file), target.url, place.settings)).rejects.toThrow(/не пуста/);
      const forced = await restoreBackup(join(place.env.BACKUP_DIR, file), target.url, place.settings, { force: true });
      expect(forced.tables).toBeGreaterThan(50);
    } finally {
      await target.drop();
    }
  });

  it('restores from an S3 key through the command, and the backup it came from reads as made', async () => {
    const target = await freshDatabase(s.engine, place.dir);
    try {
      const r = await cli(['restore', `s3://backups/ejournal/${file}`], target.url);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`База восстановлена из копии ${file.replace(/\./g, '\\.')}`));
      const schema = s.engine === 'pg' ? await import('./queries.js').then((q) => q.currentSchema(s.db)) : undefined;
      const restored = openDatabase(target.url, { schema });
      try {
        const orgs = await restored.db.selectFrom('organizations').select('id').where('id', '=', orgId).execute();
        expect(orgs).toHaveLength(1);
        const row = await restored.db.selectFrom('backups').select(['status', 'sha256']).where('file_name', '=', file).executeTakeFirst();
        expect(row?.status).toBe('ok');
        expect(await restored.db.selectFrom('backups').select('id').where('status', '=', 'running').execute()).toEqual([]);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  }, 90_000);
});
