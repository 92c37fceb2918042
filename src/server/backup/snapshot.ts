import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { promisify } from 'node:util';
import type { Engine } from '../platform/db.js';

const run = promisify(execFile);

/** The SQLite file a `sqlite:` URL names. */
export function sqliteFile(databaseUrl: string): string {
  const file = databaseUrl.slice('sqlite:'.length);
  if (!file || file === ':memory:') throw new Error('база в памяти (sqlite::memory:) не копируется: укажите файл в DATABASE_URL');
  return file;
}

/**
 * An online copy of the database to a file, while the server keeps writing (decision 037).
 * SQLite: the online backup API on a connection of its own; the pages are copied in one step,
 * under one read transaction (WAL: writers are not blocked), so the copy is the database as of
 * that instant. PostgreSQL: `pg_dump` in custom format, which reads one snapshot.
 */
export async function snapshot(
  source: { engine: Engine; databaseUrl: string; schema?: string },
  to: string,
  pgDump: string,
): Promise<void> {
  if (source.engine === 'sqlite') {
    const conn = new Database(sqliteFile(source.databaseUrl), { readonly: true, fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 5000');
      // The first step only opens the copy; the handler then asks for every page in one step.
      await conn.backup(to, { progress: () => 0x7fffffff });
    } finally {
      conn.close();
    }
    return;
  }
  await run(
    pgDump,
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      ...(source.schema ? [`--schema=${source.schema}`] : []),
      `--file=${to}`,
      `--dbname=${source.databaseUrl}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  ).catch((e: { stderr?: string; message: string; code?: string }) => {
    if (e.code === 'ENOENT') throw new Error(`не найдена программа ${pgDump}: установите клиент PostgreSQL или укажите путь в PG_DUMP`);
    throw new Error(`pg_dump: ${(e.stderr || e.message).trim()}`);
  });
}

/** sha256 (hex) and size of a file, read as a stream. */
export async function digest(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}
