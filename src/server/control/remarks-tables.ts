import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** Remarks on keeping the journal and their history (migration 0601). */
export interface RemarksTables {
  remarks: OrgRow & {
    target_kind: 'journal' | 'lesson' | 'teacher';
    assignment_id: number | null;
    lesson_id: number | null;
    teacher_person_id: number;
    commission_id: number | null;
    text: string;
    due_date: string;
    status: 'open' | 'fixed' | 'confirmed';
    author_user_id: number;
    created_at: string;
    updated_at: string;
  };
  remark_events: OrgRow & {
    remark_id: number;
    action: 'create' | 'fix' | 'confirm' | 'reopen';
    comment: string | null;
    user_id: number;
    at: string;
  };
}
