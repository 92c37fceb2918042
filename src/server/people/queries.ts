import { nowIso, type Db, type Tx } from '../platform/db.js';

type Q = Db | Tx;

/** What each person is in the college: staff roles, curated groups, a student record, guardian links. */
export async function rolesOfPersons(db: Q, orgId: number, personIds: number[]) {
  if (!personIds.length) return { staff: [], curators: [], students: [], links: [] };
  const [staff, curators, students, links] = await Promise.all([
    db.selectFrom('staff_roles').select(['person_id', 'role']).where('organization_id', '=', orgId).where('person_id', 'in', personIds).execute(),
    db.selectFrom('groups').select('curator_person_id').where('organization_id', '=', orgId).where('status', '=', 'active').where('curator_person_id', 'in', personIds).execute(),
    db.selectFrom('students').select(['id', 'person_id']).where('organization_id', '=', orgId).where('person_id', 'in', personIds).execute(),
    db.selectFrom('guardian_links').select(['guardian_person_id', 'student_id']).where('organization_id', '=', orgId).where('guardian_person_id', 'in', personIds).execute(),
  ]);
  return { staff, curators: curators.map((c) => c.curator_person_id!), students, links };
}

/** Which of the students are in one of the groups on a date (by their dated memberships). */
export async function studentsInGroupsOn(db: Q, orgId: number, groupIds: number[], studentIds: number[], date: string): Promise<Set<number>> {
  if (!groupIds.length || !studentIds.length) return new Set();
  const rows = await db.selectFrom('group_memberships').select('student_id').distinct()
    .where('organization_id', '=', orgId).where('group_id', 'in', groupIds).where('student_id', 'in', studentIds)
    .where('start_date', '<=', date).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

// ── The personal-data view log (152-ФЗ) and specialists' directions (п. 2.6) ──

export async function insertView(db: Db, v: { orgId: number; viewerUserId: number; screen: string; detail: string | null; personIds: number[] }) {
  await db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('pd_views').values({
      organization_id: v.orgId, viewer_user_id: v.viewerUserId, screen: v.screen, detail: v.detail, person_count: v.personIds.length, at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < v.personIds.length; i += 500) {
      await tx.insertInto('pd_view_persons').values(v.personIds.slice(i, i + 500).map((personId) => ({ organization_id: v.orgId, view_id: r.id, person_id: personId }))).execute();
    }
  });
}

export function viewsQuery(db: Db, orgId: number, f: { personId?: number; viewerUserId?: number }) {
  let q = db.selectFrom('pd_views as v')
    .innerJoin('users as u', 'u.id', 'v.viewer_user_id').innerJoin('persons as vp', 'vp.id', 'u.person_id')
    .where('v.organization_id', '=', orgId);
  if (f.personId) q = q.where((eb) => eb.exists(eb.selectFrom('pd_view_persons as vpp').select('vpp.id').whereRef('vpp.view_id', '=', 'v.id').where('vpp.person_id', '=', f.personId!)));
  if (f.viewerUserId) q = q.where('v.viewer_user_id', '=', f.viewerUserId);
  return q;
}

export async function viewPersons(db: Db, viewIds: number[]) {
  if (!viewIds.length) return [];
  return db.selectFrom('pd_view_persons as vpp').innerJoin('persons as p', 'p.id', 'vpp.person_id')
    .select(['vpp.view_id', 'p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('vpp.view_id', 'in', viewIds).orderBy('p.sort_key').execute();
}

export async function directionRows(db: Db | Tx, orgId: number, personId: number) {
  return db.selectFrom('specialist_directions as d')
    .leftJoin('groups as g', 'g.id', 'd.group_id')
    .leftJoin('students as s', 's.id', 'd.student_id').leftJoin('persons as p', 'p.id', 's.person_id')
    .select(['d.group_id', 'g.name as group_name', 'g.sort_key as group_sort', 'd.student_id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key as student_sort',
      (eb) => eb.selectFrom('group_memberships as gm').innerJoin('groups as cg', 'cg.id', 'gm.group_id').select('cg.name')
        .whereRef('gm.student_id', '=', 'd.student_id').where('gm.end_date', 'is', null).limit(1).as('student_group')])
    .where('d.organization_id', '=', orgId).where('d.person_id', '=', personId).execute();
}

export async function replaceDirection(tx: Tx, orgId: number, personId: number, groupIds: number[], studentIds: number[]) {
  await tx.deleteFrom('specialist_directions').where('organization_id', '=', orgId).where('person_id', '=', personId).execute();
  const rows = [
    ...groupIds.map((g) => ({ organization_id: orgId, person_id: personId, group_id: g, student_id: null })),
    ...studentIds.map((s) => ({ organization_id: orgId, person_id: personId, group_id: null, student_id: s })),
  ];
  if (rows.length) await tx.insertInto('specialist_directions').values(rows).execute();
}

export async function existingIds(db: Db | Tx, orgId: number, table: 'groups' | 'students', ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom(table).select('id').where('organization_id', '=', orgId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function groupName(db: Db | Tx, orgId: number, groupId: number): Promise<string | undefined> {
  const g = await db.selectFrom('groups').select('name').where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();
  return g?.name;
}

/** The students of a group on a date (by dated membership), with their subgroup then. */
export async function studentsOn(db: Db, orgId: number, groupId: number, date: string, only: Set<number> | null = null) {
  const rows = await db.selectFrom('group_memberships as gm').innerJoin('students as s', 's.id', 'gm.student_id').innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 's.person_id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.birth_date', 'p.phone', 'p.email',
      (eb) => eb.selectFrom('subgroup_memberships as sm').innerJoin('subgroups as sg', 'sg.id', 'sm.subgroup_id').select('sg.name')
        .whereRef('sm.student_id', '=', 's.id').where('sg.group_id', '=', groupId).where('sm.start_date', '<=', date)
        .where((e) => e.or([e('sm.end_date', 'is', null), e('sm.end_date', '>=', date)])).limit(1).as('subgroup')])
    .where('gm.organization_id', '=', orgId).where('gm.group_id', '=', groupId).where('gm.start_date', '<=', date)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', date)]))
    .orderBy('p.sort_key').execute();
  return only ? rows.filter((r) => only.has(r.id)) : rows;
}

/** The guardians linked to the students. */
export async function guardiansOf(db: Db, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db.selectFrom('guardian_links as gl').innerJoin('persons as p', 'p.id', 'gl.guardian_person_id')
    .select(['gl.student_id', 'gl.relation', 'p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.phone', 'p.email'])
    .where('gl.organization_id', '=', orgId).where('gl.student_id', 'in', studentIds).orderBy('p.sort_key').execute();
}
