import type { z } from 'zod';
import type {
  PersonSso,
  PersonSsoLinkInput,
  SsoLink,
  SsoLinkInput,
  SsoProvider,
  SsoProviderInput,
  SsoProviderPatch,
  SsoSettings,
} from '../../contracts/sso.js';
import { scopesOf } from '../platform/access.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { forgetClient } from './sso-login.js';
import * as q from './sso-queries.js';

// Who keeps which providers (decision 040): a college's administrator its college's; the regional
// administrator the region's, which every college of the region may use and link its people to.
// The client secret is written and never answered back.

const forRegion = (ctx: Ctx) => ctx.reach.scopes.includes('region');
const who = (ctx: Ctx) => ({ organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, ip: ctx.ip });

export const callbackUrlOf = (base: string, providerId: number) => `${base}/api/v1/auth/sso/${providerId}/callback`;

type ProviderRow = Awaited<ReturnType<typeof q.providersOf>>[number];

function present(ctx: Ctx, base: string, p: ProviderRow): SsoProvider {
  return {
    id: p.id,
    label: p.label,
    issuer: p.issuer,
    clientId: p.client_id,
    secretSet: p.client_secret.length > 0,
    linkByEmail: p.link_by_email === 1,
    forRegion: p.for_region === 1,
    editable: p.organization_id === ctx.principal.organizationId,
    callbackUrl: callbackUrlOf(base, p.id),
    links: Number(p.links ?? 0),
  };
}

const providers = (ctx: Ctx) => q.providersOf(ctx.db, ctx.principal.organizationId, ctx.principal.region, !forRegion(ctx));

async function ownProvider(ctx: Ctx, id: number) {
  const row = (await providers(ctx)).find((p) => p.id === id && p.organization_id === ctx.principal.organizationId);
  if (!row) throw notFound('Провайдер не найден среди провайдеров, которые вы ведёте.');
  return row;
}

export async function getSsoSettings(ctx: Ctx, base: string): Promise<SsoSettings> {
  const canLink = scopesOf(ctx.principal, 'sso:links').length > 0;
  const [rows, links] = await Promise.all([providers(ctx), canLink ? q.linksOf(ctx.db, ctx.principal.organizationId) : null]);
  return {
    providers: rows.map((p) => present(ctx, base, p)),
    links: links?.map(presentLink) ?? null,
  };
}

function presentLink(l: Awaited<ReturnType<typeof q.linksOf>>[number]): SsoLink {
  return {
    id: l.id,
    providerId: l.provider_id,
    providerLabel: l.provider_label,
    subject: l.subject,
    personId: l.person_id,
    fullName: fullName(l),
    login: l.login ?? null,
    linkedBy: l.linked_by === 'email' ? 'email' : 'admin',
    createdAt: l.created_at,
    lastLoginAt: l.last_login_at,
  };
}

export async function createProvider(ctx: Ctx, base: string, input: z.output<typeof SsoProviderInput>): Promise<SsoProvider> {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await q.insertProvider(tx, {
      ...input,
      organizationId: ctx.principal.organizationId,
      region: ctx.principal.region,
      forRegion: forRegion(ctx),
      at: nowIso(),
    });
    await audit(tx, { ...who(ctx), action: 'sso.provider_created', entity: 'sso_provider', entityId: id, after: safe(input) });
    return id;
  });
  return present(ctx, base, await ownProvider(ctx, id));
}

export async function changeProvider(ctx: Ctx, base: string, id: number, patch: z.output<typeof SsoProviderPatch>): Promise<SsoProvider> {
  const before = await ownProvider(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await q.updateProvider(tx, ctx.principal.organizationId, id, {
      ...(patch.label !== undefined ? { label: patch.label } : {}),
      ...(patch.issuer !== undefined ? { issuer: patch.issuer } : {}),
      ...(patch.clientId !== undefined ? { client_id: patch.clientId } : {}),
      ...(patch.clientSecret !== undefined ? { client_secret: patch.clientSecret } : {}),
      ...(patch.linkByEmail !== undefined ? { link_by_email: patch.linkByEmail ? 1 : 0 } : {}),
      updated_at: nowIso(),
    });
    await audit(tx, {
      ...who(ctx),
      action: 'sso.provider_changed',
      entity: 'sso_provider',
      entityId: id,
      before: { label: before.label, issuer: before.issuer, clientId: before.client_id, linkByEmail: before.link_by_email === 1 },
      after: safe(patch),
    });
  });
  forgetClient(id);
  return present(ctx, base, await ownProvider(ctx, id));
}

