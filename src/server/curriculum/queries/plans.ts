import type { PlanLine } from '../../../contracts/curriculum.js';
import { sql, type Db, type Tx } from '../../platform/db.js';
import type { Reach } from '../../platform/reach.js';
import { assignmentsJoined } from '../queries.js';

type Q = Db | Tx;

// SQL of the lesson plans (КТП): the plan, its lines, who teaches or curates its subject, its moves.

export type PlanRow = {
  id: number;
  curriculum_item_id: number;
  group_id: number | null;
  subgroup_id: number | null;
  status: string;
  version: number;
  commission_id: number | null;
};

export async function planRow(db: Q, orgId: number, id: number): Promise<PlanRow | undefined> {
  return db
    .selectFrom('lesson_plans as lp')
    .innerJoin('curriculum_items as ci', 'ci.id', 'lp.curriculum_item_id')
    .select(['lp.id', 'lp.curriculum_item_id', 'lp.group_id', 'lp.subgroup_id', 'lp.status', 'lp.version', 'ci.commission_id'])
    .where('lp.id', '=', id)
    .where('lp.organization_id', '=', orgId)
    .executeTakeFirst();
}

export const planFull = (db: Q, orgId: number, id: number) =>
  db.selectFrom('lesson_plans').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirstOrThrow();

/** Whether the person teaches the subject (to that group and subgroup when given; a subgroup's plan also to the whole group). */
export async function teachesItem(
  db: Q,
  orgId: number,
  personId: number,
  itemId: number,
  groupId: number | null,
  subgroupId: number | null,
): Promise<boolean> {
  let q = db
    .selectFrom('assignments')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', '=', itemId)
    .where('teacher_person_id', '=', personId);
  if (groupId !== null) q = q.where('group_id', '=', groupId);
  if (subgroupId !== null) q = q.where((eb) => eb.or([eb('subgroup_id', '=', subgroupId), eb('subgroup_id', 'is', null)]));
  return !!(await q.executeTakeFirst());
}

/** Whether the subject is taught to one of the groups. */
export async function itemTaughtTo(db: Q, orgId: number, itemId: number, groupIds: number[]): Promise<boolean> {
  if (!groupIds.length) return false;
  return !!(await db
    .selectFrom('assignments')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', '=', itemId)
    .where('group_id', 'in', groupIds)
    .executeTakeFirst());
}

export async function planLines(db: Q, orgId: number, planId: number) {
  const rows = await db
    .selectFrom('lesson_plan_items')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('lesson_plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    section: r.section,
    topic: r.topic,
    hours: r.hours,
    lessonType: r.lesson_type as PlanLine['lessonType'],
    selfStudyTask: r.self_study_task,
    selfStudyHours: r.self_study_hours,
  }));
}

/** The hours of the lines of many plans (a list of plans checks each against the curriculum). */
export const linesOfPlans = (db: Q, orgId: number, planIds: number[]) =>
  planIds.length
    ? db
        .selectFrom('lesson_plan_items')
        .select(['lesson_plan_id', 'position', 'hours', 'lesson_type', 'self_study_hours'])
        .where('organization_id', '=', orgId)
        .where('lesson_plan_id', 'in', planIds)
        .orderBy('lesson_plan_id')
        .orderBy('position')
        .execute()
    : Promise.resolve([]);

export const groupNameOf = (db: Q, orgId: number, id: number) =>
  db.selectFrom('groups').select('name').where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
export const subgroupNameOf = (db: Q, orgId: number, id: number) =>
  db.selectFrom('subgroups').select('name').where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** The assignments of a subject (of one group when given), with the group, subgroup and teacher: who follows a plan. */
