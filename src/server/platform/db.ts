import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Compilable, type QueryResult, type Transaction } from 'kysely';
import pg from 'pg';
import { now } from '../../domain/clock.js';
import type { DB } from './schema.js';

export type Engine = 'sqlite' | 'pg';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

export interface Database_ {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

// pg returns int8 (count(*), bigserial) and numeric as strings: parse them once, here.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/**
 * Statements are prepared on PostgreSQL (decision 047). Sent without a name, a statement is parsed
 * and planned anew on every call, and planning the app's joins (a lesson with its assignment,
 * group, subject and teacher) cost PostgreSQL several times what running them did. A statement
 * text sent with parameters a second time gets a name: each connection then parses it once, and
 * after five runs PostgreSQL keeps one generic plan when that costs no more than planning for the
 * values (plan_cache_mode auto). Names are kept for at most MAX_PREPARED texts per process, so a
 * connection holds a bounded number of prepared statements; a text past that is sent as before.
 */
const MAX_PREPARED = 300;
const preparedNames = new Map<string, string>();
const seenOnce = new Set<string>();
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

function preparedName(text: string): string | undefined {
  const name = preparedNames.get(text);
  if (name || preparedNames.size >= MAX_PREPARED || !PREPARABLE.test(text)) return name;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= 10_000) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const named = `ej_${preparedNames.size + 1}`;
  preparedNames.set(text, named);
  return named;
}

/** pg's client, sending a repeated statement with parameters by its name (pg remembers which names a connection has prepared). */
class PreparingClient extends pg.Client {}
// pg's query() is overloaded (text, config object, cursor; promise or callback): every form is
// forwarded as it came, and only (text, values) of a preparable statement is given a name.
const sendQuery = pg.Client.prototype.query as unknown as (this: pg.Client, ...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: typeof sendQuery }).query = function (config, values, callback) {
  const name = typeof config === 'string' && Array.isArray(values) && values.length ? preparedName(config) : undefined;
  if (name) return sendQuery.call(this, { name, text: config, values }, callback);
  return sendQuery.call(this, config, values, callback);
};

/**
 * Opens the database named by a URL: `sqlite:./data/ejournal.db`, `sqlite::memory:` or
 * `postgres://user@host:port/db`. An optional `schema` isolates a PostgreSQL test run. `readOnly`:
 * the connections refuse every write (a replica for the reports, decision 053).
 */
export function openDatabase(url: string, opts: { schema?: string; readOnly?: boolean } = {}): Database_ {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      Client: PreparingClient,
      // JIT compiling costs a report's statement more than it saves (decision 048: 1,3 s of 3,6 s).
      options: [
        '-c jit=off',
        ...(opts.schema ? [`-c search_path=${opts.schema}`] : []),
        ...(opts.readOnly ? ['-c default_transaction_read_only=on'] : []),
      ].join(' '),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'pg', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL должен начинаться с sqlite: или postgres:// (получено «${url}»)`);
  const file = url.slice('sqlite:'.length);
  if (opts.readOnly) {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  gatherStatistics(sqlite, 'optimize = 0x10002');
  const optimize = setInterval(() => gatherStatistics(sqlite, 'optimize'), 3_600_000).unref();
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
  return {
    db,
    engine: 'sqlite',
    close: () => {
      clearInterval(optimize);
      return db.destroy();
    },
  };
}

/**
 * The query planner needs the tables' statistics to pick an assignment's lessons by their own
 * index rather than every lesson of the college: gathered at open where missing or stale, and
 * refreshed hourly as the data grows (SQLite's advice for long-lived connections). Only the
 * per-index averages are kept (sqlite_stat1): with the sampled values of sqlite_stat4, SQLite
 * re-plans a statement every time a value is bound to a column such samples cover, which made
 * the mark write's lesson lookup cost 0.2 ms instead of 0.014 ms (decision 052).
 */
function gatherStatistics(sqlite: Database.Database, pragma: string): void {
  sqlite.pragma(pragma);
  const samples = sqlite.prepare("select 1 from sqlite_schema where name = 'sqlite_stat4'").get();
  if (samples && sqlite.prepare('select 1 from sqlite_stat4 limit 1').get()) {
    sqlite.exec('delete from sqlite_stat4');
    // Reloads the statistics the planner holds in memory.
    sqlite.exec('analyze sqlite_schema');
  }
}

/**
 * Kysely prepares every query afresh; the same few hundred SQL texts repeat on every request, so
 * prepared statements are kept and reused (better-sqlite3 runs one at a time, so sharing is safe).
 */
function cachedStatements(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= 1000) cache.clear();
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/**
 * A hot statement (one that runs on every mark written or every grid opened) built and compiled
 * once per engine instead of on every call: Kysely's building and compiling cost about as much
 * CPU as SQLite running it. `build` must use its arguments only as values of the statement
 * (no branching on them): it is called once with stand-ins, and each call fills their places.
 */
export function compiledOnce<A extends unknown[], R>(
  build: (db: Db | Tx, ...args: A) => Compilable<R>,
): (db: Db | Tx, ...args: A) => Promise<QueryResult<R>> {
  const byEngine = new Map<string, { sql: string; slots: (number | { value: unknown })[] }>();
  return (db, ...args) => {
    const engine = db.getExecutor().adapter.constructor.name;
    let c = byEngine.get(engine);
    if (!c) {
      const standIns = args.map((_, i) => `\u0000arg${i}\u0000`);
      const compiled = build(db, ...(standIns as unknown as A)).compile();
      const slots = compiled.parameters.map((p) => {
        const i = standIns.indexOf(p as string);
        return i >= 0 ? i : { value: p };
      });
      if (standIns.some((_, i) => !slots.includes(i))) throw new Error('compiledOnce: an argument is not a value of the statement');
      byEngine.set(engine, (c = { sql: compiled.sql, slots }));
    }
    const parameters = c.slots.map((s) => (typeof s === 'number' ? args[s] : s.value));
    return db.executeQuery<R>(CompiledQuery.raw(c.sql, parameters) as CompiledQuery<R>);
  };
}

/** True when the error is a unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Serializes the writers of one key (two integers, e.g. a journal cell) until the transaction
 * ends. PostgreSQL: a transaction-level advisory lock, so a count read after it is not stale when
 * written on. SQLite needs none: one writer at a time, and a transaction whose reads went stale
 * cannot commit a write.
 */
export async function lockForTransaction(tx: Tx, engine: Engine, a: number, b: number): Promise<void> {
  if (engine === 'pg') await sql`select pg_advisory_xact_lock(${a}::int4, ${b}::int4)`.execute(tx);
}

/**
 * Runs work that must happen once for the whole installation while several processes start
 * together (the demo seed): PostgreSQL, a session-level advisory lock held on a connection of its
 * own, so the others wait and then find the work done. SQLite is served by one process (decision 042).
 */
export async function withInstallationLock<T>(db: Db, engine: Engine, name: string, work: () => Promise<T>): Promise<T> {
  if (engine !== 'pg') return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${`ejournal:${name}`}))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${`ejournal:${name}`}))`.execute(conn);
    }
  });
}

/** Current instant as an ISO string: all timestamps are stored this way on both engines. */
export const nowIso = () => now().toISOString();

export { sql };
