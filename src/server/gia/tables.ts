import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };
type RecordRow = OrgRow & {
  academic_year_id: number;
  group_id: number;
  student_id: number;
  version: Generated<number>;
  set_by_user_id: number;
  set_at: string;
};

/** State final attestation and module exams (migration 1200, decision 034). */
export interface GiaTables {
  gia_demo_exams: RecordRow & {
    exam_date: string;
    competence: string;
    level: 'base' | 'profile';
    /** Hundredths of a point. */
    points_x100: number;
    max_points: number;
    /** JSON of DemoExamModule[]. */
    modules: string | null;
    grade: string;
  };
  gia_theses: RecordRow & {
    topic: string;
    supervisor: string | null;
    reviewer: string | null;
    admission: 'admitted' | 'not_admitted' | null;
    defense_date: string | null;
    grade: string | null;
    /** The supervisor's grade (отзыв руководителя) and the reviewer's (рецензия), 2–5 or not given yet (migration 1210). */
    supervisor_grade: string | null;
    reviewer_grade: string | null;
  };
  gia_module_exams: RecordRow & {
    curriculum_item_id: number;
    exam_date: string | null;
    mastered: number;
    grade: string;
  };
  gia_events: OrgRow & {
    record_kind: 'demo' | 'thesis' | 'module';
    record_id: number;
    academic_year_id: number;
    group_id: number;
    student_id: number;
    before: string | null;
    after: string;
    reason: string | null;
    user_id: number;
    at: string;
  };
  gia_secretaries: OrgRow & {
    group_id: number;
    person_id: number;
    appointed_by_user_id: number;
    appointed_at: string;
  };
}
