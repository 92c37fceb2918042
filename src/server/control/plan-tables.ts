import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** The plan of intra-college control and its occurrences marked done by hand (migration 0604). */
export interface PlanTables {
  control_plan_lines: OrgRow & {
    academic_year_id: number;
    kind: string;
    subject: string;
    scope: string;
    target_ids: string;
    repeat: string;
    start_date: string | null;
    end_date: string | null;
    person_id: number;
    note: string;
    created_at: string;
    updated_at: string;
  };
  control_plan_marks: OrgRow & {
    line_id: number;
    occurrence_from: string;
    report_id: number | null;
    remark_id: number | null;
    comment: string;
    marked_by_user_id: number;
    marked_at: string;
  };
}
