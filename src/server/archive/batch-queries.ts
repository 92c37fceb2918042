import type { Db, Tx } from '../platform/db.js';

// SQL of background batches (decision 028): the batch row is its lease and its progress, as a
// scheduled job's row is (control/scheduler-queries.ts); its files are kept in chunks.

export async function insertBatch(
  db: Db | Tx,
  b: { orgId: number; kind: string; params: unknown; title: string; userId: number | null; at: string },
): Promise<number> {
  const r = await db
    .insertInto('batches')
    .values({
      organization_id: b.orgId,
      kind: b.kind,
      params: JSON.stringify(b.params),
      title: b.title,
      status: 'queued',
      created_by_user_id: b.userId,
      created_at: b.at,
      error: null,
      lease_owner: null,
      lease_until: null,
      started_at: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Batches waiting for a process: queued, or running under a lease that expired (its process died). Across colleges, oldest first. */
export const waitingBatchIds = async (db: Db, at: string) =>
  (
    await db
      .selectFrom('batches')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)])]),
        ]),
      )
      .orderBy('id')
      .limit(20)
      .execute()
  ).map((r) => r.id);

/** Takes a batch in one atomic update, only when no live lease is held: exactly one process sees one row updated. */
export async function claimBatch(db: Db, id: number, owner: string, at: string, leaseUntil: string): Promise<boolean> {
  const r = await db
    .updateTable('batches')
    .set({ status: 'running', lease_owner: owner, lease_until: leaseUntil })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const batchRow = (db: Db, id: number) => db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();

export const batchOfOrg = (db: Db, orgId: number, id: number) =>
  db.selectFrom('batches').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** Progress of the lease holder: the steps done and a renewed lease; false when the lease was lost. */
export async function markProgress(
  db: Db,
  id: number,
  owner: string,
  p: { totalSteps?: number; doneSteps?: number; startedAt?: string; leaseUntil: string },
): Promise<boolean> {
  const r = await db
    .updateTable('batches')
    .set({
      lease_until: p.leaseUntil,
      ...(p.totalSteps !== undefined ? { total_steps: p.totalSteps } : {}),
      ...(p.doneSteps !== undefined ? { done_steps: p.doneSteps } : {}),
      ...(p.startedAt ? { started_at: p.startedAt } : {}),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishBatch(db: Db, id: number, owner: string, done: { at: string; error: string | null }): Promise<void> {
  await db
    .updateTable('batches')
    .set({ status: done.error ? 'failed' : 'done', error: done.error, finished_at: done.at, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** The latest batch of a kind whose parameters name a year (the year's archive). */
export const latestBatchesOf = (db: Db, orgId: number, kind: string) =>
  db.selectFrom('batches').selectAll().where('organization_id', '=', orgId).where('kind', '=', kind).orderBy('id', 'desc').execute();

// ── Files ──

/** A step that did not finish left files behind: they are made again from scratch. */
export const deleteFilesFromStep = (db: Db, batchId: number, step: number) =>
  db.deleteFrom('batch_files').where('batch_id', '=', batchId).where('step', '>=', step).execute();

export async function insertFile(
  db: Db,
  f: { orgId: number; batchId: number; step: number; groupId: number | null; name: string; contentType: string; at: string },
): Promise<number> {
  const r = await db
    .insertInto('batch_files')
    .values({
      organization_id: f.orgId,
      batch_id: f.batchId,
      step: f.step,
      group_id: f.groupId,
      name: f.name,
      content_type: f.contentType,
      sha256: null,
      created_at: f.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const insertChunk = (db: Db, orgId: number, fileId: number, seq: number, dataBase64: string) =>
  db.insertInto('batch_file_chunks').values({ organization_id: orgId, file_id: fileId, seq, data_base64: dataBase64 }).execute();

export const completeFile = (db: Db, fileId: number, size: number, sha256: string) =>
  db.updateTable('batch_files').set({ size, sha256, complete: 1 }).where('id', '=', fileId).execute();

/** A few chunks of a file from a position on, in order (a download reads them page by page). */
export const chunksFrom = (db: Db, orgId: number, fileId: number, fromSeq: number, limit: number) =>
  db
    .selectFrom('batch_file_chunks')
    .select(['seq', 'data_base64'])
    .where('organization_id', '=', orgId)
    .where('file_id', '=', fileId)
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();

/** The complete files of a batch with their group's name, by group and name. */
export const filesOfBatch = (db: Db, orgId: number, batchId: number) =>
  db
    .selectFrom('batch_files as f')
    .leftJoin('groups as g', 'g.id', 'f.group_id')
    .select(['f.id', 'f.step', 'f.group_id', 'g.name as group_name', 'g.sort_key', 'f.name', 'f.content_type', 'f.size', 'f.sha256'])
    .where('f.organization_id', '=', orgId)
    .where('f.batch_id', '=', batchId)
    .where('f.complete', '=', 1)
    .orderBy('f.step')
    .orderBy('f.id')
    .execute();

export const fileOfOrg = (db: Db, orgId: number, id: number) =>
  db
    .selectFrom('batch_files as f')
    .leftJoin('groups as g', 'g.id', 'f.group_id')
    .select(['f.id', 'f.batch_id', 'f.name', 'f.content_type', 'f.size', 'f.sha256', 'g.name as group_name'])
    .where('f.organization_id', '=', orgId)
    .where('f.id', '=', id)
    .where('f.complete', '=', 1)
    .executeTakeFirst();
