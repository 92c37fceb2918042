import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { API } from '../../contracts/api.js';
import type { ServiceAccount, ServiceAccountInput, ServiceAccounts } from '../../contracts/integrations.js';
import type { RouteSpec } from '../../contracts/route.js';
import { todayIn } from '../../domain/dates.js';
import {
  beyondGrant,
  grantablePermissions,
  TOKEN_PREFIX,
  tokenHint,
  tokenState,
  type AccountScope,
} from '../../domain/service-accounts.js';
import { fullName } from '../../domain/text.js';
import { hashPassword } from '../auth/passwords.js';
import { audit } from '../platform/audit.js';
import { tokenDigest } from '../platform/bearer.js';
import { nowIso } from '../platform/db.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import * as q from './queries.js';
import { usesKeepDays } from './retention.js';

// Service accounts with API tokens (issue 15 item 11, decision 039). A college's administrator keeps
// the accounts of their college; the regional administrator those of the region's office (accounts
// of the region) and of every college of the region. The token is shown once; only its hash is kept.

const USES_SHOWN = 200;

const regional = (ctx: Ctx) => ctx.principal.roles.includes('regional_admin');

/** The organizations whose accounts the caller keeps. */
async function keptOrgs(ctx: Ctx): Promise<{ id: number; name: string; kind: string }[]> {
  if (regional(ctx)) return q.organizationsOfRegion(ctx.db, ctx.principal.region);
  const own = await q.organizationName(ctx.db, ctx.principal.organizationId);
  return own ? [own] : [];
}

function present(r: q.AccountRow): ServiceAccount {
  const creator =
    r.creator_last_name === null
      ? null
      : fullName({ last_name: r.creator_last_name, first_name: r.creator_first_name ?? '', middle_name: r.creator_middle_name });
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    college: { id: r.organization_id, name: r.org_name },
    permissions: JSON.parse(r.permissions) as string[],
    readOnly: r.read_only === 1,
    tokenHint: r.token_hint,
    state: tokenState({ revokedAt: r.revoked_at, expiresOn: r.expires_on }, todayIn(r.time_zone)),
    createdAt: r.created_at,
    createdBy: creator,
    expiryDate: r.expires_on,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    uses: Number(r.uses ?? 0),
  };
}

/** Each permission that may be given, with the routes it opens. */
function catalogue(ctx: Ctx, scope: AccountScope) {
  const specs = Object.entries(API) as [string, RouteSpec][];
  return grantablePermissions(ctx.principal.roles, scope).map((permission) => ({
    permission,
    routes: specs.filter(([, s]) => s.access === permission).map(([key, s]) => ({ key, summary: s.summary })),
  }));
}

export async function listAccounts(ctx: Ctx): Promise<ServiceAccounts> {
  const orgs = await keptOrgs(ctx);
  const rows = await q.accountsOf(
    ctx.db,
    orgs.map((o) => o.id),
  );
  return {
    accounts: rows.map(present),
    grantable: { college: catalogue(ctx, 'college'), region: regional(ctx) ? catalogue(ctx, 'region') : [] },
    colleges: orgs.filter((o) => o.kind === 'college').map((o) => ({ id: o.id, name: o.name })),
    usesKeptDays: usesKeepDays(),
  };
}

async function accountOf(ctx: Ctx, id: number) {
  const orgs = await keptOrgs(ctx);
  const row = await q.accountOf(
    ctx.db,
    orgs.map((o) => o.id),
    id,
  );
  if (!row) throw notFound('Сервисная учётная запись не найдена.');
  return row;
}

/** Where a new account belongs: the caller's college, or, for the regional administrator, the region's office or a college of it. */
async function homeOf(ctx: Ctx, input: z.output<typeof ServiceAccountInput>): Promise<number> {
  if (input.scope === 'region') {
    if (!regional(ctx)) throw forbidden('Учётные записи региона создаёт региональный администратор.');
    return ctx.principal.organizationId;
  }
  if (!regional(ctx)) {
    if (input.collegeId !== null && input.collegeId !== ctx.principal.organizationId)
      throw forbidden('Учётные записи другого колледжа создаёт его администратор или региональный администратор.');
    return ctx.principal.organizationId;
  }
  if (input.collegeId === null) throw fieldError('collegeId', 'Выберите колледж, для которого создаётся учётная запись.');
  const college = (await keptOrgs(ctx)).find((o) => o.id === input.collegeId && o.kind === 'college');
  if (!college) throw fieldError('collegeId', 'Такого колледжа в вашем регионе нет.');
  return college.id;
}

export async function createAccount(ctx: Ctx, input: z.output<typeof ServiceAccountInput>) {
  const orgId = await homeOf(ctx, input);
  const permissions = [...new Set(input.permissions)];
  const beyond = beyondGrant(permissions, grantablePermissions(ctx.principal.roles, input.scope));
  if (beyond.length) {
    throw fieldError('permissions', `Этих прав вы дать не можете: ${beyond.join(', ')}. Ключ не получает больше прав, чем можете дать вы.`);
  }
  if (await q.accountNamed(ctx.db, orgId, input.name)) throw fieldError('name', 'Учётная запись с таким названием уже есть.');
  const org = await q.organizationName(ctx.db, orgId);
  if (input.expiryDate !== null && org && input.expiryDate < todayIn(ctx.principal.timeZone))
    throw fieldError('expiryDate', 'Дата окончания уже прошла: укажите сегодняшнюю или более позднюю.');
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
  let login = `api-${orgId}-${randomBytes(4).toString('hex')}`;
  while (await q.loginTaken(ctx.db, login)) login = `api-${orgId}-${randomBytes(4).toString('hex')}`;
  const at = nowIso();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await q.insertAccount(tx, orgId, {
      name: input.name,
      scope: input.scope,
      permissions: JSON.stringify(permissions),
      readOnly: input.readOnly,
      login,
      passwordHash,
      tokenHash: tokenDigest(token),
      tokenHint: tokenHint(token),
      createdBy: ctx.principal.userId,
      expiresOn: input.expiryDate,
      at,
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'integrations.account_created',
      entity: 'service_account',
      entityId: id,
      after: { name: input.name, scope: input.scope, permissions, readOnly: input.readOnly, expiryDate: input.expiryDate },
      ip: ctx.ip,
    });
    return id;
  });
  return { account: present((await q.accountOf(ctx.db, [orgId], id))!), token };
}

export async function revokeAccount(ctx: Ctx, id: number): Promise<ServiceAccount> {
  const row = await accountOf(ctx, id);
  if (row.revoked_at) throw conflict('Ключ этой учётной записи уже отозван.');
  await ctx.db.transaction().execute(async (tx) => {
    await q.revokeAccount(tx, row.organization_id, id, ctx.principal.userId, nowIso());
    await audit(tx, {
      organizationId: row.organization_id,
      actorUserId: ctx.principal.userId,
      action: 'integrations.account_revoked',
      entity: 'service_account',
      entityId: id,
      before: { name: row.name },
      ip: ctx.ip,
    });
  });
  return present((await q.accountOf(ctx.db, [row.organization_id], id))!);
}

export async function tokenUses(ctx: Ctx, id: number) {
  const row = await accountOf(ctx, id);
  const uses = await q.usesOf(ctx.db, row.organization_id, id, USES_SHOWN);
  return { uses, total: Number(row.uses ?? 0) };
}
