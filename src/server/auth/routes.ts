import { z } from 'zod';
import { ChangePasswordBody, LoginBody, Me } from '../../contracts/auth.js';
import { Ok } from '../../contracts/common.js';
import { loadPrincipal } from '../platform/access.js';
import { audit } from '../platform/audit.js';
import type { Deps } from '../app.js';
import type { App } from '../platform/http.js';
import { unauthorized } from '../platform/errors.js';
import { deleteSession, deleteUserSessions, SESSION_COOKIE } from '../platform/sessions.js';
import { buildMe, changePassword, login } from './service.js';

export async function authRoutes(app: App, deps: Deps) {
  const { db, config } = deps;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies };

  app.post('/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Вход по логину и паролю', body: LoginBody, response: { 200: Me } },
  }, async (req, reply) => {
    const s = await login(db, config, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
    const principal = await loadPrincipal(db, s.userId);
    if (!principal) throw unauthorized();
    await audit(db, { organizationId: principal.organizationId, actorUserId: principal.userId, action: 'auth.login', entity: 'user', entityId: principal.userId, ip: req.ip });
    reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
    return buildMe(db, config, principal, s);
  });

  app.post('/auth/logout', {
    config: { access: 'authenticated', allowWithTemporaryPassword: true },
    schema: { tags: ['auth'], summary: 'Выход из системы', response: { 200: Ok } },
  }, async (req, reply) => {
    await deleteSession(db, req.sessionId!);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true as const };
  });

  app.post('/auth/logout-all', {
    config: { access: 'authenticated', allowWithTemporaryPassword: true },
    schema: { tags: ['auth'], summary: 'Выход на всех устройствах', response: { 200: z.object({ ended: z.number() }) } },
  }, async (req, reply) => {
    const p = req.principal!;
    const ended = await deleteUserSessions(db, p.userId);
    await audit(db, { organizationId: p.organizationId, actorUserId: p.userId, action: 'auth.logout_all', entity: 'user', entityId: p.userId, ip: req.ip });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ended };
  });

  app.get('/auth/me', {
    config: { access: 'authenticated', allowWithTemporaryPassword: true },
    schema: { tags: ['auth'], summary: 'Текущий пользователь, его роли и права', response: { 200: Me } },
  }, async (req) => {
    const s = await db.selectFrom('sessions').select(['csrf_token', 'expires_at']).where('id', '=', req.sessionId!).executeTakeFirstOrThrow();
    return buildMe(db, config, req.principal!, { csrfToken: s.csrf_token, expiresAt: s.expires_at });
  });

  app.post('/auth/password', {
    config: { access: 'authenticated', allowWithTemporaryPassword: true },
    schema: { tags: ['auth'], summary: 'Смена пароля (в том числе временного)', body: ChangePasswordBody, response: { 200: Ok } },
  }, async (req) => {
    await changePassword(db, req.principal!, req.sessionId!, req.body, req.ip);
    return { ok: true as const };
  });
}
