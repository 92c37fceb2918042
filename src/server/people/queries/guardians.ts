import type { z } from 'zod';
import type { GuardiansQuery } from '../../../contracts/people.js';
import type { Db, Tx } from '../../platform/db.js';
import { studentInReach, type Reach } from '../../platform/reach.js';
import { likeKey } from './students.js';

type Q = Db | Tx;

/** The children of guardians, each with their current group and the relation. */
export async function childrenOfGuardians(db: Q, orgId: number, guardianIds: number[]) {
  if (!guardianIds.length) return [];
  return db
    .selectFrom('guardian_links as gl')
    .innerJoin('students as s', 's.id', 'gl.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.end_date', 'is', null))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['gl.guardian_person_id', 's.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'g.name', 'gl.relation'])
    .where('gl.organization_id', '=', orgId)
    .where('gl.guardian_person_id', 'in', guardianIds)
    .orderBy('p.sort_key')
    .execute();
}

/** A page of the guardians of students within reach now, and how many there are. */
export async function guardiansPage(db: Q, orgId: number, r: Reach, f: z.infer<typeof GuardiansQuery>) {
  let q = db
    .selectFrom('persons as p')
    .where('p.organization_id', '=', orgId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('guardian_links as gl')
          .select('gl.id')
          .whereRef('gl.guardian_person_id', '=', 'p.id')
          .where(studentInReach(r, 'gl.student_id', { current: true }))
          .$if(!!f.groupId, (qb) =>
            qb.where(
              'gl.student_id',
              'in',
              db
                .selectFrom('group_memberships')
                .select('student_id')
                .where('organization_id', '=', orgId)
                .where('group_id', '=', f.groupId!)
                .where('end_date', 'is', null),
            ),
          ),
      ),
    );
  if (f.q) q = q.where((eb) => eb.or([eb('p.sort_key', 'like', likeKey(f.q!)), eb('p.phone', 'like', `%${f.q}%`)]));
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

/** Whether the person is a guardian of a student within reach at any time. */
export async function guardianInReach(db: Q, orgId: number, r: Reach, personId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('guardian_links as gl')
    .select('gl.id')
    .where('gl.organization_id', '=', orgId)
    .where('gl.guardian_person_id', '=', personId)
    .where(studentInReach(r, 'gl.student_id'))
    .executeTakeFirst());
}

export async function guardianLinkExists(db: Q, orgId: number, guardianPersonId: number, studentId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('guardian_links')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('guardian_person_id', '=', guardianPersonId)
    .where('student_id', '=', studentId)
    .executeTakeFirst());
}

export async function insertGuardianLink(
  db: Q,
  orgId: number,
  guardianPersonId: number,
  studentId: number,
  relation: string,
): Promise<number> {
  const r = await db
    .insertInto('guardian_links')
    .values({ organization_id: orgId, guardian_person_id: guardianPersonId, student_id: studentId, relation })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function guardianLinkById(db: Q, orgId: number, id: number) {
  return db.selectFrom('guardian_links').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function deleteGuardianLink(db: Q, orgId: number, id: number) {
  await db.deleteFrom('guardian_links').where('organization_id', '=', orgId).where('id', '=', id).execute();
}
