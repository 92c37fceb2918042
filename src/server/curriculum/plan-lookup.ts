import { isAttestationForm, programTermNo, type AttestationForm, type LessonPlanStatus } from '../../domain/curriculum.js';
import type { Db, Tx } from '../platform/db.js';

// What other areas (the journal) read from the curriculum: the КТП of an assignment and the
// attestation form of its term. Both are organization-scoped and return null when missing.

export interface AssignmentPlanItem {
  id: number;
  position: number;
  topic: string;
  hours: number;
  lessonType: string;
  selfStudyTask: string | null;
  selfStudyHours: number;
}

export interface AssignmentPlan {
  planId: number;
  status: LessonPlanStatus;
  items: AssignmentPlanItem[];
}

async function assignmentFacts(db: Db | Tx, orgId: number, assignmentId: number) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['a.curriculum_item_id as itemId', 'a.group_id as groupId', 'a.subgroup_id as subgroupId', 'g.intake_year as intakeYear', 't.number as termNumber', 'y.start_date as yearStart'])
    .where('a.id', '=', assignmentId)
    .where('a.organization_id', '=', orgId)
    .executeTakeFirst();
}

/** The plan an assignment follows: the subgroup's copy, else the group's copy, else the shared base. */
export async function planIdForAssignment(db: Db | Tx, orgId: number, a: { itemId: number; groupId: number; subgroupId: number | null }): Promise<{ id: number; status: string } | null> {
  const plans = await db
    .selectFrom('lesson_plans')
    .select(['id', 'group_id', 'subgroup_id', 'status'])
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', '=', a.itemId)
    .where((eb) => eb.or([eb('group_id', 'is', null), eb('group_id', '=', a.groupId)]))
    .execute();
  const rank = (p: (typeof plans)[number]) =>
    p.group_id === null ? 3 : p.subgroup_id === null ? 2 : p.subgroup_id === a.subgroupId ? 1 : 99;
  const best = plans.filter((p) => rank(p) < 99).sort((x, y) => rank(x) - rank(y) || x.id - y.id)[0];
  return best ? { id: best.id, status: best.status } : null;
}

export async function lessonPlanForAssignment(db: Db | Tx, orgId: number, assignmentId: number): Promise<AssignmentPlan | null> {
  const a = await assignmentFacts(db, orgId, assignmentId);
  if (!a) return null;
  const plan = await planIdForAssignment(db, orgId, a);
  if (!plan) return null;
  const items = await db
    .selectFrom('lesson_plan_items')
    .select(['id', 'position', 'topic', 'hours', 'lesson_type', 'self_study_task', 'self_study_hours'])
    .where('lesson_plan_id', '=', plan.id)
    .where('organization_id', '=', orgId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return {
    planId: plan.id,
    status: plan.status as LessonPlanStatus,
    items: items.map((i) => ({ id: i.id, position: i.position, topic: i.topic, hours: i.hours, lessonType: i.lesson_type, selfStudyTask: i.self_study_task, selfStudyHours: i.self_study_hours })),
  };
}

/** The program term (1..8) an assignment is in: from the group's intake year and the term's academic year. */
export async function termNoOfAssignment(db: Db | Tx, orgId: number, assignmentId: number): Promise<number | null> {
  const a = await assignmentFacts(db, orgId, assignmentId);
  return a ? programTermNo(a.intakeYear, Number(a.yearStart.slice(0, 4)), a.termNumber) : null;
}

/** The attestation form of the assignment's subject in that term (Э, ДЗ, З …), or null when none. */
export async function attestationFormFor(db: Db | Tx, orgId: number, assignmentId: number): Promise<AttestationForm | null> {
  const a = await assignmentFacts(db, orgId, assignmentId);
  if (!a) return null;
  const termNo = programTermNo(a.intakeYear, Number(a.yearStart.slice(0, 4)), a.termNumber);
  const row = await db
    .selectFrom('curriculum_item_terms')
    .select('attestation_form')
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', '=', a.itemId)
    .where('term_no', '=', termNo)
    .executeTakeFirst();
  const f = row?.attestation_form ?? null;
  return f && isAttestationForm(f) ? f : null;
}
