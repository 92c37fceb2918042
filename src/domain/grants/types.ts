import type { Role } from '../roles.js';

// What every area's grants are made of; permissions.ts joins the areas (and imports them, so they
// must not import it).

export const SCOPES = ['org', 'group', 'assignment', 'commission', 'self', 'linked', 'region', 'direction'] as const;
export type Scope = (typeof SCOPES)[number];

export type AreaGrants<P extends string> = Partial<Record<Role, Partial<Record<P, Scope>>>>;
