import type { Generated } from 'kysely';

type Id = Generated<number>;

// Service accounts and each use of their tokens (decision 039).
export interface IntegrationsTables {
  service_accounts: {
    id: Id;
    /** The college, or the regional office for an account of the region. */
    organization_id: number;
    scope: 'college' | 'region';
    name: string;
    /** JSON: the named permissions. */
    permissions: string;
    read_only: number;
    /** The account's own user (never logs in): what it writes and the audit name it. */
    user_id: number;
    /** SHA-256 (base64url) of the token. */
    token_hash: string;
    token_hint: string;
    created_by_user_id: number | null;
    created_at: string;
    /** The last day (the college's calendar) the token works; null: until revoked. */
    expires_on: string | null;
    revoked_at: string | null;
    revoked_by_user_id: number | null;
    last_used_at: string | null;
  };
  service_account_uses: {
    id: Id;
    organization_id: number;
    account_id: number;
    at: string;
    method: string;
    route: string;
    status: number;
    ip: string | null;
  };
}
