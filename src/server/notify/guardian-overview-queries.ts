import type { Db, Tx } from '../platform/db.js';

type Q = Db | Tx;

export const groupName = (db: Q, orgId: number, groupId: number) =>
  db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();

/** The students in a group today with their guardians, contacts and whether they can log in. */
export async function groupGuardianRows(db: Q, orgId: number, groupId: number, today: string) {
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .leftJoin('guardian_links as gl', 'gl.student_id', 's.id')
    .leftJoin('persons as gp', 'gp.id', 'gl.guardian_person_id')
    .select([
      's.id as student_id',
      'sp.last_name',
      'sp.first_name',
      'sp.middle_name',
      'sp.sort_key',
      'gl.relation',
      'gp.id as guardian_id',
      'gp.last_name as g_last',
      'gp.first_name as g_first',
      'gp.middle_name as g_middle',
      'gp.email',
      'gp.phone',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('users as u').select('u.id').whereRef('u.person_id', '=', 'gp.id').where('u.is_active', '=', 1))
        .as('has_login'),
    )
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', '=', groupId)
    .where('gm.start_date', '<=', today)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', today)]))
    .orderBy('sp.sort_key')
    .execute();
}

/** Per person: deliveries that failed after the last retry, and those sent. */
export async function deliveryCounts(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('outbox')
    .select(['person_id', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('person_id', 'in', personIds)
    .where('status', 'in', ['failed', 'sent'])
    .groupBy(['person_id', 'status'])
    .execute();
}
