import type { Generated } from 'kysely';

type Id = Generated<number>;
type OrgRow = { id: Id; organization_id: number };

export interface AuthTables {
  users: OrgRow & {
    person_id: number;
    login: string;
    password_hash: string;
    must_change_password: Generated<number>;
    is_active: Generated<number>;
    created_at: string;
    password_changed_at: string | null;
    last_login_at: string | null;
  };
  sessions: {
    id: string;
    organization_id: number;
    user_id: number;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  };
  login_attempts: { id: Id; organization_id: number | null; login: string; ip: string | null; success: number; at: string };
  /** An OpenID Connect provider of a college, or of the regional office for its region (`for_region` = 1; decision 040). */
  sso_providers: OrgRow & {
    region: string;
    for_region: Generated<number>;
    label: string;
    issuer: string;
    client_id: string;
    client_secret: string;
    link_by_email: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  /** A provider's subject (`sub`) mapped to a person of a college: `linked_by` is 'admin' or 'email'. */
  sso_links: OrgRow & {
    provider_id: number;
    subject: string;
    person_id: number;
    linked_by: string;
    linked_by_user_id: number | null;
    created_at: string;
    last_login_at: string | null;
  };
  /** A login in progress: found by the state's SHA-256, used once, for ten minutes. */
  sso_flows: OrgRow & {
    state_hash: string;
    provider_id: number;
    code_verifier: string;
    nonce: string;
    created_at: string;
    expires_at: string;
  };
}
