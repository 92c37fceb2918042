import type { Me } from '../../src/contracts/auth.js';
import { ROLE_PERMISSIONS, type Permission, type Scope } from '../../src/domain/permissions.js';

// What the caller's abilities (permission → scopes, decision 003) reach, asked by permission and
// scope rather than by role name.

type Kind = Me['roles'][number]['scope'][number]['kind'];

/** Whether a permission is held with one of these scopes. */
export const reaches = (me: Me, permission: Permission, ...scopes: Scope[]) => !!me.abilities[permission]?.some((s) => scopes.includes(s));

/** Whether a permission is held with a scope other than these (e.g. journals beyond one's own). */
export const reachesBeyond = (me: Me, permission: Permission, ...scopes: Scope[]) =>
  !!me.abilities[permission]?.some((s) => !scopes.includes(s));

/** The objects of one kind a permission is scoped to: the groups of `absence:excuse`, the students of `family:read`. */
export function scopedTo(me: Me, permission: Permission, kind: Kind): { id: number; name: string }[] {
  const seen = new Map<number, { id: number; name: string }>();
  for (const r of me.roles) {
    if (!ROLE_PERMISSIONS[r.role][permission]) continue;
    for (const s of r.scope) if (s.kind === kind && !seen.has(s.id)) seen.set(s.id, { id: s.id, name: s.name });
  }
  return [...seen.values()];
}
