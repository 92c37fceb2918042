import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ApiKey, ApiRequest, ApiResponse as ApiAnswer } from '../src/contracts/api.js';
import { methodOf, urlOf } from '../src/contracts/route.js';
import { setClock } from '../src/domain/clock.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/platform/config.js';
import { openDatabase, type Db, type Engine } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';

/**
 * Suites run on a fixed calendar day (a Sunday in the demo's first term, as in Vladivostok),
 * whatever day they are run: server and tests share this process's clock. TEST_NOW moves it.
 */
export const TEST_NOW = process.env.TEST_NOW ?? '2026-11-28T20:00:00Z';
setClock(TEST_NOW);

export interface TestServer {
  db: Db;
  engine: Engine;
  config: Config;
  url: string;
  /** A second app process on the same database (its own connections), as behind a load balancer. */
  peer(o?: { reports?: { url: string; schema?: string } }): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * A real server on a fresh database of its own: a SQLite file in a temp folder, or, when the
 * suite runs on PostgreSQL (TEST_ENGINE=pg), a schema of its own in TEST_DATABASE_URL.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const engine: Engine = process.env.TEST_ENGINE === 'pg' ? 'pg' : 'sqlite';
  let cleanup: () => Promise<void>;
  let dbUrl: string;
  let schema: string | undefined;
  if (engine === 'pg') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_ENGINE=pg needs TEST_DATABASE_URL');
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    dbUrl = url;
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ejournal-test-'));
    dbUrl = `sqlite:${join(dir, 'test.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', ...overrides });
  const database = openDatabase(dbUrl, { schema });
  await migrateToLatest(database.db, schema);
  const app = await buildApp({ db: database.db, engine: database.engine, config, reports: database.db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    db: database.db,
    engine: database.engine,
    config,
    url: `http://127.0.0.1:${port}`,
    async peer(o = {}) {
      const other = openDatabase(dbUrl, { schema });
      // `reports`: a replica of its own for the reports (decision 053), opened read-only.
      const replica = o.reports ? openDatabase(o.reports.url, { schema: o.reports.schema, readOnly: true }) : null;
      const otherApp = await buildApp({ db: other.db, engine: other.engine, config, reports: replica?.db ?? other.db });
      await otherApp.listen({ port: 0, host: '127.0.0.1' });
      const a = otherApp.server.address();
      return {
        url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
        async close() {
          await closeApp(otherApp);
          await replica?.close();
          await other.close();
        },
      };
    },
    async close() {
      await closeApp(app);
      await database.close();
      await cleanup();
    },
  };
}

/**
 * Closes an app as a suite ends. A response whose body a test never read keeps its connection
 * busy, and the close would wait for it for ever: after a grace period it is cut.
 */
async function closeApp(app: Awaited<ReturnType<typeof buildApp>>) {
  const cut = setTimeout(() => {
    console.warn(`test server: connections still open 5 s into the close were cut`);
    app.server.closeAllConnections();
  }, 5_000);
  await app.close();
  clearTimeout(cut);
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A route's request: optional when the route takes nothing. */
type Args<K extends ApiKey> = Record<never, never> extends ApiRequest<K> ? [req?: ApiRequest<K>] : [req: ApiRequest<K>];

/** A signed-in (or anonymous) HTTP client: keeps the session cookie and sends the CSRF token. */
export class ApiClient {
  cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /ej_sid=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `ej_sid=${m[1]}` : '';
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Calls a route of the table by its key (decision 023): the request and the answer are typed by the contract. */
  call<K extends ApiKey>(key: K, ...req: NoInfer<Args<K>>): Promise<ApiResponse<ApiAnswer<K>>>;
  call(key: ApiKey, ...args: unknown[]): Promise<ApiResponse> {
    const req = (args[0] ?? {}) as { params?: object; query?: object; body?: unknown };
    return this.request(methodOf(key), urlOf(key, req.params, req.query), req.body);
  }

  /** Logs in; throws unless it succeeds. */
  async login(login: string, password: string): Promise<this> {
    const r = await this.call('POST /auth/login', { body: { login, password } });
    if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    return this;
  }
}
