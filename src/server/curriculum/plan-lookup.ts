import { programTermNo, type AttestationForm, type LessonPlanStatus } from '../../domain/curriculum.js';
import type { Db, Tx } from '../platform/db.js';
import { assignmentFacts, itemTerms } from './queries.js';
import { planLines, plansOfItems } from './queries/plans.js';

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

/** The plan an assignment follows: the subgroup's copy, else the group's copy, else the shared base. */
export async function planIdForAssignment(
  db: Db | Tx,
  orgId: number,
  a: { itemId: number; groupId: number; subgroupId: number | null },
): Promise<{ id: number; status: string } | null> {
  const plans = (await plansOfItems(db, orgId, [a.itemId])).filter((p) => p.group_id === null || p.group_id === a.groupId);
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
  const items = await planLines(db, orgId, plan.id);
  return {
    planId: plan.id,
    status: plan.status as LessonPlanStatus,
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      topic: i.topic,
      hours: i.hours,
      lessonType: i.lessonType,
      selfStudyTask: i.selfStudyTask,
      selfStudyHours: i.selfStudyHours,
    })),
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
  return (await itemTerms(db, orgId, [a.itemId])).get(a.itemId)?.find((t) => t.termNo === termNo)?.form ?? null;
}
