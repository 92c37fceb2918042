import type { Db, Tx } from '../../platform/db.js';
import { sql } from '../../platform/db.js';
import { endedLessonSql } from '../../control/fill-queries.js';
import { assignmentInReach, type Reach } from '../../platform/reach.js';
import { assignmentsJoined } from '../queries.js';

type Q = Db | Tx;

// SQL of the teaching load (нагрузка) and its fulfilment.

/** Kinds of items that are not taught as class lessons and so are not in the load (the ГИА is: consultations, defence). */
const NOT_LOAD_KINDS = ['module', 'module_exam', 'industrial_practice'];

/** The assignments of a term within a reach, filtered by teacher and group. */
function loadAssignments(db: Q, reach: Reach, termId: number, f: { teacherPersonId?: number; groupId?: number }) {
  let q = assignmentsJoined(db, reach.orgId).where('a.term_id', '=', termId).where(assignmentInReach(reach));
  if (f.teacherPersonId) q = q.where('a.teacher_person_id', '=', f.teacherPersonId);
  if (f.groupId) q = q.where('a.group_id', '=', f.groupId);
  return q;
}

/** The load rows of a term with names and the number of lessons of each. */
export const loadRows = (db: Q, reach: Reach, termId: number, f: { teacherPersonId?: number; groupId?: number }) =>
  loadAssignments(db, reach, termId, f)
    .select([
      'a.id',
      'a.term_id',
      'a.group_id',
      'a.subgroup_id',
      'a.curriculum_item_id',
      'a.teacher_person_id',
      'a.hours',
      'g.name as groupName',
      'g.sort_key as groupKey',
      'g.intake_year',
      'sg.name as subgroupName',
      'ci.code',
      'ci.name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
      'tp.sort_key as teacherKey',
      (eb) =>
        eb
          .selectFrom('lessons as l')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('l.assignment_id', '=', 'a.id')
          .as('lessons'),
    ])
    .execute();

