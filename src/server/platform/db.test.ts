import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { openDatabase, sql } from './db.js';

// On PostgreSQL a statement sent again with parameters is prepared once per connection (decision
// 047): it must answer as before, with each call's own values, and be found among the connection's
// prepared statements. SQLite keeps its prepared statements as before (db.ts).

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('repeated statements', () => {
  it('answer with their own values each time; on PostgreSQL the connection prepares them once', async () => {
    const a = await buildOrganization(s.db);
    const b = await buildOrganization(s.db);
    await s.db.connection().execute(async (conn) => {
      const byId = (id: number) => conn.selectFrom('organizations').select(['id', 'name']).where('id', '=', id);
      for (let i = 0; i < 6; i++) {
        const id = i % 2 ? a.id : b.id;
        expect((await byId(id).execute()).map((r) => r.id)).toEqual([id]);
      }
      if (s.engine !== 'pg') return;
      const text = byId(a.id).compile().sql;
      const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement = ${text}`.execute(
        conn,
      );
      expect(prepared.rows[0].n).toBe(1);
    });
  });

  it('transaction control and statements without parameters are sent as before', async () => {
    const org = await buildOrganization(s.db);
    const names = await s.db.transaction().execute(async (tx) => {
      await tx.updateTable('organizations').set({ short_name: 'Пробный' }).where('id', '=', org.id).execute();
      return tx.selectFrom('organizations').select('short_name').where('id', '=', org.id).execute();
    });
    expect(names).toEqual([{ short_name: 'Пробный' }]);
    if (s.engine !== 'pg') return;
    await s.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) await sql`select 1 as one`.execute(conn);
      const prepared = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_prepared_statements where statement ilike 'begin%' or statement = 'select 1 as one'`.execute(
        conn,
      );
      expect(prepared.rows[0].n).toBe(0);
    });
  });
});

describe('SQLite statistics', () => {
  // With sampled values (sqlite_stat4) SQLite re-plans a statement at every bind of a column they
  // cover; the planner keeps the per-index averages (sqlite_stat1) only (decision 052).
  it('are gathered at open without the sampled values, and the planner still picks the index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ejournal-stat-'));
    try {
      const file = join(dir, 'stat.db');
      const raw = new Database(file);
      raw.exec('create table lessons (id integer primary key, organization_id integer not null, assignment_id integer not null)');
      raw.exec('create index lessons_org on lessons (organization_id)');
      raw.exec('create index lessons_assignment on lessons (assignment_id)');
      const insert = raw.prepare('insert into lessons (organization_id, assignment_id) values (?, ?)');
      raw.transaction(() => {
        for (let i = 0; i < 5000; i++) insert.run(1 + (i % 2), 1 + (i % 500));
      })();
      raw.exec('analyze');
      const count = (d: Database.Database, t: string) => (d.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
      expect(count(raw, 'sqlite_stat4')).toBeGreaterThan(0);
      raw.close();

      const { close } = openDatabase(`sqlite:${file}`);
      await close();
      const after = new Database(file, { readonly: true });
      expect(count(after, 'sqlite_stat4')).toBe(0);
      expect(count(after, 'sqlite_stat1')).toBeGreaterThan(0);
      const plan = after.prepare('explain query plan select id from lessons where organization_id = ? and assignment_id = ?').all(1, 7);
      expect(plan.map((r) => (r as { detail: string }).detail).join()).toContain('lessons_assignment');
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
