import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';
import type { Engine } from '../src/server/platform/db.js';
import { backupSettings, type BackupSettings } from '../src/server/backup/settings.js';

// What the backup suites share (decision 037): an S3-compatible server in this process (s3rver),
// the folders of a backup's destinations, and a fresh database to restore into.

export interface BackupPlace {
  dir: string;
  s3Url: string;
  /** The environment a server and the CLI read their backup settings from. */
  env: Record<string, string>;
  settings: BackupSettings;
  close(): Promise<void>;
}

export async function startBackupPlace(): Promise<BackupPlace> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-backup-'));
  mkdirSync(join(dir, 's3'));
  const s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: 'backups' }],
  });
  const { port } = (await s3.run()) as { port: number };
  const s3Url = `http://127.0.0.1:${port}`;
  const env = {
    BACKUP_DIR: join(dir, 'local'),
    BACKUP_MIRROR_DIR: join(dir, 'second-disk'),
    BACKUP_S3_ENDPOINT: s3Url,
    BACKUP_S3_BUCKET: 'backups',
    BACKUP_S3_ACCESS_KEY: 'S3RVER',
    BACKUP_S3_SECRET_KEY: 'S3RVER',
    BACKUP_S3_REGION: 'us-east-1',
  };
  Object.assign(process.env, env);
  return {
    dir,
    s3Url,
    env,
    settings: backupSettings(),
    async close() {
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database to restore into: a SQLite file, or a PostgreSQL database of its own. */
export async function freshDatabase(engine: Engine, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') return { url: `sqlite:${join(dir, `restored-${randomBytes(4).toString('hex')}.db`)}`, drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL!;
  const name = `r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
