import { resolve } from 'node:path';

// Settings come from the environment; every one has a default (listed in the README).
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** A streaming replica the reports read from (READ_DATABASE_URL; decision 053); null: they read the main database. */
  readDatabaseUrl: string | null;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  secureCookies: boolean;
  demoStudents: number;
  logLevel: string;
  /** The built web app (`npm run build:web`), served when present. */
  webDist: string;
  /** The journal's address as users open it (PUBLIC_URL), for the single sign-on redirect URI; else taken from the request. */
  publicUrl: string | null;
}

/** A whole non-negative number from the environment, or the default when unset; anything else stops the start. */
export function envInt(name: string, def: number, env: NodeJS.ProcessEnv = process.env): number {
  const v = env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} должен быть целым неотрицательным числом (получено «${v}»)`);
  return n;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: envInt('PORT', 3000),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL ?? 'sqlite:./data/ejournal.db',
    readDatabaseUrl: process.env.READ_DATABASE_URL || null,
    sessionIdleMinutes: envInt('SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: envInt('SESSION_MAX_HOURS', 12),
    loginMaxFailures: envInt('LOGIN_MAX_FAILURES', 5),
    loginWindowMinutes: envInt('LOGIN_WINDOW_MINUTES', 15),
    secureCookies: process.env.SECURE_COOKIES === '1',
    demoStudents: envInt('DEMO_STUDENTS', 600),
    logLevel: process.env.LOG_LEVEL ?? 'info',
    webDist: resolve(import.meta.dirname, '../../../dist/web'),
    publicUrl: process.env.PUBLIC_URL?.replace(/\/+$/, '') || null,
    ...overrides,
  };
}