/** Per assignment of a term: hours due by the lessons ended by now and hours recorded. */
export const fulfilmentRows = (
  db: Q,
  reach: Reach,
  termId: number,
  f: { teacherPersonId?: number; groupId?: number },
  ended: { today: string; pairs: number[] },
) =>
  loadAssignments(db, reach, termId, f)
    .leftJoin('lessons as l', (j) => j.onRef('l.assignment_id', '=', 'a.id').on('l.status', '!=', 'cancelled'))
    .select([
      'a.id',
      'a.hours',
      'a.group_id',
      'a.subgroup_id',
      'a.curriculum_item_id',
      'g.name as groupName',
      'sg.name as subgroupName',
      'ci.code',
      'ci.name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
      sql<number>`coalesce(sum(case when ${endedLessonSql(ended)} then l.hours else 0 end), 0)`.as('due'),
      sql<number>`coalesce(sum(case when l.recorded_at is not null then l.hours else 0 end), 0)`.as('delivered'),
    ])
    .groupBy([
      'a.id',
      'a.hours',
      'a.group_id',
      'a.subgroup_id',
      'a.curriculum_item_id',
      'g.name',
      'sg.name',
      'ci.code',
      'ci.name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .execute();

export const groupsById = (db: Q, orgId: number, ids: number[]) =>
  db
    .selectFrom('groups')
    .select(['id', 'program_id', 'intake_year'])
    .where('organization_id', '=', orgId)
    .where('id', 'in', ids.length ? ids : [0])
    .execute();

export const curriculaKeys = (db: Q, orgId: number) =>
  db.selectFrom('curricula').select(['id', 'program_id', 'intake_year']).where('organization_id', '=', orgId).execute();

/** The items of curricula that are taught as lessons, of the commissions when given. */
export function loadItems(db: Q, orgId: number, curriculumIds: number[], commissionIds?: number[]) {
  let q = db
    .selectFrom('curriculum_items')
    .select(['id', 'curriculum_id', 'code', 'name', 'kind', 'position', 'commission_id'])
    .where('organization_id', '=', orgId)
    .where('curriculum_id', 'in', curriculumIds)
    .where('kind', 'not in', NOT_LOAD_KINDS);
  if (commissionIds) q = q.where('commission_id', 'in', commissionIds.length ? commissionIds : [0]);
  return q.execute();
}

/** Active groups, all or of the given ids. */
export const activeGroups = (db: Q, orgId: number, ids?: number[]) =>
  db
    .selectFrom('groups')
    .select(['id', 'name', 'course', 'sort_key'])
    .where('organization_id', '=', orgId)
    .where('status', '=', 'active')
    .$if(ids !== undefined, (q) => q.where('id', 'in', ids!.length ? ids! : [0]))
    .orderBy('sort_key')
    .execute();

/** The load of groups in a term: subject, subgroup, hours. */
export const termLoadOfGroups = (db: Q, orgId: number, termId: number, groupIds: number[]) =>
  groupIds.length
    ? db
        .selectFrom('assignments')
        .select(['group_id', 'subgroup_id', 'curriculum_item_id', 'hours'])
        .where('organization_id', '=', orgId)
        .where('term_id', '=', termId)
        .where('group_id', 'in', groupIds)
        .execute()
    : Promise.resolve([]);

export const subgroupsOf = (db: Q, orgId: number, groupIds?: number[]) =>
  db
    .selectFrom('subgroups')
    .select(['id', 'group_id', 'name'])
    .where('organization_id', '=', orgId)
    .$if(groupIds !== undefined, (q) => q.where('group_id', 'in', groupIds!.length ? groupIds! : [0]))
    .orderBy('name')
    .execute();

export const teachers = (db: Q, orgId: number) =>
  db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('r.organization_id', '=', orgId)
    .where('r.role', '=', 'teacher')
    .distinct()
    .orderBy('p.sort_key')
    .execute();

export const isTeacher = async (db: Q, orgId: number, personId: number) =>
  !!(await db
    .selectFrom('staff_roles')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('role', '=', 'teacher')
    .executeTakeFirst());

export const groupRow = (db: Q, orgId: number, id: number) =>
  db
    .selectFrom('groups')
    .select(['id', 'program_id', 'intake_year', 'name'])
    .where('id', '=', id)
    .where('organization_id', '=', orgId)
    .executeTakeFirst();

export const curriculumOfGroup = (db: Q, orgId: number, g: { program_id: number; intake_year: number }) =>
  db
    .selectFrom('curricula')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('program_id', '=', g.program_id)
    .where('intake_year', '=', g.intake_year)
    .executeTakeFirst();

export const subgroupInGroup = async (db: Q, orgId: number, subgroupId: number, groupId: number) =>
  !!(await db
    .selectFrom('subgroups')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('id', '=', subgroupId)
    .where('group_id', '=', groupId)
    .executeTakeFirst());

/** A curriculum item with its curriculum's program and intake. */
export const itemWithProgram = (db: Q, orgId: number, itemId: number) =>
  db
    .selectFrom('curriculum_items as ci')
    .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
    .select(['ci.id', 'ci.kind', 'ci.code', 'ci.name', 'c.program_id', 'c.intake_year'])
    .where('ci.id', '=', itemId)
    .where('ci.organization_id', '=', orgId)
    .executeTakeFirst();

/** The load row of the same subject, term, group and subgroup, if any. */
export const sameAssignment = (db: Q, orgId: number, a: { termId: number; groupId: number; itemId: number; subgroupId: number | null }) =>
  db
    .selectFrom('assignments')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('term_id', '=', a.termId)
    .where('group_id', '=', a.groupId)
    .where('curriculum_item_id', '=', a.itemId)
    .where((eb) => (a.subgroupId === null ? eb('subgroup_id', 'is', null) : eb('subgroup_id', '=', a.subgroupId)))
    .executeTakeFirst();

export const insertAssignment = async (
  tx: Tx,
  orgId: number,
  a: { termId: number; groupId: number; subgroupId: number | null; itemId: number; teacherPersonId: number; hours: number },
) =>
  (
    await tx
      .insertInto('assignments')
      .values({
        organization_id: orgId,
        term_id: a.termId,
        group_id: a.groupId,
        subgroup_id: a.subgroupId,
        curriculum_item_id: a.itemId,
        teacher_person_id: a.teacherPersonId,
        hours: a.hours,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const assignmentRow = (db: Q, orgId: number, id: number) =>
  db.selectFrom('assignments').selectAll().where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();

export const updateAssignmentRow = (tx: Tx, orgId: number, id: number, set: { teacher_person_id?: number; hours?: number }) =>
  tx.updateTable('assignments').set(set).where('organization_id', '=', orgId).where('id', '=', id).execute();

export const deleteAssignmentRow = (tx: Tx, orgId: number, id: number) =>
  tx.deleteFrom('assignments').where('organization_id', '=', orgId).where('id', '=', id).execute();

/** Whether the assignment has lessons, and whether it stands in the timetable. */
export async function assignmentUse(db: Q, orgId: number, id: number): Promise<{ lessons: boolean; timetable: boolean }> {
  const [lesson, entry] = await Promise.all([
    db.selectFrom('lessons').select('id').where('organization_id', '=', orgId).where('assignment_id', '=', id).executeTakeFirst(),
    db.selectFrom('timetable_entries').select('id').where('organization_id', '=', orgId).where('assignment_id', '=', id).executeTakeFirst(),
  ]);
  return { lessons: !!lesson, timetable: !!entry };
}

/** The load of one group in a term by subject. */
export const groupTermLoad = (db: Q, orgId: number, groupId: number, termId: number) =>
  db
    .selectFrom('assignments')
    .select(['curriculum_item_id', 'hours', 'subgroup_id'])
    .where('organization_id', '=', orgId)
    .where('group_id', '=', groupId)
    .where('term_id', '=', termId)
    .execute();
