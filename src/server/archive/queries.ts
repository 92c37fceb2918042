import { fullName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';

// SQL of closing and reopening a year (decision 028).

export const setYearClosed = (tx: Tx, orgId: number, id: number, userId: number, at: string) =>
  tx
    .updateTable('academic_years')
    .set({ status: 'archived', closed_at: at, closed_by_user_id: userId })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();

export const setYearOpen = (tx: Tx, orgId: number, id: number) =>
  tx
    .updateTable('academic_years')
    .set({ status: 'open', closed_at: null, closed_by_user_id: null })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();

export async function closedByName(db: Db, orgId: number, yearId: number): Promise<string | null> {
  const r = await db
    .selectFrom('academic_years as y')
    .innerJoin('users as u', 'u.id', 'y.closed_by_user_id')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select(['p.last_name', 'p.first_name', 'p.middle_name'])
    .where('y.organization_id', '=', orgId)
    .where('y.id', '=', yearId)
    .executeTakeFirst();
  return r ? fullName(r) : null;
}
