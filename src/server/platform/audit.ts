import { compiledOnce, nowIso, type Db, type Tx } from './db.js';

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

const auditInsert = compiledOnce(
  (
    db,
    organizationId: number | null,
    actorUserId: number | null,
    action: string,
    entity: string,
    entityId: string | null,
    before: string | null,
    after: string | null,
    reason: string | null,
    ip: string | null,
    at: string,
  ) =>
    db.insertInto('audit_log').values({
      organization_id: organizationId,
      actor_user_id: actorUserId,
      action,
      entity,
      entity_id: entityId,
      before,
      after,
      reason,
      ip,
      at,
    }),
);

/** Writes who did what, when and why. Call it inside the transaction of the change. */
export async function audit(db: Db | Tx, e: AuditEntry): Promise<void> {
  await auditInsert(
    db,
    e.organizationId,
    e.actorUserId,
    e.action,
    e.entity,
    e.entityId == null ? null : String(e.entityId),
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
    e.reason ?? null,
    e.ip ?? null,
    nowIso(),
  );
}
