import type { Role } from './roles.js';

/**
 * Permissions are data: each role grants actions, each with a scope that the service then
 * applies to rows. `org` — the whole organization; `group` — the curator's groups;
 * `assignment` — the teacher's own assignments and the lessons they substitute;
 * `commission` — the subjects of the chair's commission; `self` — the student;
 * `linked` — the guardian's children; `region` — every organization of the observer's region.
 */
export const SCOPES = ['org', 'group', 'assignment', 'commission', 'self', 'linked', 'region'] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSIONS = [
  'organization:read',
  'structure:read',
  'structure:write',
  'people:read',
  'people:write',
  'people:contacts',
  'people:credentials',
  'audit:read',
  'region:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Grants = Partial<Record<Permission, Scope>>;

const CONTROL_READ: Grants = {
  'organization:read': 'org',
  'structure:read': 'org',
  'people:read': 'org',
};

export const ROLE_PERMISSIONS: Record<Role, Grants> = {
  admin: {
    ...CONTROL_READ,
    'structure:write': 'org',
    'people:write': 'org',
    'people:contacts': 'org',
    'people:credentials': 'org',
    'audit:read': 'org',
  },
  director: { ...CONTROL_READ },
  deputy: { ...CONTROL_READ },
  methodist: { ...CONTROL_READ },
  chair: { ...CONTROL_READ },
  specialist: { ...CONTROL_READ },
  curator: {
    'organization:read': 'org',
    'structure:read': 'org',
    'people:read': 'group',
    'people:contacts': 'group',
    'people:credentials': 'group',
  },
  teacher: { 'organization:read': 'org', 'structure:read': 'org', 'people:read': 'assignment' },
  student: { 'organization:read': 'org', 'people:read': 'self' },
  guardian: { 'organization:read': 'org', 'people:read': 'linked' },
  observer: { 'region:read': 'region' },
};

/** The scopes a set of roles grants for one permission (empty: not allowed). */
export function scopesFor(roles: readonly Role[], permission: Permission): Scope[] {
  const out = new Set<Scope>();
  for (const role of roles) {
    const scope = ROLE_PERMISSIONS[role][permission];
    if (scope) out.add(scope);
  }
  return [...out];
}

/** Every permission a set of roles holds, with its scopes: sent to the web app as abilities. */
export function abilitiesOf(roles: readonly Role[]): Partial<Record<Permission, Scope[]>> {
  const out: Partial<Record<Permission, Scope[]>> = {};
  for (const p of PERMISSIONS) {
    const s = scopesFor(roles, p);
    if (s.length) out[p] = s;
  }
  return out;
}
