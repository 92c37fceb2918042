import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** The end-of-term checks (made by a user or a scheduled job) and their parts to acknowledge (migrations 0603, 0605). */
export interface TermCheckTables {
  term_checks: OrgRow & {
    term_id: number;
    title: string;
    made_by_user_id: number | null;
    made_by_job: string | null;
    created_at: string;
    data: string;
  };
  term_check_parts: OrgRow & { term_check_id: number; person_id: number; role: string; acknowledged_at: string | null };
}
