import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

export interface JournalTables {
  marks: OrgRow & {
    lesson_id: number;
    student_id: number;
    kind: 'grade' | 'absence';
    value: string;
    work_type: string | null;
    weight: Generated<number>;
    hours: number | null;
    comment: string | null;
    version: Generated<number>;
    created_by_user_id: number;
    created_at: string;
    updated_by_user_id: number;
    updated_at: string;
  };
  mark_events: OrgRow & {
    mark_id: number;
    lesson_id: number;
    student_id: number;
    kind: 'grade' | 'absence';
    action: 'create' | 'update' | 'delete';
    old_value: string | null;
    new_value: string | null;
    old_work_type: string | null;
    new_work_type: string | null;
    old_weight: number | null;
    new_weight: number | null;
    reason: string | null;
    correction_request_id: number | null;
    user_id: number;
    at: string;
    op_id: Generated<string | null>;
  };
  absence_excuses: OrgRow & {
    student_id: number;
    from_date: string;
    to_date: string;
    reason: string;
    document: string | null;
    created_by_user_id: number;
    created_at: string;
    revoked_at: string | null;
    revoked_by_user_id: number | null;
  };
  correction_requests: OrgRow & {
    lesson_id: number;
    student_id: number;
    mark_id: number | null;
    kind: 'grade' | 'absence';
    old_value: string | null;
    new_value: string | null;
    new_work_type: string | null;
    new_weight: number | null;
    reason: string;
    status: Generated<'pending' | 'approved' | 'rejected'>;
    requested_by_user_id: number;
    requested_at: string;
    decided_by_user_id: number | null;
    decided_at: string | null;
    decision_comment: string | null;
    mark_event_id: Generated<number | null>;
  };
  lesson_text_events: OrgRow & {
    lesson_id: number;
    user_id: number;
    at: string;
    op_id: string;
    version: number;
    changes: string;
  };
  lesson_files: OrgRow & {
    lesson_id: number;
    file_name: string;
    content_type: string;
    size: number;
    content_base64: string;
    created_by_user_id: number;
    created_at: string;
  };
  term_grades: OrgRow & {
    assignment_id: number;
    student_id: number;
    kind: 'term' | 'exam' | 'final';
    value: string;
    override_reason: string | null;
    missing: string | null;
    version: Generated<number>;
    set_by_user_id: number;
    set_at: string;
  };
  term_grade_events: OrgRow & {
    term_grade_id: number;
    assignment_id: number;
    student_id: number;
    kind: string;
    old_value: string | null;
    new_value: string | null;
    reason: string | null;
    user_id: number;
    at: string;
  };
  lessons: OrgRow & {
    assignment_id: number;
    date: string;
    pair_no: number | null;
    hours: Generated<number>;
    planned_teacher_person_id: number;
    teacher_person_id: number;
    room: string | null;
    status: Generated<string>;
    source: Generated<string>;
    unscheduled_reason: string | null;
    topic: string | null;
    work_done: string | null;
    homework: string | null;
    recorded_at: string | null;
    recorded_by_user_id: number | null;
    /** JSON array of work type codes (journal migration 0510). */
    work_types: Generated<string | null>;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
  };
}
