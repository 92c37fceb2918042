import type { Db, Tx } from '../platform/db.js';

// SQL of the scheduler (decision 021): a job's row is its lease and its last run.

/** The colleges scheduled work runs for: a suspended college and the regional office are skipped (decision 038). */
export const organizationsForJobs = (db: Db) =>
  db
    .selectFrom('organizations')
    .select(['id', 'time_zone'])
    .where('kind', '=', 'college')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();

/** Makes the job's row exist (a no-op when another process made it first). */
export async function ensureJobRow(db: Db, orgId: number, name: string): Promise<void> {
  await db
    .insertInto('scheduled_jobs')
    .values({ organization_id: orgId, name })
    .onConflict((oc) => oc.columns(['organization_id', 'name']).doNothing())
    .execute();
}

/**
 * Takes the job for a slot in one atomic update: only when the slot has not run and no live
 * lease is held. Exactly one of several processes sees one row updated; it gets the slot run
 * before (null the first time), the others false.
 */
export async function claimJob(
  db: Db,
  orgId: number,
  name: string,
  slot: string,
  owner: string,
  at: string,
  leaseUntil: string,
): Promise<string | null | false> {
  const r = await db
    .updateTable('scheduled_jobs')
    .set({ lease_owner: owner, lease_until: leaseUntil })
    .where('organization_id', '=', orgId)
    .where('name', '=', name)
    .where((eb) => eb.or([eb('last_slot', 'is', null), eb('last_slot', '<', slot)]))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const row = await db
    .selectFrom('scheduled_jobs')
    .select('last_slot')
    .where('organization_id', '=', orgId)
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return row ? row.last_slot : false;
}

export async function finishJob(
  db: Db,
  orgId: number,
  name: string,
  owner: string,
  done: { slot: string; at: string } | { error: string },
): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set(
      'slot' in done
        ? { last_slot: done.slot, last_run_at: done.at, last_error: null, lease_owner: null, lease_until: null }
        : { last_error: done.error, lease_owner: null, lease_until: null },
    )
    .where('organization_id', '=', orgId)
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .execute();
}

export const jobRows = (db: Db, orgId: number) =>
  db
    .selectFrom('scheduled_jobs')
    .select(['name', 'last_slot', 'last_run_at', 'last_error'])
    .where('organization_id', '=', orgId)
    .orderBy('name')
    .execute();

export async function insertReport(
  db: Db | Tx,
  r: { orgId: number; kind: string; period: string; title: string; userId: number | null; job: string | null; at: string; data: unknown },
): Promise<number> {
  const row = await db
    .insertInto('generated_reports')
    .values({
      organization_id: r.orgId,
      kind: r.kind,
      period: r.period,
      title: r.title,
      made_by_user_id: r.userId,
      made_by_job: r.job,
      created_at: r.at,
      data: JSON.stringify(r.data),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function reportList(db: Db, orgId: number, kind: string | undefined) {
  let q = db
    .selectFrom('generated_reports as r')
    .leftJoin('users as u', 'u.id', 'r.made_by_user_id')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .where('r.organization_id', '=', orgId)
    .select(['r.id', 'r.kind', 'r.period', 'r.title', 'r.made_by_job', 'r.created_at', 'p.last_name', 'p.first_name', 'p.middle_name']);
  if (kind) q = q.where('r.kind', '=', kind);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(200).execute();
}

export const reportById = (db: Db, orgId: number, id: number) =>
  db.selectFrom('generated_reports').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** Whether a job has already kept a report of a kind and period (a retried run makes none twice). */
export async function madeByJob(db: Db, orgId: number, job: string, kind: string, period: string): Promise<boolean> {
  const r = await db
    .selectFrom('generated_reports')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('made_by_job', '=', job)
    .where('kind', '=', kind)
    .where('period', '=', period)
    .executeTakeFirst();
  return r !== undefined;
}
