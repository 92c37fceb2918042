import { createHash } from 'node:crypto';
import { now } from '../../domain/clock.js';
import { todayIn } from '../../domain/dates.js';
import type { Permission } from '../../domain/permissions.js';
import { accountGrants, tokenState, type AccountScope } from '../../domain/service-accounts.js';
import type { Principal } from './access.js';
import type { Config } from './config.js';
import { compiledOnce, nowIso, type Db } from './db.js';
import { NO_DIRECTION } from './direction.js';
import { HttpError, unauthorized } from './errors.js';

// Service accounts' API tokens (decision 039), resolved by the guard beside the session: the token's
// SHA-256 names the account, which becomes a principal holding only the permissions it was given,
// across its college or its region. No session is made and no cookie is read.

/** SHA-256 of a token, as kept in service_accounts.token_hash (the same digest as a session's). */
export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The account a request came with, for its use row (also when it is refused: revoked or expired). */
export interface TokenUse {
  accountId: number;
  organizationId: number;
  lastUsedAt: string | null;
}

const accountByHash = compiledOnce((db, hash: string) =>
  db
    .selectFrom('service_accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.organization_id',
      'a.scope',
      'a.name',
      'a.permissions',
      'a.read_only',
      'a.user_id',
      'a.expires_on',
      'a.revoked_at',
      'a.last_used_at',
      'u.person_id',
      'u.login',
      'o.time_zone',
      'o.region',
      'o.status',
    ])
    .where('a.token_hash', '=', hash),
);

const BEARER_LOGIN = '(api token)';

/**
 * The principal of a token, or 401 (unknown, malformed, revoked, expired, a suspended college). Failed
 * tokens are throttled by address like logins (decision 014): an address with more than ten times
 * the login limit of failures in the window gets 429 until it passes.
 */
export async function resolveBearer(
  db: Db,
  config: Config,
  token: string | 'malformed',
  ip: string,
  seen: (use: TokenUse) => void,
): Promise<Principal> {
  const a = token === 'malformed' ? undefined : (await accountByHash(db, tokenDigest(token))).rows[0];
  if (!a) {
    await refuseUnknown(db, config, ip);
    throw unauthorized('Ключ API не распознан. Проверьте заголовок Authorization: Bearer <ключ>.');
  }
  seen({ accountId: a.id, organizationId: a.organization_id, lastUsedAt: a.last_used_at });
  const state = tokenState({ revokedAt: a.revoked_at, expiresOn: a.expires_on }, todayIn(a.time_zone));
  if (state !== 'active') {
    throw unauthorized(
      state === 'revoked'
        ? 'Ключ API отозван. Выпустите новый ключ на странице «Интеграции».'
        : 'Срок действия ключа API истёк. Выпустите новый ключ на странице «Интеграции».',
    );
  }
  if (a.status !== 'active') throw unauthorized('Работа колледжа в журнале приостановлена региональным администратором.');
  const permissions = JSON.parse(a.permissions) as Permission[];
  return {
    userId: a.user_id,
    personId: a.person_id,
    organizationId: a.organization_id,
    login: a.login,
    lastName: a.name,
    firstName: '',
    middleName: null,
    roles: [],
    curatorGroupIds: [],
    commissionIds: [],
    studentId: null,
    linkedStudentIds: [],
    direction: NO_DIRECTION,
    mustChangePassword: false,
    timeZone: a.time_zone,
    region: a.region,
    grants: accountGrants(permissions, a.scope as AccountScope),
    serviceAccount: { id: a.id, readOnly: a.read_only === 1 },
  };
}

async function refuseUnknown(db: Db, config: Config, ip: string): Promise<void> {
  const since = new Date(now().getTime() - config.loginWindowMinutes * 60_000).toISOString();
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('login', '=', BEARER_LOGIN)
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>=', since)
    .executeTakeFirst();
  if (Number(r?.n ?? 0) >= config.loginMaxFailures * 10) {
    throw new HttpError(
      429,
      'too_many_attempts',
      `Слишком много запросов с неверным ключом API с этого адреса. Повторите через ${config.loginWindowMinutes} мин.`,
    );
  }
  await db.insertInto('login_attempts').values({ organization_id: null, login: BEARER_LOGIN, ip, success: 0, at: nowIso() }).execute();
}

/** How often an account's last-used time is rewritten: at most once a minute, like a session's. */
const TOUCH_EVERY_MS = 60_000;

const useInsert = compiledOnce(
  (db, organizationId: number, accountId: number, at: string, method: string, route: string, status: number, ip: string) =>
    db.insertInto('service_account_uses').values({
      organization_id: organizationId,
      account_id: accountId,
      at,
      method,
      route,
      status,
      ip,
    }),
);

/** One row for each use of a token (the route's pattern, not its ids), and the last-used time once a minute. */
export async function recordTokenUse(db: Db, use: TokenUse, r: { method: string; route: string; status: number; ip: string }) {
  const at = nowIso();
  await useInsert(db, use.organizationId, use.accountId, at, r.method, r.route, r.status, r.ip);
  if (!use.lastUsedAt || Date.parse(use.lastUsedAt) <= Date.parse(at) - TOUCH_EVERY_MS) {
    await db
      .updateTable('service_accounts')
      .set({ last_used_at: at })
      .where('organization_id', '=', use.organizationId)
      .where('id', '=', use.accountId)
      .execute();
  }
}
