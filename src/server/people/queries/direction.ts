import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

// A specialist's direction of work (п. 2.6, decision 016): groups and single students, one a row.

export async function directionRows(db: Q, orgId: number, personId: number) {
  return db
    .selectFrom('specialist_directions as d')
    .leftJoin('groups as g', 'g.id', 'd.group_id')
    .leftJoin('students as s', 's.id', 'd.student_id')
    .leftJoin('persons as p', 'p.id', 's.person_id')
    .select([
      'd.group_id',
      'g.name as group_name',
      'g.sort_key as group_sort',
      'd.student_id',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'p.sort_key as student_sort',
      (eb) =>
        eb
          .selectFrom('group_memberships as gm')
          .innerJoin('groups as cg', 'cg.id', 'gm.group_id')
          .select('cg.name')
          .whereRef('gm.student_id', '=', 'd.student_id')
          .where('gm.organization_id', '=', orgId)
          .where('gm.end_date', 'is', null)
          .limit(1)
          .as('student_group'),
    ])
    .where('d.organization_id', '=', orgId)
    .where('d.person_id', '=', personId)
    .execute();
}

export async function replaceDirection(tx: Tx, orgId: number, personId: number, groupIds: number[], studentIds: number[]) {
  await tx.deleteFrom('specialist_directions').where('organization_id', '=', orgId).where('person_id', '=', personId).execute();
  const rows = [
    ...groupIds.map((g) => ({ organization_id: orgId, person_id: personId, group_id: g, student_id: null })),
    ...studentIds.map((s) => ({ organization_id: orgId, person_id: personId, group_id: null, student_id: s })),
  ];
  if (rows.length) await tx.insertInto('specialist_directions').values(rows).execute();
}

export async function existingIds(db: Q, orgId: number, table: 'groups' | 'students', ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom(table).select('id').where('organization_id', '=', orgId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function hasStaffRole(db: Q, orgId: number, personId: number, role: string): Promise<boolean> {
  return !!(await db
    .selectFrom('staff_roles')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .executeTakeFirst());
}
