import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { ContactChangesQuery } from '../../../contracts/people.js';
import type { Db, Tx } from '../../platform/db.js';
import type { DB } from '../../platform/schema.js';

type Q = Db | Tx;

// Contacts kept by curators (п. 3.12): every change is a row, applied or waiting for approval.

export async function insertContactChange(db: Q, orgId: number, c: Omit<Insertable<DB['contact_changes']>, 'id' | 'organization_id'>) {
  await db
    .insertInto('contact_changes')
    .values({ organization_id: orgId, ...c })
    .execute();
}

/** A page of changes, latest first, each with the person, who asked, who decided and the group concerned. */
export async function contactChangesPage(db: Q, orgId: number, f: z.infer<typeof ContactChangesQuery> & { requestedBy: number | null }) {
  let q = db
    .selectFrom('contact_changes as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('users as ru', 'ru.id', 'c.requested_by_user_id')
    .leftJoin('persons as rp', 'rp.id', 'ru.person_id')
    .leftJoin('users as du', 'du.id', 'c.decided_by_user_id')
    .leftJoin('persons as dp', 'dp.id', 'du.person_id')
    .where('c.organization_id', '=', orgId);
  if (f.requestedBy !== null) q = q.where('c.requested_by_user_id', '=', f.requestedBy);
  if (f.status !== 'all') q = q.where('c.status', '=', f.status);
  if (f.personId) q = q.where('c.person_id', '=', f.personId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'c.id',
      'c.person_id',
      'c.student_id',
      'c.before',
      'c.after',
      'c.status',
      'c.requested_at',
      'c.decided_at',
      'c.decision_note',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'rp.last_name as r_last',
      'rp.first_name as r_first',
      'rp.middle_name as r_middle',
      'dp.last_name as d_last',
      'dp.first_name as d_first',
      'dp.middle_name as d_middle',
      (eb) =>
        eb
          .selectFrom('group_memberships as gm')
          .innerJoin('groups as g', 'g.id', 'gm.group_id')
          .select('g.name')
          .where('gm.organization_id', '=', orgId)
          .where('gm.end_date', 'is', null)
          .where((e) =>
            e.or([
              e('gm.student_id', '=', e.ref('c.student_id')),
              e(
                'gm.student_id',
                'in',
                e.selectFrom('guardian_links as gl').select('gl.student_id').whereRef('gl.guardian_person_id', '=', 'c.person_id'),
              ),
            ]),
          )
          .limit(1)
          .as('group_name'),
    ])
    .orderBy('c.requested_at', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

export async function contactChangeById(db: Q, orgId: number, id: number) {
  return db.selectFrom('contact_changes').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function decideContactChangeRow(
  db: Q,
  orgId: number,
  id: number,
  d: { approve: boolean; userId: number; at: string; note: string | null },
) {
  await db
    .updateTable('contact_changes')
    .set({ status: d.approve ? 'approved' : 'rejected', decided_by_user_id: d.userId, decided_at: d.at, decision_note: d.note })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
