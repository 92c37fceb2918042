import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { fieldLabel, fieldMessage } from '../../contracts/labels.js';
import { numberRu } from '../../domain/russian.js';
import { tooLargeMessage, uploadBodyLimit, type UploadLimit } from '../../contracts/limits.js';
import type { Scope } from '../../domain/permissions.js';
import type { Access, YearRef } from '../../contracts/route.js';
import { authorize, type Principal } from './access.js';
import { bearerToken } from '../../domain/service-accounts.js';
import { recordTokenUse, resolveBearer, type TokenUse } from './bearer.js';
import type { Config } from './config.js';
import type { Db, Engine } from './db.js';
import { HttpError, unauthorized } from './errors.js';
import { reachOf, type Reach } from './reach.js';
import { SESSION_COOKIE, resolveSession } from './sessions.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type { Access } from '../../contracts/route.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Allowed before the user replaces a temporary password. */
    allowWithTemporaryPassword?: boolean;
    /** A file upload: the body limit follows from it, and the OpenAPI document states it. */
    upload?: UploadLimit;
    /** The objects whose academic year must be open for this write (decision 028). */
    yearOf?: readonly YearRef[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** Scopes granted for the route's permission. */
    scopes: Scope[];
    /** A service account's token came with the request: its use is recorded when the answer is sent (decision 039). */
    tokenUse: TokenUse | null;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  upload?: UploadLimit;
}

/** What the app is built with: the database and the configuration. */
export interface Deps {
  db: Db;
  engine: Engine;
  config: Config;
  /** What the reports read: the replica of READ_DATABASE_URL, or `db` (decision 053). Never written. */
  reports: Db;
}

