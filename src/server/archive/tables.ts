import type { Generated } from 'kysely';

type OrgRow = { id: Generated<number>; organization_id: number };

// The year-end archive (decision 028): background batches and the files they made, in chunks.
export interface ArchiveTables {
  batches: OrgRow & {
    kind: string;
    /** JSON of the kind's parameters */
    params: string;
    title: string;
    status: 'queued' | 'running' | 'done' | 'failed';
    total_steps: Generated<number>;
    done_steps: Generated<number>;
    error: string | null;
    lease_owner: string | null;
    lease_until: string | null;
    created_by_user_id: number | null;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
  };
  batch_files: OrgRow & {
    batch_id: number;
    step: number;
    group_id: number | null;
    name: string;
    content_type: string;
    size: Generated<number>;
    sha256: string | null;
    complete: Generated<number>;
    created_at: string;
  };
  batch_file_chunks: OrgRow & { file_id: number; seq: number; data_base64: string };
}
