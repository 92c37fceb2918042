import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

export interface CurriculumTables {
  curricula: OrgRow & {
    program_id: number;
    intake_year: number;
    name: string;
    status: Generated<string>;
    term_weeks: Generated<string | null>;
    /** full_time | extramural | part_time (from a .plx; null when typed in). */
    study_form: Generated<string | null>;
    /** JSON of CalendarCourse[]: the academic calendar imported with the plan. */
    calendar: Generated<string | null>;
    /** JSON of PlxTotals: the file's «Итого» by cycle and semester, to check the import against. */
    plx_totals: Generated<string | null>;
    source_file: Generated<string | null>;
    imported_at: Generated<string | null>;
  };
  curriculum_item_terms: OrgRow & {
    curriculum_item_id: number;
    term_no: number;
    theory_hours: Generated<number>;
    practical_hours: Generated<number>;
    laboratory_hours: Generated<number>;
    course_project_hours: Generated<number>;
    practice_hours: Generated<number>;
    self_study_hours: Generated<number>;
    consultation_hours: Generated<number>;
    exam_hours: Generated<number>;
    attestation_form: string | null;
    /** Control forms besides the main one, comma-separated (КР, Др …). */
    extra_forms: Generated<string | null>;
  };
  lesson_plans: OrgRow & {
    curriculum_item_id: number;
    group_id: number | null;
    subgroup_id: number | null;
    based_on_plan_id: number | null;
    status: Generated<string>;
    remarks: string | null;
    author_person_id: number | null;
    submitted_at: string | null;
    submitted_by_user_id: number | null;
    decided_at: string | null;
    decided_by_user_id: number | null;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  lesson_plan_items: OrgRow & {
    lesson_plan_id: number;
    position: number;
    section: string | null;
    topic: string;
    hours: number;
    lesson_type: string;
    self_study_task: string | null;
    self_study_hours: Generated<number>;
  };
  curriculum_items: OrgRow & {
    curriculum_id: number;
    parent_id: number | null;
    cycle: string;
    code: string;
    name: string;
    kind: Generated<string>;
    commission_id: number | null;
    position: Generated<number>;
  };
  assignments: OrgRow & {
    term_id: number;
    group_id: number;
    subgroup_id: number | null;
    curriculum_item_id: number;
    teacher_person_id: number;
    hours: Generated<number>;
  };
}
