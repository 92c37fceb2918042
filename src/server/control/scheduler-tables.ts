import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

/** Scheduled jobs and the reports made by them or on demand (migration 0600, decision 021). */
export interface SchedulerTables {
  scheduled_jobs: OrgRow & {
    name: string;
    last_slot: string | null;
    last_run_at: string | null;
    last_error: string | null;
    lease_owner: string | null;
    lease_until: string | null;
  };
  generated_reports: OrgRow & {
    kind: string;
    period: string;
    title: string;
    made_by_user_id: number | null;
    made_by_job: string | null;
    created_at: string;
    data: string;
  };
}
