import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { sql } from './db.js';

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