export async function removeProvider(ctx: Ctx, id: number) {
  const before = await ownProvider(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await q.deleteProvider(tx, ctx.principal.organizationId, id);
    await audit(tx, {
      ...who(ctx),
      action: 'sso.provider_deleted',
      entity: 'sso_provider',
      entityId: id,
      before: { label: before.label, issuer: before.issuer, clientId: before.client_id },
    });
  });
  forgetClient(id);
  return { ok: true as const };
}

/** What the audit keeps of a provider's input: never the secret, only that it was given. */
function safe(v: { clientSecret?: string } & Record<string, unknown>) {
  const { clientSecret, ...rest } = v;
  return clientSecret === undefined ? rest : { ...rest, clientSecret: 'задан' };
}

export async function linkPerson(ctx: Ctx, input: z.output<typeof SsoLinkInput>): Promise<SsoLink> {
  const orgId = ctx.principal.organizationId;
  // A college's own providers and the region's: the same list its administrator sees.
  if (!(await providers(ctx)).some((p) => p.id === input.providerId)) throw fieldError('providerId', 'Выберите провайдера из списка.');
  const user = await q.userOfLogin(ctx.db, orgId, input.login.toLowerCase());
  if (!user) throw fieldError('login', 'В колледже нет пользователя с таким логином.');
  return link(ctx, user.person_id, input);
}

/** The single sign-on part of a person's card (decision 040): their links and the providers to link them to. */
export async function personSso(ctx: Ctx, personId: number): Promise<PersonSso> {
  const orgId = ctx.principal.organizationId;
  if (!(await q.personOf(ctx.db, orgId, personId))) throw notFound('Человек не найден.');
  const [rows, links, user] = await Promise.all([
    providers(ctx),
    q.linksOf(ctx.db, orgId, personId),
    q.userOfPerson(ctx.db, orgId, personId),
  ]);
  return {
    providers: rows.map((p) => ({ id: p.id, label: p.label })),
    links: links.map(presentLink),
    login: user?.login ?? null,
  };
}

/** Links the person of a card: audited as the «Единый вход» page's link is. */
export async function linkPersonOfCard(ctx: Ctx, personId: number, input: z.output<typeof PersonSsoLinkInput>): Promise<SsoLink> {
  const orgId = ctx.principal.organizationId;
  if (!(await q.personOf(ctx.db, orgId, personId))) throw notFound('Человек не найден.');
  if (!(await providers(ctx)).some((p) => p.id === input.providerId)) throw fieldError('providerId', 'Выберите провайдера из списка.');
  const user = await q.userOfPerson(ctx.db, orgId, personId);
  // A provider's login signs in the person's user: without one there is nothing to sign in.
  if (!user) throw conflict('У человека нет логина в журнале: сначала выдайте доступ, затем свяжите его с провайдером.');
  return link(ctx, personId, { ...input, login: user.login });
}

async function link(ctx: Ctx, personId: number, input: { providerId: number; subject: string; login: string }): Promise<SsoLink> {
  const orgId = ctx.principal.organizationId;
  const taken = await q.linkBySubject(ctx.db, input.providerId, input.subject);
  if (taken) throw conflict('Эта учётная запись провайдера уже связана с человеком в журнале. Сначала разорвите ту связь.');
  if (await q.linkByPerson(ctx.db, orgId, input.providerId, personId))
    throw conflict('Этот человек уже связан с учётной записью этого провайдера. Сначала разорвите ту связь.');
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await q.insertLink(tx, {
      organizationId: orgId,
      providerId: input.providerId,
      subject: input.subject,
      personId,
      linkedBy: 'admin',
      userId: ctx.principal.userId,
      at: nowIso(),
    });
    await audit(tx, { ...who(ctx), action: 'sso.linked', entity: 'person', entityId: personId, after: input });
    return id;
  });
  const made = (await q.linksOf(ctx.db, orgId, personId)).find((l) => l.id === id)!;
  return presentLink(made);
}

export async function unlinkPerson(ctx: Ctx, id: number) {
  const orgId = ctx.principal.organizationId;
  const link = await q.linkOf(ctx.db, orgId, id);
  if (!link) throw notFound('Связь не найдена.');
  await ctx.db.transaction().execute(async (tx) => {
    await q.deleteLink(tx, orgId, id);
    await audit(tx, {
      ...who(ctx),
      action: 'sso.unlinked',
      entity: 'person',
      entityId: link.person_id,
      before: { providerId: link.provider_id, subject: link.subject, linkedBy: link.linked_by },
    });
  });
  return { ok: true as const };
}
