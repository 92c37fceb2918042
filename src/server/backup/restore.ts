import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { parseManifest, restoreRefusal, type BackupManifest } from '../../domain/backup.js';
import { now } from '../../domain/clock.js';
import { openDatabase, type Engine } from '../platform/db.js';
import { migrations } from '../platform/migrations/index.js';
import { settleRestored, tableNames } from './queries.js';
import { S3Bucket } from './s3.js';
import { manifestName } from './service.js';
import type { BackupSettings } from './settings.js';
import { digest, sqliteFile } from './snapshot.js';

const run = promisify(execFile);

/** A restore this version must not make, with the reason for the administrator. */
export class RestoreRefused extends Error {}

const engineOf = (url: string): Engine => (url.startsWith('postgres://') || url.startsWith('postgresql://') ? 'pg' : 'sqlite');

/** The S3 key a backup argument names (`s3://bucket/key` or `s3:key`), or null for a local file. */
function s3Key(spec: string, s: BackupSettings): string | null {
  if (spec.startsWith('s3://')) {
    const [bucket, ...rest] = spec.slice(5).split('/');
    if (s.s3 && bucket !== s.s3.bucket) throw new RestoreRefused(`корзина «${bucket}» не та, что в BACKUP_S3_BUCKET («${s.s3.bucket}»)`);
    return rest.join('/');
  }
  return spec.startsWith('s3:') ? spec.slice(3) : null;
}

/** Brings the backup and its manifest to local files (from S3 into a temporary folder). */
async function fetchBackup(spec: string, settings: BackupSettings, work: string): Promise<{ file: string; manifestText: string }> {
  const key = s3Key(spec, settings);
  if (key !== null) {
    if (!settings.s3) throw new RestoreRefused('копия в S3, но хранилище не настроено (BACKUP_S3_ENDPOINT и др.)');
    const bucket = new S3Bucket(settings.s3);
    const file = join(work, basename(key));
    try {
      await writeFile(file, await bucket.get(key));
      return { file, manifestText: (await bucket.get(manifestName(key))).toString('utf8') };
    } catch (e) {
      throw new RestoreRefused(`не удалось прочитать копию из S3: ${(e as Error).message}`);
    }
  }
  if (!existsSync(spec)) throw new RestoreRefused(`нет файла ${spec}`);
  const m = manifestName(spec);
  if (!existsSync(m)) throw new RestoreRefused(`рядом с копией нет её манифеста ${m}: без него не проверить контрольную сумму и схему`);
  return { file: spec, manifestText: await readFile(m, 'utf8') };
}

/**
 * Restores a backup (a local file or an S3 key) into the database of `databaseUrl`, which must be
 * empty unless `force`. Refuses a backup whose checksum fails, whose schema is newer than this
 * version's migrations, or of the other engine. The server must be stopped meanwhile.
 */
export async function restoreBackup(
  spec: string,
  databaseUrl: string,
  settings: BackupSettings,
  o: { force?: boolean; schema?: string } = {},
): Promise<{ manifest: BackupManifest; tables: number }> {
  const work = await mkdtemp(join(tmpdir(), 'ejournal-restore-'));
  try {
    const { file, manifestText } = await fetchBackup(spec, settings, work);
    let manifest: BackupManifest;
    try {
      manifest = parseManifest(manifestText);
    } catch (e) {
      throw new RestoreRefused((e as Error).message);
    }
    const refusal = restoreRefusal(manifest, await digest(file), Object.keys(migrations), engineOf(databaseUrl));
    if (refusal) throw new RestoreRefused(refusal);

    if (manifest.engine === 'sqlite') {
      const target = sqliteFile(databaseUrl);
      if (existsSync(target)) {
        const probe = openDatabase(databaseUrl);
        const n = (await tableNames(probe.db, 'sqlite').finally(() => probe.close())).length;
        if (n > 0 && !o.force)
          throw new RestoreRefused(`база ${target} не пуста (таблиц: ${n}). Укажите другую базу или --force, чтобы заменить её копией`);
      }
      const part = `${target}.restoring`;
      await copyFile(file, part);
      for (const f of [target, `${target}-wal`, `${target}-shm`]) await rm(f, { force: true });
      await rename(part, target);
    } else {
      const schema = o.schema ?? manifest.schema ?? 'public';
      const probe = openDatabase(databaseUrl);
      try {
        const n = (await tableNames(probe.db, 'pg', schema)).length;
        if (n > 0 && !o.force)
          throw new RestoreRefused(
            `схема ${schema} базы не пуста (таблиц: ${n}). Укажите другую базу или --force, чтобы заменить её копией`,
          );
      } finally {
        await probe.close();
      }
      await run(
        settings.pgRestore,
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--single-transaction',
          ...(o.force ? ['--clean', '--if-exists'] : []),
          `--dbname=${databaseUrl}`,
          file,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      ).catch((e: { stderr?: string; message: string; code?: string }) => {
        if (e.code === 'ENOENT') throw new Error(`не найдена программа ${settings.pgRestore}: укажите путь в PG_RESTORE`);
        throw new Error(`pg_restore: ${(e.stderr || e.message).trim()}`);
      });
    }

    const target = openDatabase(databaseUrl, manifest.engine === 'pg' && manifest.schema ? { schema: manifest.schema } : {});
    try {
      // The restored database still has the backup it came from as «running»: it was made whole.
      if (manifest.migrations.includes('1400-backups'))
        await settleRestored(target.db, manifest.file, manifest.sha256, manifest.size, now().toISOString());
      const tables = (await tableNames(target.db, manifest.engine, manifest.schema ?? 'public')).length;
      return { manifest, tables };
    } finally {
      await target.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
