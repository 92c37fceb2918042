import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** A group with its programme and curator. */
export async function groupWithProgram(db: Q, orgId: number, groupId: number) {
  return db
    .selectFrom('groups as g')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .leftJoin('persons as c', 'c.id', 'g.curator_person_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.intake_year',
      'g.status',
      'g.curator_person_id',
      'p.code',
      'p.name as program_name',
      'c.last_name',
      'c.first_name',
      'c.middle_name',
    ])
    .where('g.organization_id', '=', orgId)
    .where('g.id', '=', groupId)
    .executeTakeFirst();
}

export async function subgroupsOfGroup(db: Q, orgId: number, groupId: number) {
  return db
    .selectFrom('subgroups')
    .select(['id', 'name'])
    .where('organization_id', '=', orgId)
    .where('group_id', '=', groupId)
    .orderBy('name')
    .execute();
}

/** Who was in the subgroups on a date. */
export async function subgroupMembersOn(db: Q, orgId: number, subgroupIds: number[], date: string) {
  if (!subgroupIds.length) return [];
  return db
    .selectFrom('subgroup_memberships')
    .select(['subgroup_id', 'student_id'])
    .where('organization_id', '=', orgId)
    .where('subgroup_id', 'in', subgroupIds)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
}

/** Students whose membership of the group ended in [since, before), latest first. */
export async function leftGroup(db: Q, orgId: number, groupId: number, since: string, before: string) {
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'gm.start_date', 'gm.end_date'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', '=', groupId)
    .where('gm.end_date', '<', before)
    .where('gm.end_date', '>=', since)
    .orderBy('gm.end_date', 'desc')
    .execute();
}

/** The college's active groups (or only some of them), by course and name. */
export async function activeGroups(db: Q, orgId: number, only: number[] | null) {
  let q = db.selectFrom('groups').select(['id', 'name', 'course']).where('organization_id', '=', orgId).where('status', '=', 'active');
  if (only) q = only.length ? q.where('id', 'in', only) : q.where('id', '=', -1);
  return q.orderBy('course').orderBy('sort_key').execute();
}
