import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backupAlert, lastMigration, MANIFEST_FORMAT, retention, type BackupManifest } from '../../domain/backup.js';
import { now } from '../../domain/clock.js';
import { localDateTime } from '../../domain/dates.js';
import { latestSlot } from '../../domain/schedule.js';
import type { Db, Engine } from '../platform/db.js';
import { PRODUCT_VERSION } from '../platform/version.js';
import { destinationsOf, type Destination } from './destinations.js';
import {
  appliedMigrations,
  claimBackup,
  currentSchema,
  finishBackup,
  insertBackup,
  installedAt,
  keptBackups,
  lastOkBackup,
  latestBackups,
  markPruned,
  releaseBackup,
  backupById,
} from './queries.js';
import type { BackupSettings } from './settings.js';
import { digest, snapshot } from './snapshot.js';

/** What a backup needs to know of the database it copies. */
export interface Source {
  db: Db;
  engine: Engine;
  databaseUrl: string;
}

export interface DestinationResult {
  kind: Destination['kind'];
  target: string;
  ok: boolean;
  error: string | null;
}

/** A backup stays leased this long; a process that dies mid-backup frees it then. */
const LEASE_MS = 60 * 60_000;
/** A failed scheduled backup is tried again after this long, not on every tick. */
const RETRY_MS = 30 * 60_000;

export const manifestName = (file: string) => `${file}.manifest.json`;

function fileNameOf(engine: Engine, at: Date, id: string): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `ejournal-${stamp}-${id}.${engine === 'pg' ? 'dump' : 'sqlite'}`;
}

/**
 * Makes one backup under a lease already held: the copy, its manifest, every destination, then
 * retention. Never throws for the backup's own failures: they are kept on its row.
 */
async function make(
  source: Source,
  settings: BackupSettings,
  o: { trigger: string; slot: string | null; userId: number | null; onStart?: (id: number) => void },
): Promise<number> {
  const startedAt = now();
  const fileName = fileNameOf(source.engine, startedAt, randomBytes(3).toString('hex'));
  const id = await insertBackup(source.db, {
    trigger: o.trigger,
    slot: o.slot,
    started_at: startedAt.toISOString(),
    engine: source.engine,
    file_name: fileName,
    product_version: PRODUCT_VERSION,
    made_by_user_id: o.userId,
  });
  o.onStart?.(id);
  const work = join(settings.dir, '.work');
  const file = join(work, fileName);
  const manifestFile = join(work, manifestName(fileName));
  const results: DestinationResult[] = [];
  let manifest: BackupManifest | null = null;
  let error: string | null = null;
  try {
    await mkdir(work, { recursive: true });
    const migrations = await appliedMigrations(source.db);
    const current = source.engine === 'pg' ? await currentSchema(source.db) : undefined;
    const schema = current === 'public' ? undefined : current;
    await snapshot({ ...source, schema }, file, settings.pgDump);
    const d = await digest(file);
    manifest = {
      format: MANIFEST_FORMAT,
      file: fileName,
      engine: source.engine,
      sha256: d.sha256,
      size: d.size,
      schemaVersion: lastMigration(migrations),
      migrations,
      createdAt: startedAt.toISOString(),
      productVersion: PRODUCT_VERSION,
      ...(schema ? { schema } : {}),
    };
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const dest of destinationsOf(settings)) {
      try {
        // The manifest goes last: a manifest found means its file is whole.
        await dest.put(file, fileName);
        await dest.put(manifestFile, manifestName(fileName));
        results.push({ kind: dest.kind, target: dest.target, ok: true, error: null });
      } catch (e) {
        results.push({ kind: dest.kind, target: dest.target, ok: false, error: (e as Error).message });
      }
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length) error = failed.map((r) => `${r.target}: ${r.error}`).join('; ');
  } catch (e) {
    error = (e as Error).message;
  } finally {
    await rm(file, { force: true });
    await rm(manifestFile, { force: true });
  }
  await finishBackup(source.db, id, {
    status: error ? 'failed' : 'ok',
    finished_at: now().toISOString(),
    size: manifest?.size ?? null,
    sha256: manifest?.sha256 ?? null,
    schema_version: manifest?.schemaVersion ?? null,
    destinations: JSON.stringify(results),
    error,
  });
  if (!error) await applyRetention(source.db, settings);
  return id;
}

