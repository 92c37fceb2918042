import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** Guardians' choices, held mark notices, absence episodes and period reports (migration 1010). */
export interface GuardianTables {
  guardian_prefs: OrgRow & {
    person_id: number;
    student_id: number;
    channel: string;
    grades: string;
    absences: string;
    absence_threshold: number;
    digest: number;
    term_grades: number;
    updated_at: string;
  };
  mark_notice_queue: OrgRow & { mark_id: number; student_id: number; due_at: string };
  absence_episodes: OrgRow & {
    student_id: number;
    group_id: number | null;
    kind: 'days' | 'hours';
    episode: string;
    value: number;
    created_at: string;
    seen_by_user_id: number | null;
    seen_at: string | null;
  };
  period_report_orders: OrgRow & {
    student_id: number;
    recipient_person_id: number;
    ordered_by_user_id: number;
    schedule: 'once' | 'weekly' | 'monthly';
    from_date: string | null;
    to_date: string | null;
    next_day: string | null;
    created_at: string;
    cancelled_at: string | null;
  };
  period_reports: OrgRow & {
    order_id: number;
    student_id: number;
    recipient_person_id: number;
    from_date: string;
    to_date: string;
    file_name: string;
    content_base64: string;
    created_at: string;
  };
}
