import type { Generated } from 'kysely';

// Backups of the whole installation (decision 037). Like sessions, they belong to no one college:
// one backup holds every college of the installation.
export interface BackupTables {
  backups: {
    id: Generated<number>;
    /** schedule, manual (a button), cli */
    trigger: string;
    /** The scheduled slot (local date) it was made for; null when made on demand. */
    slot: string | null;
    status: 'running' | 'ok' | 'failed';
    started_at: string;
    finished_at: string | null;
    engine: string;
    file_name: string;
    size: number | null;
    sha256: string | null;
    schema_version: string | null;
    product_version: string;
    /** JSON: [{ kind, target, ok, error }] — where the file went. */
    destinations: string;
    error: string | null;
    made_by_user_id: number | null;
    /** When retention removed its files from every destination. */
    pruned_at: string | null;
  };
  /** One row ('backup'): the last scheduled slot made and the lease of the run in progress. */
  backup_schedule: {
    name: string;
    last_slot: string | null;
    lease_owner: string | null;
    lease_until: string | null;
  };
}
