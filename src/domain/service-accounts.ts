import { PERMISSIONS, ROLE_PERMISSIONS, scopesFor, type Permission, type Scope } from './permissions.js';
import type { Role } from './roles.js';

// Service accounts with API tokens (issue 15 item 11, decision 039): what a token looks like, and
// what an account may be given — never more than its creator may grant.

/** A token is `ej_` and 32 random bytes in base64url (43 characters): recognisable in logs and by secret scanners. */
export const TOKEN_PREFIX = 'ej_';
const TOKEN = /^ej_[A-Za-z0-9_-]{43}$/;

/** The token of an `Authorization` header: null without a bearer token, `malformed` for one that cannot be a token. */
export function bearerToken(header: string | undefined): string | 'malformed' | null {
  if (!header) return null;
  const m = /^\s*bearer(?:\s+(.*?))?\s*$/i.exec(header);
  if (!m) return null;
  return m[1] && TOKEN.test(m[1]) ? m[1] : 'malformed';
}

/** What a person may see of a token after its creation: the prefix and its first characters. */
export const tokenHint = (token: string) => `${token.slice(0, TOKEN_PREFIX.length + 6)}…`;

/** A college's account acts in that college; the region's, across the colleges of the creator's region. */
export type AccountScope = 'college' | 'region';

/** Tokens cannot make tokens: an account's token never manages accounts. */
const NEVER: readonly Permission[] = ['integrations:manage'];

/**
 * The permissions a creator may give an account of a scope. For a college: what the creator holds
 * across the whole college (`org`); the regional administrator, who appoints colleges'
 * administrators, may give what a college's administrator holds. For the region: what the creator
 * holds across the region; the regional administrator may also give the observer's reading of it.
 */
export function grantablePermissions(creatorRoles: readonly Role[], scope: AccountScope): Permission[] {
  const regional = creatorRoles.includes('regional_admin');
  const held = (p: Permission, s: Scope) => scopesFor(creatorRoles, p).includes(s);
  return PERMISSIONS.filter((p) => {
    if (NEVER.includes(p)) return false;
    if (scope === 'college') return regional ? ROLE_PERMISSIONS.admin[p] === 'org' : held(p, 'org');
    return held(p, 'region') || (regional && ROLE_PERMISSIONS.observer[p] === 'region');
  });
}

/** The permissions asked for that the creator may not give (empty: the account may be created). */
export function beyondGrant(requested: readonly Permission[], grantable: readonly Permission[]): Permission[] {
  return requested.filter((p) => !grantable.includes(p));
}

/** The scopes an account's token holds: each named permission across its college (`org`) or its region. */
export function accountGrants(permissions: readonly Permission[], scope: AccountScope): Partial<Record<Permission, Scope[]>> {
  const s: Scope = scope === 'college' ? 'org' : 'region';
  return Object.fromEntries(permissions.map((p) => [p, [s]]));
}

/** Whether a token may be used today (the college's date): not revoked, not past its last day. */
export function tokenState(a: { revokedAt: string | null; expiresOn: string | null }, today: string): 'active' | 'revoked' | 'expired' {
  if (a.revokedAt) return 'revoked';
  if (a.expiresOn !== null && a.expiresOn < today) return 'expired';
  return 'active';
}
