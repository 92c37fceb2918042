import compress from '@fastify/compress';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { activityRoutes } from './control/activity-routes.js';
import { attestationRoutes } from './attestation/routes.js';
import { performanceRoutes } from './control/performance-routes.js';
import { authRoutes } from './auth/routes.js';
import { fillRoutes } from './control/fill-routes.js';
import { homeRoutes } from './control/home-routes.js';
import { archiveRoutes } from './archive/routes.js';
import { backupRoutes } from './backup/routes.js';
import { installYearLock } from './archive/year-lock.js';
import { schedulerRoutes } from './control/scheduler-routes.js';
import { remarksRoutes } from './control/remarks-routes.js';
import { weeklyRoutes } from './control/weekly-routes.js';
import { planRoutes } from './control/plan-routes.js';
import { printRoutes } from './print/routes.js';
import { termCheckRoutes } from './control/term-check-routes.js';
import { curriculumRoutes } from './curriculum/routes.js';
import { familyRoutes } from './family/routes.js';
import { forecastRoutes } from './forecast/routes.js';
import { giaRoutes } from './gia/routes.js';
import { integrationsRoutes } from './integrations/routes.js';
import { limitText } from '../contracts/limits.js';
import { HttpError } from './platform/errors.js';
import { installErrorHandler, installGuard, LOG_HOOKS, sendError, type App, type Deps, type RouteInfo } from './platform/http.js';
import { notifyRoutes } from './notify/routes.js';
import { guardianRoutes } from './notify/guardian-routes.js';
import { peopleRoutes } from './people/routes.js';
import { regionRoutes } from './region/routes.js';
import { structureRoutes } from './structure/routes.js';
import { journalRoutes } from './journal/routes.js';
import { messagesRoutes } from './messages/routes.js';
import { timetableRoutes } from './timetable/routes.js';

// zlib's default brotli level (11) costs milliseconds per answer; level 4 is quick and close in size.
const BROTLI = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP = { level: 6 };

/** br or gzip for an Accept-Encoding without weights or wildcards (as browsers send it); else null. */
function plainEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header || header.includes(';') || header.includes('*')) return null;
  const tokens = header
    .toLowerCase()
    .split(',')
    .map((t) => t.trim());
  if (tokens.includes('br')) return 'br';
  if (tokens.includes('gzip') || tokens.includes('x-gzip')) return 'gzip';
  return null;
}

const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * The security headers of every answer (helmet's, with the options above). They do not depend on
 * the request, yet @fastify/helmet builds helmet's middleware anew on each one (parsing the CSP
 * directives every time): a good part of a small request's CPU (decision 046). So helmet answers
 * one probe request at start-up, and its headers are set on every answer from then on, on the raw
 * response at onRequest, as helmet sets them.
 */
async function securityHeaders(): Promise<[string, string][]> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, HELMET_OPTIONS);
  probe.get('/', async (_req, reply) => reply.type('text/plain').send(''));
  const bare = Fastify({ logger: false });
  bare.get('/', async (_req, reply) => reply.type('text/plain').send(''));
  const [withHelmet, without] = await Promise.all([probe.inject('/'), bare.inject('/')]);
  await Promise.all([probe.close(), bare.close()]);
  const own = new Set(Object.keys(without.headers));
  const headers = Object.entries(withHelmet.headers).filter(([name]) => !own.has(name));
  if (!headers.some(([name]) => name === 'content-security-policy')) throw new Error('helmet set no Content-Security-Policy');
  return headers.map(([name, value]) => [name, String(value)]);
}

