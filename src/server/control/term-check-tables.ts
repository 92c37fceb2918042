import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** The end-of-term checks and their parts to acknowledge (migration 0603). */
export interface TermCheckTables {
  term_checks: OrgRow & { term_id: number; title: string; made_by_user_id: number; created_at: string; data: string };
  term_check_parts: OrgRow & { term_check_id: number; person_id: number; role: string; acknowledged_at: string | null };
}
