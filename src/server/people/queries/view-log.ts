import type { z } from 'zod';
import type { ViewLogQuery } from '../../../contracts/people.js';
import { nowIso, type Db } from '../../platform/db.js';

// The personal-data view log (152-ФЗ): one row a screen or export, one row a person it showed.

export async function insertView(
  db: Db,
  v: { orgId: number; viewerUserId: number; screen: string; detail: string | null; personIds: number[] },
) {
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .insertInto('pd_views')
      .values({
        organization_id: v.orgId,
        viewer_user_id: v.viewerUserId,
        screen: v.screen,
        detail: v.detail,
        person_count: v.personIds.length,
        at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < v.personIds.length; i += 500) {
      await tx
        .insertInto('pd_view_persons')
        .values(v.personIds.slice(i, i + 500).map((personId) => ({ organization_id: v.orgId, view_id: r.id, person_id: personId })))
        .execute();
    }
  });
}

/** A page of the log, latest first: by a person shown, by a viewer, or all. */
export async function viewsPage(db: Db, orgId: number, f: z.infer<typeof ViewLogQuery>) {
  let q = db
    .selectFrom('pd_views as v')
    .innerJoin('users as u', 'u.id', 'v.viewer_user_id')
    .innerJoin('persons as vp', 'vp.id', 'u.person_id')
    .where('v.organization_id', '=', orgId);
  if (f.personId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('pd_view_persons as vpp')
          .select('vpp.id')
          .whereRef('vpp.view_id', '=', 'v.id')
          .where('vpp.person_id', '=', f.personId!),
      ),
    );
  }
  if (f.viewerUserId) q = q.where('v.viewer_user_id', '=', f.viewerUserId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['v.id', 'v.at', 'v.screen', 'v.detail', 'v.person_count', 'u.login', 'vp.last_name', 'vp.first_name', 'vp.middle_name'])
    .orderBy('v.at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

export async function viewPersons(db: Db, orgId: number, viewIds: number[]) {
  if (!viewIds.length) return [];
  return db
    .selectFrom('pd_view_persons as vpp')
    .innerJoin('persons as p', 'p.id', 'vpp.person_id')
    .select(['vpp.view_id', 'p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('vpp.organization_id', '=', orgId)
    .where('vpp.view_id', 'in', viewIds)
    .orderBy('p.sort_key')
    .execute();
}
