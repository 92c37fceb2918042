import { describe, expect, it } from 'vitest';
import { backupAlert, lastMigration, MANIFEST_FORMAT, parseManifest, restoreRefusal, retention, type BackupManifest } from './backup.js';

const manifest: BackupManifest = {
  format: MANIFEST_FORMAT,
  file: 'ejournal-2026-11-28T01-00-00Z.sqlite',
  engine: 'sqlite',
  sha256: 'a'.repeat(64),
  size: 4096,
  schemaVersion: '1400-backups',
  migrations: ['0100-foundation', '1400-backups'],
  createdAt: '2026-11-28T01:00:00.000Z',
  productVersion: '0.1.0',
};

/** One backup a day at 01:00 UTC, from `from` for `days` days; ids in order. */
function daily(from: string, days: number) {
  const start = Date.parse(`${from}T01:00:00Z`);
  return Array.from({ length: days }, (_, i) => ({ id: i + 1, createdAt: new Date(start + i * 86_400_000).toISOString() }));
}

describe('retention: 7 daily, 4 weekly, 12 monthly', () => {
  it('keeps everything while there are fewer than 7', () => {
    const b = daily('2026-11-01', 5);
    expect(retention(b).drop).toEqual([]);
  });

  it('keeps the last 7 days, the newest of 4 weeks and of 12 months, over a year of daily backups', () => {
    const b = daily('2025-11-01', 400); // 2025-11-01 … 2026-12-05
    const { keep, drop } = retention(b);
    const dates = keep.map((x) => x.createdAt.slice(0, 10));
    // The last seven days.
    expect(dates.slice(0, 7)).toEqual(['2026-12-05', '2026-12-04', '2026-12-03', '2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29']);
    // Weeks: the newest of this week (Mon 2026-11-30) is already kept; then Sundays of the 3 weeks before.
    for (const d of ['2026-11-29', '2026-11-22', '2026-11-15']) expect(dates).toContain(d);
    // Months: the newest of each of the 12 months back from December.
    for (const d of ['2026-11-30', '2026-10-31', '2026-09-30', '2026-01-31']) expect(dates).toContain(d);
    expect(dates).not.toContain('2025-12-31'); // the 13th month back
    // 7 days, 2 more weeks (11-22, 11-15), 10 more months (October … January; December and November are kept already).
    expect(keep.length).toBe(7 + 2 + 10);
    expect(keep.length + drop.length).toBe(400);
  });

  it('counts several backups of one day as one day and keeps the newest of it', () => {
    const b = [
      { id: 1, createdAt: '2026-11-28T01:00:00Z' },
      { id: 2, createdAt: '2026-11-28T13:00:00Z' },
      { id: 3, createdAt: '2026-11-27T01:00:00Z' },
    ];
    const { keep, drop } = retention(b, { daily: 1, weekly: 0, monthly: 0 });
    expect(keep.map((x) => x.id)).toEqual([2]);
    expect(drop.map((x) => x.id)).toEqual([1, 3]);
  });

  it('always keeps the newest, whatever the policy', () => {
    expect(retention(daily('2026-01-01', 3), { daily: 0, weekly: 0, monthly: 0 }).keep.map((x) => x.id)).toEqual([3]);
  });
});

describe('manifest', () => {
  it('round-trips through JSON', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('names the field at fault', () => {
    expect(() => parseManifest('{')).toThrow(/не JSON/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, format: 'x' }))).toThrow(/формате/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, sha256: 'zz' }))).toThrow(/sha256/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, size: -1 }))).toThrow(/size/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, migrations: 'x' }))).toThrow(/migrations/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, schemaVersion: '' }))).toThrow(/schemaVersion/);
  });

  it('takes the greatest migration name as the schema version', () => {
    expect(lastMigration(['0900-rights-stamp', '0100-foundation', '1400-backups', '0700-archive'])).toBe('1400-backups');
  });
});

describe('restore refusals', () => {
  const known = ['0100-foundation', '1400-backups'];
  it('accepts a matching backup of a known schema', () => {
    expect(restoreRefusal(manifest, { sha256: manifest.sha256, size: 4096 }, known, 'sqlite')).toBeNull();
  });
  it('refuses a checksum that fails', () => {
    expect(restoreRefusal(manifest, { sha256: 'b'.repeat(64), size: 4096 }, known, 'sqlite')).toMatch(/контрольная сумма/);
  });
  it('refuses a schema newer than this version', () => {
    const newer = { ...manifest, migrations: [...manifest.migrations, '9999-future'], schemaVersion: '9999-future' };
    expect(restoreRefusal(newer, { sha256: manifest.sha256, size: 4096 }, known, 'sqlite')).toMatch(/новее.*9999-future/);
  });
  it('refuses another engine', () => {
    expect(restoreRefusal(manifest, { sha256: manifest.sha256, size: 4096 }, known, 'pg')).toMatch(/SQLite/);
  });
});

describe('the home page alert', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('is quiet after a backup today', () => {
    expect(backupAlert({ status: 'ok', startedAt: '2026-11-28T01:00:00Z', error: null }, '2026-11-28T01:00:00Z', now, null)).toBeNull();
  });
  it('reports a failed backup', () => {
    expect(
      backupAlert({ status: 'failed', startedAt: '2026-11-28T01:00:00Z', error: 'disk full' }, '2026-11-27T01:00:00Z', now, null),
    ).toEqual({
      kind: 'failed',
      at: '2026-11-28T01:00:00Z',
      error: 'disk full',
    });
  });
  it('reports none in the last 26 hours', () => {
    expect(backupAlert({ status: 'ok', startedAt: '2026-11-27T09:00:00Z', error: null }, '2026-11-27T09:00:00Z', now, null)).toEqual({
      kind: 'stale',
      lastOkAt: '2026-11-27T09:00:00Z',
    });
    expect(backupAlert(null, null, now, '2026-11-20T00:00:00Z')).toEqual({ kind: 'stale', lastOkAt: null });
  });
  it('gives a new installation its first day', () => {
    expect(backupAlert(null, null, now, '2026-11-28T08:00:00Z')).toBeNull();
  });
});
