import { compiledOnce, type Db, type Tx } from '../../platform/db.js';

const inPeriod = (db: Db | Tx, orgId: number, groupId: number, from: string, to: string) =>
  db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select([
      's.id as studentId',
      'p.id as personId',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'p.sort_key',
      'gm.start_date',
      'gm.end_date',
    ])
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', '=', groupId)
    .where('gm.start_date', '<=', to)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', from)]));

// Every grid opened reads a roster: both forms are compiled once.
const ofGroup = compiledOnce((db, orgId: number, groupId: number, from: string, to: string) =>
  inPeriod(db, orgId, groupId, from, to).orderBy('p.sort_key').orderBy('gm.start_date'),
);
const ofSubgroup = compiledOnce((db, orgId: number, groupId: number, from: string, to: string, subgroupId: number) =>
  inPeriod(db, orgId, groupId, from, to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subgroup_memberships as sm')
          .select('sm.id')
          .whereRef('sm.student_id', '=', 's.id')
          .where('sm.organization_id', '=', orgId)
          .where('sm.subgroup_id', '=', subgroupId)
          .where('sm.start_date', '<=', to)
          .where((e2) => e2.or([e2('sm.end_date', 'is', null), e2('sm.end_date', '>=', from)])),
      ),
    )
    .orderBy('p.sort_key')
    .orderBy('gm.start_date'),
);

/** Memberships of a group (and, if given, of one of its subgroups) that overlap [from, to], in Russian order. */
export async function rosterRows(
  db: Db | Tx,
  orgId: number,
  groupId: number,
  period: { from: string; to: string },
  subgroupId?: number | null,
) {
  const r = subgroupId
    ? await ofSubgroup(db, orgId, groupId, period.from, period.to, subgroupId)
    : await ofGroup(db, orgId, groupId, period.from, period.to);
  return r.rows;
}
