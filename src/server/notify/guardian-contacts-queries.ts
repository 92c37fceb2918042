import type { Db, Tx } from '../platform/db.js';

type Q = Db | Tx;

/** Persons' e-mail and phone (whether they can be reached at all). */
export async function contactsOf(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('persons')
    .select(['id', 'email', 'phone', 'last_name', 'first_name', 'middle_name'])
    .where('organization_id', '=', orgId)
    .where('id', 'in', personIds)
    .execute();
}
