import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

export type EnrollmentKind = 'enrol' | 'transfer' | 'leave' | 'return' | 'expel' | 'reinstate' | 'graduate';

export interface PeopleTables {
  year_rollovers: OrgRow & {
    from_year_id: number;
    new_year_id: number | null;
    new_year_name: string;
    new_year_start: string;
    created_year: number;
    effective_date: string;
    order_no: string;
    /** JSON of RolloverChanges (structure/rollover.ts) */
    changes: string;
    status: 'done' | 'undone';
    created_by_user_id: number | null;
    created_at: string;
    undone_by_user_id: number | null;
    undone_at: string | null;
    undo_reason: string | null;
  };
  enrollment_events: OrgRow & {
    student_id: number;
    kind: EnrollmentKind;
    effective_date: string;
    from_group_id: number | null;
    to_group_id: number | null;
    to_subgroup_id: number | null;
    order_no: string | null;
    reason: string | null;
    created_by_user_id: number | null;
    created_at: string;
  };
  contact_changes: OrgRow & {
    person_id: number;
    student_id: number | null;
    /** JSON of the changed fields before and after */
    before: string;
    after: string;
    status: 'applied' | 'pending' | 'approved' | 'rejected';
    requested_by_user_id: number | null;
    requested_at: string;
    decided_by_user_id: number | null;
    decided_at: string | null;
    decision_note: string | null;
  };
  /** A specialist's direction (п. 2.6): a group or a student, one per row. */
  specialist_directions: OrgRow & { person_id: number; group_id: number | null; student_id: number | null };
  /** One screen or export that showed others' personal data (152-ФЗ)… */
  pd_views: OrgRow & { viewer_user_id: number; screen: string; detail: string | null; person_count: number; at: string };
  /** …and every person it showed. */
  pd_view_persons: OrgRow & { view_id: number; person_id: number };
  persons: OrgRow & {
    last_name: string;
    first_name: string;
    middle_name: string | null;
    birth_date: string | null;
    gender: string | null;
    snils: string | null;
    phone: string | null;
    email: string | null;
    sort_key: string;
    created_at: string;
    updated_at: string;
  };
  staff_roles: OrgRow & { person_id: number; role: string; commission_id: number | null; title: string | null };
  students: OrgRow & { person_id: number; status: Generated<string>; record_book_no: string | null };
  group_memberships: OrgRow & { student_id: number; group_id: number; start_date: string; end_date: string | null };
  subgroup_memberships: OrgRow & { student_id: number; subgroup_id: number; start_date: string; end_date: string | null };
  guardian_links: OrgRow & { guardian_person_id: number; student_id: number; relation: Generated<string> };
}
