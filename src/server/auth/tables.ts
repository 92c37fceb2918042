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
}
