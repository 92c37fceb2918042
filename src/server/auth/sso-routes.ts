import type { FastifyRequest } from 'fastify';
import { urlOf } from '../../contracts/route.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { SESSION_COOKIE } from '../platform/sessions.js';
import { FLOW_MINUTES, finishSso, STATE_COOKIE, startSso } from './sso-login.js';
import { providersForLoginPage } from './sso-queries.js';
import {
  callbackUrlOf,
  changeProvider,
  createProvider,
  getSsoSettings,
  linkPerson,
  linkPersonOfCard,
  personSso,
  removeProvider,
  unlinkPerson,
} from './sso-settings.js';

// Single sign-on (decision 040): the login page's buttons, the start and the provider's callback
// (public: they are how a session begins), and the administrators' settings.
export async function ssoRoutes(app: App, deps: Deps) {
  const { db, config } = deps;
  const base = (req: FastifyRequest) => config.publicUrl ?? `${req.protocol}://${req.host}`;
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies };
  // Lax: the provider sends the browser back by a top-level GET from its own site.
  const stateCookie = { path: '/api/v1/auth/sso', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  serve(app, 'GET /auth/sso/providers', async () =>
    (await providersForLoginPage(db)).map((p) => ({
      id: p.id,
      label: p.label,
      startUrl: `/api/v1${urlOf('GET /auth/sso/:providerId/start', { providerId: p.id })}`,
    })),
  );

  serve(app, 'GET /auth/sso/:providerId/start', async (req, reply) => {
    const id = req.params.providerId;
    const r = await startSso(db, id, callbackUrlOf(base(req), id), req.ip);
    if ('refuse' in r) return reply.redirect(`/?sso=${r.refuse}`, 303);
    reply.setCookie(STATE_COOKIE, r.state, { ...stateCookie, maxAge: FLOW_MINUTES * 60 });
    return reply.redirect(r.redirect, 303);
  });

  serve(app, 'GET /auth/sso/:providerId/callback', async (req, reply) => {
    const id = req.params.providerId;
    // The address the provider redirected to, as registered there, with the query it added.
    const current = new URL(callbackUrlOf(base(req), id));
    current.search = new URL(req.url, 'http://x').search;
    const r = await finishSso(db, config, id, current, req.cookies[STATE_COOKIE], { ip: req.ip, userAgent: req.headers['user-agent'] });
    reply.clearCookie(STATE_COOKIE, stateCookie);
    if ('refuse' in r) return reply.redirect(`/?sso=${r.refuse}`, 303);
    reply.setCookie(SESSION_COOKIE, r.session.token, sessionCookie);
    return reply.redirect('/', 303);
  });

  serve(app, 'GET /sso', async (req) => getSsoSettings(ctxOf(req, deps), base(req)));
  serve(app, 'POST /sso/providers', async (req, reply) =>
    reply.status(201).send(await createProvider(ctxOf(req, deps), base(req), req.body)),
  );
  serve(app, 'PATCH /sso/providers/:id', async (req) => changeProvider(ctxOf(req, deps), base(req), req.params.id, req.body));
  serve(app, 'DELETE /sso/providers/:id', async (req) => removeProvider(ctxOf(req, deps), req.params.id));
  serve(app, 'POST /sso/links', async (req, reply) => reply.status(201).send(await linkPerson(ctxOf(req, deps), req.body)));
  serve(app, 'GET /sso/persons/:id', async (req) => personSso(ctxOf(req, deps), req.params.id));
  serve(app, 'POST /sso/persons/:id/links', async (req, reply) =>
    reply.status(201).send(await linkPersonOfCard(ctxOf(req, deps), req.params.id, req.body)),
  );
  serve(app, 'DELETE /sso/links/:id', async (req) => unlinkPerson(ctxOf(req, deps), req.params.id));
}