/** Services get the database, the caller and the caller's address. */
export interface Ctx {
  db: Db;
  engine: Engine;
  config: Config;
  /** What the reports read: the replica of READ_DATABASE_URL, or `db` (decision 053). Never written. */
  reports: Db;
  principal: Principal;
  /** What the route's scopes reach for this caller (platform/reach.ts). */
  reach: Reach;
  ip: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api/v1 route declares its access; one that does not fails at start-up. Each request is
 * then checked here, in one place: session (401), temporary password, CSRF, permission (403).
 */
export function installGuard(app: App, deps: { db: Db; config: Config }, routes: RouteInfo[]): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('scopes', null as unknown as Scope[]);
  app.decorateRequest('tokenUse', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Маршрут ${route.method} ${route.url} не объявил проверку доступа (config.access)`);
    const upload = route.config?.upload;
    if (upload) route.bodyLimit = uploadBodyLimit(upload);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access, upload });
  });

  app.addHook('onRequest', async (req) => {
    req.scopes = [];
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    // A service account's token (decision 039): no cookie, so no CSRF; no session is made. It holds
    // only the permissions it was given, so a route any signed-in person may call is not its.
    const bearer = bearerToken(req.headers.authorization);
    if (bearer !== null) {
      const principal = await resolveBearer(deps.db, deps.config, bearer, req.ip, (use) => (req.tokenUse = use));
      req.principal = principal;
      if (principal.serviceAccount?.readOnly && !SAFE_METHODS.has(req.method)) {
        throw new HttpError(403, 'read_only_token', 'Ключ API выдан только для чтения: изменять данные им нельзя.');
      }
      if (access === 'authenticated') throw new HttpError(403, 'forbidden', 'Этот запрос — для вошедшего человека, не для ключа API.');
      req.scopes = authorize(principal, access);
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps.db, deps.config, token, req.headers['x-background'] !== '1') : null;
    if (!session) throw unauthorized();
    req.principal = session.principal;
    req.sessionId = session.id;
    req.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw new HttpError(403, 'csrf', 'Запрос отклонён защитой от подделки (CSRF). Обновите страницу и повторите.');
    }
    if (session.principal.mustChangePassword && !req.routeOptions.config.allowWithTemporaryPassword) {
      throw new HttpError(403, 'password_change_required', 'Смените временный пароль, чтобы продолжить.');
    }
    if (access !== 'authenticated') req.scopes = authorize(session.principal, access);
  });

  // Every use of a token, refused or not, is one row (decision 039), written before the answer goes
  // out: the caller that has its answer finds its use in the log.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.tokenUse) return payload;
    const use = req.tokenUse;
    req.tokenUse = null;
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    try {
      await recordTokenUse(deps.db, use, { method: req.method, route, status: reply.statusCode, ip: req.ip });
    } catch (err) {
      req.log.error({ err }, 'token use not recorded');
    }
    return payload;
  });

  // API answers carry personal data (or errors about it): no browser or proxy keeps a copy, so the
  // next person at a shared classroom computer cannot page back to them. Only the public documents
  // (the OpenAPI description, the health check) may be cached.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/api/')) return payload;
    if (SAFE_METHODS.has(req.method) && req.routeOptions.config?.access === 'public') return payload;
    reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** The context a service runs in, for a route that required a session. */
export function ctxOf(req: FastifyRequest, deps: Deps): Ctx {
  if (!req.principal) throw unauthorized();
  return { ...deps, principal: req.principal, reach: reachOf(req.principal, req.scopes), ip: req.ip };
}

const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['bad_json', 'Тело запроса — некорректный JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_json', 'Пустое тело запроса с типом application/json.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Неподдерживаемый тип содержимого.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'Неверная длина тела запроса.'],
};

export function sendError(reply: FastifyReply, err: HttpError) {
  return reply.status(err.status).send({
    error: {
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  });
}

/**
 * The logger's hooks. A client that leaves before an answer is sent (a page closed, a download
 * cancelled) is not the server's error, though the compression plugin logs it as one: it is
 * logged at `info`, so that an error in the log is one to look into.
 */
export const LOG_HOOKS = {
  logMethod(this: FastifyBaseLogger, args: unknown[], method: (...a: unknown[]) => void, level: number) {
    if (level >= 50 && args[0] instanceof Error && args[0].message === 'premature close')
      return this.info({ clientLeft: true }, 'the client closed the connection before the answer was sent');
    return method.apply(this, args);
  },
};

export function installErrorHandler(app: App): void {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) return sendError(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      // Each field's error names it as the form labels it and says what to do (contracts/labels.ts).
      const context = err.validationContext ?? 'body';
      const schema = (req.routeOptions.schema as Record<string, unknown> | undefined)?.[context] as Parameters<typeof fieldLabel>[0];
      const fields: Record<string, string> = {};
      const labels: Record<string, string> = {};
      for (const v of err.validation) {
        const issuePath = (v.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path ?? [];
        const path = issuePath.length
          ? issuePath.map(String)
          : String(v.instancePath ?? '')
              .replace(/^\//, '')
              .split('/')
              .filter(Boolean);
        const name = path.join('.') || context;
        if (fields[name]) continue;
        fields[name] = v.message ?? 'Проверьте значение.';
        labels[name] = fieldLabel(schema, path);
      }
      const names = Object.keys(fields);
      const message = names.length ? names.map((n) => fieldMessage(labels[n], fields[n])).join(' ') : 'Проверьте заполнение формы.';
      return sendError(reply, new HttpError(400, 'validation', message, fields));
    }
    const e = err as { code?: string; statusCode?: number; message: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const upload = req.routeOptions.config?.upload;
      const limit = `${numberRu(Math.round((req.routeOptions.bodyLimit ?? 0) / 1024))} КБ`;
      return sendError(
        reply,
        new HttpError(413, 'too_large', upload ? tooLargeMessage(upload) : `Тело запроса больше ${limit} — это предел для этого запроса.`),
      );
    }
    const known = e.code ? FASTIFY_CODES[e.code] : undefined;
    if (known) return sendError(reply, new HttpError(e.statusCode ?? 400, known[0], known[1]));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return sendError(reply, new HttpError(e.statusCode, 'bad_request', e.message));
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, new HttpError(500, 'internal', 'Внутренняя ошибка сервера. Попробуйте ещё раз.'));
  });
}
