import type { Generated } from 'kysely';

/** The sign-off of a weekly check (migration 0602). */
export interface WeeklyTables {
  weekly_signoffs: {
    id: Generated<number>;
    organization_id: number;
    report_id: number;
    signed_by_user_id: number;
    signed_at: string;
  };
}
