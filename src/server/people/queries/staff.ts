import type { z } from 'zod';
import type { StaffQuery } from '../../../contracts/people.js';
import type { Db, Tx } from '../../platform/db.js';
import { likeKey } from './students.js';

type Q = Db | Tx;
export interface StaffRoleRow {
  role: string;
  title: string | null;
  commissionId: number | null;
}

/** A page of the staff (persons with a staff role, or with one role), and how many there are. */
export async function staffPage(db: Q, orgId: number, f: z.infer<typeof StaffQuery>) {
  let q = db
    .selectFrom('persons as p')
    .where('p.organization_id', '=', orgId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_roles as r')
          .select('r.id')
          .whereRef('r.person_id', '=', 'p.id')
          .$if(!!f.role, (qb) => qb.where('r.role', '=', f.role!)),
      ),
    );
  if (f.q) q = q.where('p.sort_key', 'like', likeKey(f.q));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.phone', 'p.email'])
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** The staff roles of persons, with the commission a chair chairs. */
export async function staffRolesOf(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('staff_roles as r')
    .leftJoin('subject_commissions as c', 'c.id', 'r.commission_id')
    .select(['r.person_id', 'r.role', 'r.title', 'c.name'])
    .where('r.organization_id', '=', orgId)
    .where('r.person_id', 'in', personIds)
    .execute();
}

/** The active groups the persons are curators of. */
export async function curatedGroups(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('groups')
    .select(['curator_person_id', 'name'])
    .where('organization_id', '=', orgId)
    .where('curator_person_id', 'in', personIds)
    .where('status', '=', 'active')
    .orderBy('sort_key')
    .execute();
}

export async function commissionExists(db: Q, orgId: number, id: number): Promise<boolean> {
  return !!(await db
    .selectFrom('subject_commissions')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst());
}

export async function insertStaffRoles(db: Q, orgId: number, personId: number, roles: StaffRoleRow[]) {
  if (!roles.length) return;
  await db
    .insertInto('staff_roles')
    .values(
      roles.map((r) => ({ organization_id: orgId, person_id: personId, role: r.role, title: r.title, commission_id: r.commissionId })),
    )
    .execute();
}

/** A person's staff roles replaced; a chair's commission follows the role. */
export async function replaceStaffRoles(tx: Tx, orgId: number, personId: number, roles: StaffRoleRow[]) {
  const before = await tx
    .selectFrom('staff_roles')
    .select(['role', 'title', 'commission_id'])
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .execute();
  await tx.deleteFrom('staff_roles').where('organization_id', '=', orgId).where('person_id', '=', personId).execute();
  await insertStaffRoles(tx, orgId, personId, roles);
  await tx
    .updateTable('subject_commissions')
    .set({ chair_person_id: null })
    .where('organization_id', '=', orgId)
    .where('chair_person_id', '=', personId)
    .execute();
  for (const r of roles) {
    if (r.role === 'chair' && r.commissionId) {
      await tx
        .updateTable('subject_commissions')
        .set({ chair_person_id: personId })
        .where('organization_id', '=', orgId)
        .where('id', '=', r.commissionId)
        .execute();
    }
  }
  return before;
}
