import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { emailKey, emailLinkDecision, isLoopback, type SsoRefusal } from '../../domain/sso.js';
import { audit } from '../platform/audit.js';
import type { Config } from '../platform/config.js';
import { nowIso, type Db } from '../platform/db.js';
import { notFound } from '../platform/errors.js';
import { createSession } from '../platform/sessions.js';
import { touchLastLogin } from './queries.js';
import * as q from './sso-queries.js';

// A login through an OpenID Connect provider (issue 15 item 12, decision 040): authorization code
// with PKCE (S256), state and nonce. The login in progress is kept in the database (sso_flows) and its
// state also in a short-lived cookie of the browser that started it, so any process may take the
// callback and a callback from another browser is refused. openid-client checks the ID token
// (signature, issuer, audience, expiry, nonce). The person is found through their link, or on the
// first login by a verified e-mail that exactly one person of the colleges the provider serves has.

/** How long a login may take at the provider. */
export const FLOW_MINUTES = 10;
export const STATE_COOKIE = 'ej_sso_state';

const digest = (s: string) => createHash('sha256').update(s).digest('base64url');

type Provider = NonNullable<Awaited<ReturnType<typeof q.providerForLogin>>>;

/** Discovered provider metadata and keys, kept per provider until its settings change (a cache: each process discovers on its own). */
const clients = new Map<number, { key: string; config: Promise<oidc.Configuration> }>();

export function forgetClient(providerId: number): void {
  clients.delete(providerId);
}