/** Removes, from every destination, the backups retention no longer keeps (7 daily, 4 weekly, 12 monthly by default). */
export async function applyRetention(db: Db, settings: BackupSettings): Promise<number[]> {
  const kept = (await keptBackups(db)).map((b) => ({ id: b.id, createdAt: b.started_at, file: b.file_name }));
  const { drop } = retention(kept, settings.retention);
  const pruned: number[] = [];
  for (const b of drop) {
    let ok = true;
    for (const dest of destinationsOf(settings)) {
      try {
        await dest.remove(b.file);
        await dest.remove(manifestName(b.file));
      } catch {
        ok = false; // tried again after the next backup
      }
    }
    if (ok) {
      await markPruned(db, b.id, now().toISOString());
      pruned.push(b.id);
    }
  }
  return pruned;
}

export const processOwner = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

/** The slot (local date) the daily backup is due for at an instant. */
export const backupSlot = (settings: BackupSettings, at: Date) =>
  latestSlot({ kind: 'daily', at: settings.at }, localDateTime(settings.timeZone, at));

/**
 * The scheduled backup: made once per installation per slot however many processes tick (the
 * lease in `backup_schedule`), and caught up at the first tick after a restart. Returns the
 * backup's id, or null when there was nothing to do here.
 */
export async function scheduledBackup(source: Source, settings: BackupSettings, owner: string, at: Date = now()): Promise<number | null> {
  const slot = backupSlot(settings, at);
  if (!(await claimBackup(source.db, slot, owner, at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString()))) return null;
  const id = await make(source, settings, { trigger: 'schedule', slot, userId: null });
  const row = await backupById(source.db, id);
  await releaseBackup(source.db, owner, row?.status === 'ok' ? { slot } : { retryAt: new Date(now().getTime() + RETRY_MS).toISOString() });
  return id;
}

/**
 * A backup on demand (the administrator's button, the CLI). Refused (null) while another one is
 * being made. `background` returns once the backup has started; the row tells how it ends.
 */
export async function backupNow(
  source: Source,
  settings: BackupSettings,
  o: { trigger: 'manual' | 'cli'; userId: number | null },
): Promise<{ id: number; done: Promise<void> } | null> {
  const owner = processOwner();
  const at = now();
  if (!(await claimBackup(source.db, null, owner, at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString()))) return null;
  let started!: (id: number) => void;
  const idKnown = new Promise<number>((r) => (started = r));
  const done = make(source, settings, { trigger: o.trigger, slot: null, userId: o.userId, onStart: started })
    .then(() => undefined)
    .finally(() => releaseBackup(source.db, owner, { manual: true }));
  // The row exists before the copy begins; a failure to make even the row is the caller's.
  const id = await Promise.race([idKnown, done.then(() => idKnown)]);
  return { id, done };
}

/** The backups shown to the administrator, the alert of the home page, the settings in force. */
export async function backupOverview(db: Db, settings: BackupSettings, limit = 20) {
  const rows = await latestBackups(db, limit);
  const lastOk = await lastOkBackup(db);
  const latest = rows[0] ?? null;
  const alert = backupAlert(
    latest ? { status: latest.status, startedAt: latest.started_at, error: latest.error } : null,
    lastOk?.started_at ?? null,
    now(),
    await installedAt(db),
  );
  return {
    version: PRODUCT_VERSION,
    schedule: { at: settings.at, timeZone: settings.timeZone },
    destinations: destinationsOf(settings).map((d) => ({ kind: d.kind, target: d.target })),
    retention: settings.retention,
    alert,
    lastOkAt: lastOk?.started_at ?? null,
    items: rows.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      engine: r.engine,
      fileName: r.file_name,
      size: r.size === null ? null : Number(r.size),
      sha256: r.sha256,
      schemaVersion: r.schema_version,
      productVersion: r.product_version,
      destinations: JSON.parse(r.destinations) as DestinationResult[],
      error: r.error,
      pruned: r.pruned_at !== null,
    })),
  };
}
