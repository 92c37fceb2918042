// Backups of the whole installation (п. 3.3, decision 037): what a backup's manifest says, which
// backups retention keeps, when a restore is refused and when the administrator is alerted.

import type { Scope } from './grants/types.js';
import { decimalRu, numberRu } from './russian.js';

/** A file's size for people: «640 КБ», «12,4 МБ», «1,2 ГБ». */
export function sizeRu(bytes: number): string {
  if (bytes < 1024 * 1024) return `${numberRu(Math.max(1, Math.round(bytes / 1024)))} КБ`;
  if (bytes < 1024 ** 3) return `${decimalRu(bytes / 1024 ** 2, 1)} МБ`;
  return `${decimalRu(bytes / 1024 ** 3, 1)} ГБ`;
}

export const MANIFEST_FORMAT = 'ejournal-backup/1';

/** What travels beside every backup file (`<file>.manifest.json`). */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  /** The backup file's name (the manifest sits beside it). */
  file: string;
  engine: 'sqlite' | 'pg';
  /** sha256 of the file, hex. */
  sha256: string;
  size: number;
  /** The last migration applied to the database backed up. */
  schemaVersion: string;
  /** Every migration applied to it, so a restore can tell a schema it does not know. */
  migrations: string[];
  createdAt: string;
  productVersion: string;
  /** PostgreSQL: the schema dumped (a test run's own; absent for the whole database). */
  schema?: string;
}

/** Reads a manifest; throws with the field at fault. */
export function parseManifest(text: string): BackupManifest {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error('манифест копии — не JSON');
  }
  const m = v as Record<string, unknown>;
  if (!m || typeof m !== 'object' || m.format !== MANIFEST_FORMAT) throw new Error(`манифест копии не в формате ${MANIFEST_FORMAT}`);
  const str = (k: string) => {
    if (typeof m[k] !== 'string' || !m[k]) throw new Error(`в манифесте копии нет поля ${k}`);
    return m[k] as string;
  };
  if (m.engine !== 'sqlite' && m.engine !== 'pg') throw new Error('в манифесте копии неизвестный вид базы (engine)');
  if (!/^[0-9a-f]{64}$/.test(str('sha256'))) throw new Error('в манифесте копии неверная контрольная сумма (sha256)');
  if (typeof m.size !== 'number' || !Number.isInteger(m.size) || m.size < 0) throw new Error('в манифесте копии неверный размер (size)');
  if (!Array.isArray(m.migrations) || !m.migrations.every((x) => typeof x === 'string'))
    throw new Error('в манифесте копии нет списка миграций (migrations)');
  return {
    format: MANIFEST_FORMAT,
    file: str('file'),
    engine: m.engine,
    sha256: str('sha256'),
    size: m.size,
    schemaVersion: str('schemaVersion'),
    migrations: m.migrations as string[],
    createdAt: str('createdAt'),
    productVersion: str('productVersion'),
    ...(typeof m.schema === 'string' && m.schema ? { schema: m.schema } : {}),
  };
}

/** The last of a set of migration names (they are numbered, so the greatest). */
export const lastMigration = (names: readonly string[]): string => [...names].sort().at(-1) ?? '';

/**
 * Why a backup must not be restored by this version, or null: its bytes are not what the
 * manifest says, or its schema has migrations this version does not know (made by a newer one).
 */
export function restoreRefusal(
  manifest: BackupManifest,
  actual: { sha256: string; size: number },
  known: readonly string[],
  engine: 'sqlite' | 'pg',
): string | null {
  if (actual.sha256 !== manifest.sha256 || actual.size !== manifest.size)
    return `контрольная сумма копии не совпадает с манифестом (ожидалась ${manifest.sha256}, получена ${actual.sha256}): файл повреждён или подменён`;
  const unknown = manifest.migrations.filter((n) => !known.includes(n));
  if (unknown.length)
    return `схема копии новее этой версии программы (${manifest.productVersion}): неизвестные миграции ${unknown.join(', ')}. Обновите программу и повторите восстановление`;
  if (manifest.engine !== engine)
    return `копия сделана из ${manifest.engine === 'pg' ? 'PostgreSQL' : 'SQLite'}, а DATABASE_URL указывает на ${engine === 'pg' ? 'PostgreSQL' : 'SQLite'}`;
  return null;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}
export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** The Monday of an ISO week, as the week's key. */
function weekKey(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Which successful backups to keep: the newest of each of the last `daily` days that have one,
 * of the last `weekly` ISO weeks and of the last `monthly` months (by UTC date of creation) — the
 * usual grandfather–father–son rotation. Everything else is returned to delete. The newest backup is
 * always kept.
 */
export function retention<B extends { id: number; createdAt: string }>(
  backups: readonly B[],
  policy: RetentionPolicy = DEFAULT_RETENTION,
): { keep: B[]; drop: B[] } {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const keep = new Set<number>();
  const pick = (key: (b: B) => string, n: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const k = key(b);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      keep.add(b.id);
    }
  };
  pick((b) => b.createdAt.slice(0, 10), policy.daily);
  pick((b) => weekKey(b.createdAt.slice(0, 10)), policy.weekly);
  pick((b) => b.createdAt.slice(0, 7), policy.monthly);
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  return { keep: newestFirst.filter((b) => keep.has(b.id)), drop: newestFirst.filter((b) => !keep.has(b.id)) };
}

/** A backup older than this is an alert (a daily backup missed by more than two hours). */
export const BACKUP_MAX_AGE_HOURS = 26;

export type BackupAlert = { kind: 'failed'; at: string; error: string } | { kind: 'stale'; lastOkAt: string | null };

/**
 * What the administrator must be told on the home page: the latest backup failed, or none
 * succeeded in the last 26 hours (none ever counts once the installation is older than that).
 */
export function backupAlert(
  latest: { status: string; startedAt: string; error: string | null } | null,
  lastOkAt: string | null,
  now: Date,
  since: string | null,
): BackupAlert | null {
  if (latest?.status === 'failed') return { kind: 'failed', at: latest.startedAt, error: latest.error ?? '' };
  const limit = now.getTime() - BACKUP_MAX_AGE_HOURS * 3_600_000;
  if (lastOkAt && Date.parse(lastOkAt) >= limit) return null;
  if (!lastOkAt && latest?.status === 'running') return null;
  if (!lastOkAt && since && Date.parse(since) >= limit) return null;
  return { kind: 'stale', lastOkAt };
}

/**
 * The scopes a caller's grants give over the installation's backups (decision 042): the regional
 * administrator's `region`; a college administrator's `org` only on an installation of one college.
 */
export function backupScopes(scopes: readonly Scope[], colleges: number): Scope[] {
  return scopes.filter((s) => s === 'region' || (s === 'org' && colleges <= 1));
}

export const BACKUPS_ARE_REGIONAL =
  'Резервными копиями установки, на которой работают несколько колледжей, распоряжается региональный администратор.';