function clientOf(p: Provider): Promise<oidc.Configuration> {
  const key = [p.issuer, p.client_id, p.client_secret, p.updated_at].join('\n');
  const kept = clients.get(p.id);
  if (kept?.key === key) return kept.config;
  const url = new URL(p.issuer);
  const config = oidc.discovery(url, p.client_id, undefined, oidc.ClientSecretBasic(p.client_secret), {
    execute: isLoopback(url) ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  clients.set(p.id, { key, config });
  config.catch(() => {
    if (clients.get(p.id)?.config === config) clients.delete(p.id);
  });
  return config;
}

async function usableProvider(db: Db, providerId: number) {
  const p = await q.providerForLogin(db, providerId);
  if (!p || p.org_status !== 'active') throw notFound('Провайдер единого входа не найден.');
  return p;
}

export type Started = { redirect: string; state: string } | { refuse: SsoRefusal };

/** Starts a login: the provider's authorization URL, and the state for the browser's cookie. */
export async function startSso(db: Db, providerId: number, callbackUrl: string, ip: string): Promise<Started> {
  const p = await usableProvider(db, providerId);
  let config: oidc.Configuration;
  try {
    config = await clientOf(p);
  } catch (err) {
    await failed(db, p, 'provider', ip, String((err as Error).message ?? err));
    return { refuse: 'provider' };
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = new Date();
  await q.deleteExpiredFlows(db, now.toISOString());
  await q.insertFlow(db, {
    organizationId: p.organization_id,
    stateHash: digest(state),
    providerId: p.id,
    codeVerifier,
    nonce,
    at: now.toISOString(),
    expiresAt: new Date(now.getTime() + FLOW_MINUTES * 60_000).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { redirect: url.href, state };
}

export type Finished = { session: { token: string }; userId: number; organizationId: number } | { refuse: SsoRefusal };

/**
 * The provider's callback: `currentUrl` is the callback address as the provider called it (its
 * query: code, state, iss); `cookieState` is what the browser that started the login holds.
 */
export async function finishSso(
  db: Db,
  config: Config,
  providerId: number,
  currentUrl: URL,
  cookieState: string | undefined,
  meta: { ip: string; userAgent?: string },
): Promise<Finished> {
  const p = await q.providerForLogin(db, providerId);
  if (!p) throw notFound('Провайдер единого входа не найден.');
  const state = currentUrl.searchParams.get('state');
  // The state names the login in progress, and must be the one this browser started.
  const flow = state && cookieState === state ? await q.takeFlow(db, digest(state)) : undefined;
  if (!flow || flow.provider_id !== p.id || flow.expires_at < new Date().toISOString()) return failed(db, p, 'state', meta.ip);
  if (p.org_status !== 'active') return failed(db, p, 'suspended', meta.ip);
  if (currentUrl.searchParams.has('error'))
    return failed(db, p, 'provider', meta.ip, currentUrl.searchParams.get('error_description') ?? currentUrl.searchParams.get('error'));
  let client: oidc.Configuration;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    client = await clientOf(p);
    tokens = await oidc.authorizationCodeGrant(client, currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state!,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    return failed(db, p, 'provider', meta.ip, String((err as Error).message ?? err));
  }
  let claims: { sub: string; email?: unknown; email_verified?: unknown } = tokens.claims()!;
  const subject = String(claims.sub);
  let link = await q.linkBySubject(db, p.id, subject);
  if (!link && p.link_by_email && claims.email === undefined) {
    // Many providers put the e-mail only in the UserInfo answer (the ID token of a code flow need not carry it).
    try {
      claims = { ...claims, ...(await oidc.fetchUserInfo(client, tokens.access_token, subject)) };
    } catch (err) {
      return failed(db, p, 'provider', meta.ip, String((err as Error).message ?? err));
    }
  }
  if (!link) {
    const key = typeof claims.email === 'string' ? emailKey(claims.email) : null;
    const persons = key && p.link_by_email ? await q.personsWithEmail(db, await q.collegesServed(db, p), key) : [];
    const decision = emailLinkDecision(p.link_by_email === 1, claims, persons);
    if ('refuse' in decision) return failed(db, p, decision.refuse, meta.ip, `sub ${subject}`);
    const person = persons.find((x) => x.id === decision.link)!;
    const user = await q.userOfPerson(db, person.organization_id, person.id);
    const refusal = !user ? 'no_login' : refusalOf(user);
    if (refusal) return failed(db, p, refusal, meta.ip, `sub ${subject}`);
    const at = nowIso();
    const id = await db.transaction().execute(async (tx) => {
      const id = await q.insertLink(tx, {
        organizationId: person.organization_id,
        providerId: p.id,
        subject,
        personId: person.id,
        linkedBy: 'email',
        userId: null,
        at,
      });
      await audit(tx, {
        organizationId: person.organization_id,
        actorUserId: null,
        action: 'sso.linked',
        entity: 'person',
        entityId: person.id,
        after: { providerId: p.id, subject, linkedBy: 'email' },
        ip: meta.ip,
      });
      return id;
    });
    link = { id, organization_id: person.organization_id, person_id: person.id } as NonNullable<typeof link>;
  }
  const user = await q.userOfPerson(db, link.organization_id, link.person_id);
  const refusal = !user ? 'no_login' : refusalOf(user);
  if (!user || refusal) return failed(db, p, refusal ?? 'no_login', meta.ip, `sub ${subject}`, link.organization_id);
  const at = nowIso();
  await touchLastLogin(db, user.organization_id, user.id, at);
  await q.touchLink(db, link.organization_id, link.id, at);
  const session = await createSession(db, config, user, meta);
  await audit(db, {
    organizationId: user.organization_id,
    actorUserId: user.id,
    action: 'auth.login',
    entity: 'user',
    entityId: user.id,
    reason: `sso:${p.id}`,
    ip: meta.ip,
  });
  return { session, userId: user.id, organizationId: user.organization_id };
}

/** The same refusals as a password login: a blocked login, a suspended college. */
function refusalOf(user: { is_active: number; org_status: string }): SsoRefusal | null {
  if (user.org_status === 'suspended') return 'suspended';
  if (!user.is_active) return 'disabled';
  return null;
}

/** A refused login is audited under the college it concerns (the provider's keeper when no person was found). */
async function failed(
  db: Db,
  p: Provider,
  refuse: SsoRefusal,
  ip: string,
  detail?: string | null,
  orgId?: number,
): Promise<{ refuse: SsoRefusal }> {
  await audit(db, {
    organizationId: orgId ?? p.organization_id,
    actorUserId: null,
    action: 'auth.sso_failed',
    entity: 'sso_provider',
    entityId: p.id,
    reason: detail ? `${refuse}: ${detail}`.slice(0, 500) : refuse,
    ip,
  });
  return { refuse };
}