export const itemAssignments = (db: Q, orgId: number, itemId: number, groupId: number | null) =>
  assignmentsJoined(db, orgId)
    .select([
      'a.group_id',
      'a.subgroup_id',
      'g.name as groupName',
      'sg.name as subgroupName',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('a.curriculum_item_id', '=', itemId)
    .$if(groupId !== null, (q) => q.where('a.group_id', '=', groupId!))
    .execute();

/** The plans of subjects: their bases and the groups' copies. */
export const plansOfItems = (db: Q, orgId: number, itemIds: number[]) =>
  itemIds.length
    ? db
        .selectFrom('lesson_plans')
        .select(['id', 'curriculum_item_id', 'group_id', 'subgroup_id', 'status'])
        .where('organization_id', '=', orgId)
        .where('curriculum_item_id', 'in', itemIds)
        .execute()
    : Promise.resolve([]);

/**
 * Plans (with subject, curriculum, group, author) within a reach, oldest submitted first: all, or
 * those of a chaired commission's subjects, of subjects the caller teaches, of subjects of a curated group.
 */
export function plansInReach(db: Q, reach: Reach, status?: string) {
  const orgId = reach.orgId;
  let q = db
    .selectFrom('lesson_plans as lp')
    .innerJoin('curriculum_items as ci', 'ci.id', 'lp.curriculum_item_id')
    .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
    .leftJoin('groups as g', 'g.id', 'lp.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'lp.subgroup_id')
    .leftJoin('persons as au', 'au.id', 'lp.author_person_id')
    .select([
      'lp.id',
      'lp.curriculum_item_id',
      'lp.group_id',
      'lp.subgroup_id',
      'lp.status',
      'lp.submitted_at',
      'lp.updated_at',
      'ci.code',
      'ci.name',
      'c.name as curriculumName',
      'g.name as groupName',
      'sg.name as subgroupName',
      'au.last_name',
      'au.first_name',
      'au.middle_name',
    ])
    .where('lp.organization_id', '=', orgId);
  if (status) q = q.where('lp.status', '=', status);
  if (!reach.all) {
    q = q.where((eb) => {
      const ors = [];
      if (reach.commissionIds.length) ors.push(eb('ci.commission_id', 'in', [...reach.commissionIds]));
      if (reach.teaches) {
        ors.push(
          eb.exists(
            eb
              .selectFrom('assignments as a')
              .select('a.id')
              .whereRef('a.curriculum_item_id', '=', 'lp.curriculum_item_id')
              .where('a.organization_id', '=', orgId)
              .where('a.teacher_person_id', '=', reach.personId),
          ),
        );
      }
      if (reach.curatorGroupIds.length) {
        ors.push(
          eb.exists(
            eb
              .selectFrom('assignments as a')
              .select('a.id')
              .whereRef('a.curriculum_item_id', '=', 'lp.curriculum_item_id')
              .where('a.organization_id', '=', orgId)
              .where('a.group_id', 'in', [...reach.curatorGroupIds]),
          ),
        );
      }
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    });
  }
  return q.orderBy('lp.submitted_at').orderBy('lp.id').limit(1000).execute();
}

/** A teacher's assignments in the terms, with subject, group and subgroup. */
export const teacherAssignments = (db: Q, orgId: number, personId: number, termIds: number[]) =>
  assignmentsJoined(db, orgId)
    .select([
      'a.curriculum_item_id',
      'a.group_id',
      'a.subgroup_id',
      'a.term_id',
      'ci.code',
      'ci.name',
      'g.name as groupName',
      'g.intake_year',
      'g.sort_key',
      'sg.name as subgroupName',
    ])
    .where('a.teacher_person_id', '=', personId)
    .where('a.term_id', 'in', termIds.length ? termIds : [0])
    .execute();

export const subgroupOfGroup = async (db: Q, orgId: number, subgroupId: number, groupId: number) =>
  !!(await db
    .selectFrom('subgroups')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('id', '=', subgroupId)
    .where('group_id', '=', groupId)
    .executeTakeFirst());

/** A new draft plan; its id. */
export async function insertPlan(
  tx: Tx,
  orgId: number,
  p: {
    itemId: number;
    groupId: number | null;
    subgroupId: number | null;
    basedOnPlanId: number | null;
    authorPersonId: number;
    at: string;
  },
) {
  return (
    await tx
      .insertInto('lesson_plans')
      .values({
        organization_id: orgId,
        curriculum_item_id: p.itemId,
        group_id: p.groupId,
        subgroup_id: p.subgroupId,
        based_on_plan_id: p.basedOnPlanId,
        status: 'draft',
        remarks: null,
        author_person_id: p.authorPersonId,
        submitted_at: null,
        submitted_by_user_id: null,
        decided_at: null,
        decided_by_user_id: null,
        version: 1,
        created_at: p.at,
        updated_at: p.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

type LineValues = {
  position: number;
  section: string | null;
  topic: string;
  hours: number;
  lessonType: string;
  selfStudyTask: string | null;
  selfStudyHours: number;
};

/** Replaces the lines of a plan. */
export async function replacePlanLines(tx: Tx, orgId: number, planId: number, lines: LineValues[]): Promise<void> {
  await tx.deleteFrom('lesson_plan_items').where('organization_id', '=', orgId).where('lesson_plan_id', '=', planId).execute();
  const rows = lines.map((l) => ({
    organization_id: orgId,
    lesson_plan_id: planId,
    position: l.position,
    section: l.section,
    topic: l.topic,
    hours: l.hours,
    lesson_type: l.lessonType,
    self_study_task: l.selfStudyTask,
    self_study_hours: l.selfStudyHours,
  }));
  for (let i = 0; i < rows.length; i += 300)
    await tx
      .insertInto('lesson_plan_items')
      .values(rows.slice(i, i + 300))
      .execute();
}

/** Sets fields of a plan at the version read, bumping it; false when someone changed it meanwhile. */
export async function updatePlanAt(
  tx: Tx,
  orgId: number,
  p: { id: number; version: number },
  set: Record<string, unknown>,
  at: string,
): Promise<boolean> {
  const r = await tx
    .updateTable('lesson_plans')
    .set({ version: p.version + 1, updated_at: at, ...set })
    .where('organization_id', '=', orgId)
    .where('id', '=', p.id)
    .where('version', '=', p.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const deletePlanRow = (tx: Tx, orgId: number, id: number) =>
  tx.deleteFrom('lesson_plans').where('organization_id', '=', orgId).where('id', '=', id).execute();
