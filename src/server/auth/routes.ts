import { loadPrincipal } from '../platform/access.js';
import { audit } from '../platform/audit.js';
import type { App, Deps } from '../platform/http.js';
import { unauthorized } from '../platform/errors.js';
import { serve } from '../platform/serve.js';
import { deleteSession, deleteUserSessions, SESSION_COOKIE } from '../platform/sessions.js';
import { sessionCsrf } from './queries.js';
import { buildMe, changePassword, login } from './service.js';
import { ssoRoutes } from './sso-routes.js';

export async function authRoutes(app: App, deps: Deps) {
  const { db, config } = deps;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies };

  serve(app, 'POST /auth/login', async (req, reply) => {
    const s = await login(db, config, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
    const principal = await loadPrincipal(db, s.userId);
    if (!principal) throw unauthorized();
    await audit(db, {
      organizationId: principal.organizationId,
      actorUserId: principal.userId,
      action: 'auth.login',
      entity: 'user',
      entityId: principal.userId,
      ip: req.ip,
    });
    reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
    return buildMe(db, config, principal, s);
  });

  serve(app, 'POST /auth/logout', async (req, reply) => {
    await deleteSession(db, req.sessionId!);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true as const };
  });

  serve(app, 'POST /auth/logout-all', async (req, reply) => {
    const p = req.principal!;
    const ended = await deleteUserSessions(db, p.userId);
    await audit(db, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'auth.logout_all',
      entity: 'user',
      entityId: p.userId,
      ip: req.ip,
    });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ended };
  });

  serve(app, 'GET /auth/me', async (req) =>
    buildMe(db, config, req.principal!, await sessionCsrf(db, req.principal!.organizationId, req.sessionId!)),
  );

  serve(app, 'POST /auth/password', async (req) => {
    await changePassword(db, req.principal!, req.sessionId!, req.body, req.ip);
    return { ok: true as const };
  });

  await ssoRoutes(app, deps);
}
