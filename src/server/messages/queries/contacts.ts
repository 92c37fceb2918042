import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import { assignmentsJoined } from '../../curriculum/queries.js';

type Q = Db | Tx;

// Who may be written to (decision 033): the sets a caller's reach is made of, each read by one
// statement. `only` narrows a set to one person (is this id within reach?), `key` to names holding
// a search key; a list never reads more than `LIMIT` rows of a set.

export interface ContactFilter {
  only?: number;
  key?: string;
}
export const CONTACTS_LIMIT = 50;

type PersonCols = { person_id: number; last_name: string; first_name: string; middle_name: string | null };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function narrow<QB extends { where: any }>(qb: QB, col: string, keyCol: string, f: ContactFilter): QB {
  let q = qb;
  if (f.only !== undefined) q = q.where(col, '=', f.only);
  if (f.key) q = q.where(keyCol, 'like', `%${f.key}%`);
  return q;
}

/** Staff of the college (every staff role but the regional observer) and the curators of active groups. */
export async function staffPersons(db: Q, orgId: number, f: ContactFilter) {
  const roles = await narrow(
    db
      .selectFrom('staff_roles as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .select(['p.id as person_id', 'p.last_name', 'p.first_name', 'p.middle_name', 'r.role', sql<string | null>`null`.as('group_name')])
      .where('r.organization_id', '=', orgId)
      .where('r.role', '<>', 'observer'),
    'p.id',
    'p.sort_key',
    f,
  )
    .limit(CONTACTS_LIMIT * 4)
    .execute();
  const curators = await curatorsOf(db, orgId, null, f);
  return [...roles, ...curators.map((c) => ({ ...c, role: 'curator' }))];
}

/** Curators of the given groups (null: of every active group), with the group's name. */
export const curatorsOf = (db: Q, orgId: number, groupIds: readonly number[] | null, f: ContactFilter) => {
  if (groupIds && !groupIds.length) return Promise.resolve([] as (PersonCols & { group_name: string | null })[]);
  let q = db
    .selectFrom('groups as g')
    .innerJoin('persons as p', 'p.id', 'g.curator_person_id')
    .select(['p.id as person_id', 'p.last_name', 'p.first_name', 'p.middle_name', 'g.name as group_name'])
    .where('g.organization_id', '=', orgId)
    .where('g.status', '=', 'active');
  if (groupIds) q = q.where('g.id', 'in', groupIds);
  return narrow(q, 'p.id', 'p.sort_key', f)
    .limit(CONTACTS_LIMIT * 4)
    .execute() as Promise<(PersonCols & { group_name: string | null })[]>;
};

/** Who teaches these groups in the academic year that holds `today` (reach over time), with what. */
export const teachersOf = (db: Q, orgId: number, groupIds: readonly number[], today: string, f: ContactFilter) => {
  if (!groupIds.length) return Promise.resolve([]);
  return narrow(
    assignmentsJoined(db, orgId)
      .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
      .select(['tp.id as person_id', 'tp.last_name', 'tp.first_name', 'tp.middle_name', 'ci.code', 'ci.name', 'g.name as group_name'])
      .where('a.group_id', 'in', groupIds)
      .where('y.start_date', '<=', today)
      .where('y.end_date', '>=', today),
    'tp.id',
    'tp.sort_key',
    f,
  )
    .limit(CONTACTS_LIMIT * 4)
    .execute();
};

/** The groups the person teaches in the academic year that holds `today`. */
export const groupsTaughtNow = (db: Q, orgId: number, personId: number, today: string) =>
  assignmentsJoined(db, orgId)
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select('a.group_id')
    .distinct()
    .where('a.teacher_person_id', '=', personId)
    .where('y.start_date', '<=', today)
    .where('y.end_date', '>=', today)
    .execute()
    .then((rows) => rows.map((r) => r.group_id));

/** The groups these students belong to on `today`. */
export const currentGroupsOf = (db: Q, orgId: number, studentIds: readonly number[], today: string) =>
  studentIds.length
    ? db
        .selectFrom('group_memberships as gm')
        .innerJoin('groups as g', 'g.id', 'gm.group_id')
        .select(['gm.group_id', 'gm.student_id', 'g.name'])
        .where('gm.organization_id', '=', orgId)
        .where('gm.student_id', 'in', studentIds)
        .where('gm.start_date', '<=', today)
        .where((w) => w.or([w('gm.end_date', 'is', null), w('gm.end_date', '>=', today)]))
        .execute()
    : Promise.resolve([]);

const membersNow = (db: Q, orgId: number, groupIds: readonly number[] | null, today: string) => {
  let q = db
    .selectFrom('group_memberships as gm')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .where('gm.organization_id', '=', orgId)
    .where('gm.start_date', '<=', today)
    .where((w) => w.or([w('gm.end_date', 'is', null), w('gm.end_date', '>=', today)]));
  if (groupIds) q = q.where('gm.group_id', 'in', groupIds);
  return q;
};

/** The students of these groups on `today`. */
export const studentsOf = (db: Q, orgId: number, groupIds: readonly number[], today: string, f: ContactFilter) =>
  groupIds.length
    ? narrow(
        membersNow(db, orgId, groupIds, today).select([
          'sp.id as person_id',
          'sp.last_name',
          'sp.first_name',
          'sp.middle_name',
          'g.name as group_name',
          'g.id as group_id',
        ]),
        'sp.id',
        'sp.sort_key',
        f,
      )
        .limit(CONTACTS_LIMIT * 4)
        .execute()
    : Promise.resolve([]);

/** The guardians of the students of these groups (null: of every group) on `today`, with the child. */
export const guardiansOf = (
  db: Q,
  orgId: number,
  groupIds: readonly number[] | null,
  today: string,
  f: ContactFilter & { all?: boolean },
) =>
  groupIds && !groupIds.length
    ? Promise.resolve([])
    : narrow(
        membersNow(db, orgId, groupIds, today)
          .innerJoin('guardian_links as gl', 'gl.student_id', 's.id')
          .innerJoin('persons as p', 'p.id', 'gl.guardian_person_id')
          .select([
            'p.id as person_id',
            'p.last_name',
            'p.first_name',
            'p.middle_name',
            'sp.last_name as child_last',
            'sp.first_name as child_first',
            'sp.middle_name as child_middle',
            'g.name as group_name',
          ]),
        'p.id',
        'p.sort_key',
        f,
      )
        .$if(!f.all, (q) => q.limit(CONTACTS_LIMIT * 4))
        .execute();

/** The persons (for names) by id. */
export const personsByIds = (db: Q, orgId: number, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('persons')
        .select(['id', 'last_name', 'first_name', 'middle_name'])
        .where('organization_id', '=', orgId)
        .where('id', 'in', ids)
        .execute()
    : Promise.resolve([]);

/** Active groups by id, for names. */
export const groupNames = (db: Q, orgId: number, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('groups')
        .select(['id', 'name'])
        .where('organization_id', '=', orgId)
        .where('id', 'in', ids)
        .orderBy('sort_key')
        .execute()
    : Promise.resolve([]);
