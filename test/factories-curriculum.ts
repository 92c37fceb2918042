import type { Hours } from '../src/domain/curriculum.js';
import { nowIso, type Db } from '../src/server/platform/db.js';

// Builders for curriculum hours and lesson plans (КТП).

/** Hours of a curriculum item in a program term (1..8), with its attestation form. */
export async function buildItemTerm(
  db: Db,
  orgId: number,
  itemId: number,
  termNo: number,
  h: Partial<Hours> & { form?: string | null } = {},
) {
  const r = await db
    .insertInto('curriculum_item_terms')
    .values({
      organization_id: orgId,
      curriculum_item_id: itemId,
      term_no: termNo,
      theory_hours: h.theory ?? 0,
      practical_hours: h.practical ?? 0,
      laboratory_hours: h.laboratory ?? 0,
      course_project_hours: h.course_project ?? 0,
      practice_hours: h.practice ?? 0,
      self_study_hours: h.self_study ?? 0,
      consultation_hours: h.consultation ?? 0,
      exam_hours: h.exam ?? 0,
      attestation_form: h.form ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id };
}

export interface PlanLineInput {
  topic?: string;
  hours?: number;
  lessonType?: string;
  selfStudyTask?: string | null;
  selfStudyHours?: number;
}

/** A КТП of a subject: the shared base unless a group (and subgroup) is given. */
export async function buildLessonPlan(
  db: Db,
  orgId: number,
  itemId: number,
  o: { groupId?: number | null; subgroupId?: number | null; status?: string; authorPersonId?: number | null; lines?: PlanLineInput[] } = {},
) {
  const now = nowIso();
  const p = await db
    .insertInto('lesson_plans')
    .values({
      organization_id: orgId,
      curriculum_item_id: itemId,
      group_id: o.groupId ?? null,
      subgroup_id: o.subgroupId ?? null,
      based_on_plan_id: null,
      status: o.status ?? 'draft',
      remarks: null,
      author_person_id: o.authorPersonId ?? null,
      submitted_at: null,
      submitted_by_user_id: null,
      decided_at: null,
      decided_by_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lines = o.lines ?? [{ topic: 'Введение', hours: 2, lessonType: 'theory' }];
  if (lines.length) {
    await db
      .insertInto('lesson_plan_items')
      .values(
        lines.map((l, i) => ({
          organization_id: orgId,
          lesson_plan_id: p.id,
          position: i + 1,
          section: null,
          topic: l.topic ?? `Тема ${i + 1}`,
          hours: l.hours ?? 2,
          lesson_type: l.lessonType ?? 'theory',
          self_study_task: l.selfStudyTask ?? null,
          self_study_hours: l.selfStudyHours ?? 0,
        })),
      )
      .execute();
  }
  return { id: p.id };
}