async function installSecurityHeaders(app: App): Promise<void> {
  const headers = await securityHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/** Builds the whole HTTP application; main.ts listens with it, tests too. */
export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}) {
  const app: App = Fastify({
    logger: { level: opts.logger ? deps.config.logLevel : 'error', hooks: LOG_HOOKS },
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const webDist = deps.config.webDist;

  await installSecurityHeaders(app);
  await app.register(cookie);
  // API answers above 1 KB go compressed (brotli at a quick level, or gzip); the web app's files
  // are compressed once at build time and sent as they are (decision 019).
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: BROTLI,
    zlibOptions: GZIP,
  });
  // A JSON answer is one string: compressed in one call rather than through the plugin's streams,
  // which cost several times the compression itself (decision 029). Only the plain cases are
  // taken here (no q-values or wildcards in Accept-Encoding); the plugin answers the rest.
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || payload.length < 1024 || reply.hasHeader('content-encoding')) return payload;
    if (req.headers['x-no-compression'] !== undefined) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    const encoding = plainEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    reply.header('content-encoding', encoding);
    const vary = reply.getHeader('vary');
    if (!vary) reply.header('vary', 'accept-encoding');
    else if (!String(vary).includes('accept-encoding')) reply.header('vary', `${String(vary)}, accept-encoding`);
    return encoding === 'br' ? brotliCompressSync(payload, BROTLI) : gzipSync(payload, GZIP);
  });
  const routes: RouteInfo[] = [];
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ejournal API', version: '1', description: 'Электронный журнал успеваемости и посещаемости: публичный HTTP API.' },
      // A person's session (the cookie, with the X-CSRF-Token header on writes), or a service account's
      // API token (decision 039): `Authorization: Bearer ej_…`, no cookie and no CSRF header.
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ej_sid' },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'ej_…',
            description:
              'Ключ API сервисной учётной записи (страница «Интеграции»): только права, данные ключу, в его колледже или регионе.',
          },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    // Each operation states what it requires (`x-access`): a permission, a session, or nothing.
    transformObject: (doc) => {
      const openapiObject = (doc as { openapiObject: { paths?: Record<string, Record<string, object>> } }).openapiObject;
      for (const r of routes) {
        const op = openapiObject.paths?.[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
        if (!op) continue;
        Object.assign(op, { 'x-access': r.access }, r.access === 'public' ? { security: [] } : {});
        if (r.upload)
          Object.assign(op, {
            description: `Предел для ${r.upload.of}: ${limitText(r.upload)}. Больше — ответ 413 (размер) или 400 (строки), в тексте назван предел.`,
          });
      }
      return openapiObject as never;
    },
  });

  installGuard(app, deps, routes);
  installYearLock(app, deps.db);
  app.decorate('routeTable', routes);

  await app.register(
    async (api) => {
      const a = api as unknown as App;
      a.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
      await authRoutes(a, deps);
      await structureRoutes(a, deps);
      await curriculumRoutes(a, deps);
      await attestationRoutes(a, deps);
      await familyRoutes(a, deps);
      await giaRoutes(a, deps);
      await journalRoutes(a, deps);
      await timetableRoutes(a, deps);
      await peopleRoutes(a, deps);
      await fillRoutes(a, deps);
      await schedulerRoutes(a, deps);
      await remarksRoutes(a, deps);
      await weeklyRoutes(a, deps);
      await termCheckRoutes(a, deps);
      await planRoutes(a, deps);
      await activityRoutes(a, deps);
      await performanceRoutes(a, deps);
      await homeRoutes(a, deps);
      await printRoutes(a, deps);
      await archiveRoutes(a, deps);
      await messagesRoutes(a, deps);
      await notifyRoutes(a, deps);
      await regionRoutes(a, deps);
      await forecastRoutes(a, deps);
      await guardianRoutes(a, deps);
      await backupRoutes(a, deps);
      await integrationsRoutes(a, deps);
    },
    { prefix: '/api/v1' },
  );

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('vary', 'accept-encoding');
        // Hashed file names change with their content: a browser keeps them for a year unasked.
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && existsSync(webDist)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, new HttpError(404, 'not_found', `Нет такого адреса: ${req.method} ${req.url.split('?')[0]}`));
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
  }
}
