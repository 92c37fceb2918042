import type { Db, Tx } from './db.js';
import { nowIso } from './db.js';

export interface AuditEntry {
  organizationId: number | null;
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
}

/** Writes who did what, when and why. Call it inside the transaction of the change. */
export async function audit(db: Db | Tx, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      organization_id: e.organizationId,
      actor_user_id: e.actorUserId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId == null ? null : String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
      ip: e.ip ?? null,
      at: nowIso(),
    })
    .execute();
}
