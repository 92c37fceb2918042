import type { Generated } from 'kysely';

/** Columns the attestation area adds to the journal's tables (migration 0550). */
export interface AttestationTables {
  term_grade_events: {
    /** 1 when the grade was set despite the objectivity check (п. 4.2). */
    override: Generated<number>;
    /** JSON: what the check found missing at that moment. */
    missing: string | null;
  };
}
