import type { Generated } from 'kysely';
import type { AttestationTables } from '../attestation/tables.js';
import type { CurriculumTables } from '../curriculum/tables.js';
import type { SchedulerTables } from '../control/scheduler-tables.js';
import type { RemarksTables } from '../control/remarks-tables.js';
import type { JournalTables } from '../journal/tables.js';
import type { TimetableTables } from '../timetable/tables.js';
import type { PeopleTables } from '../people/tables.js';

// Row types of the database, one interface per table. Each area adds its own tables
// to an interface of its own and extends DB below.

type Id = Generated<number>;
type OrgRow = { id: Id; organization_id: number };

export interface FoundationTables {
  organizations: {
    id: Id;
    name: string;
    short_name: string;
    region: string;
    time_zone: string;
    /** JSON of OrganizationSettings */
    settings: Generated<string>;
    created_at: string;
  };
  academic_years: OrgRow & { name: string; start_date: string; end_date: string; status: Generated<string> };
  terms: OrgRow & { academic_year_id: number; number: number; start_date: string; end_date: string };
  persons: OrgRow & {
    last_name: string;
    first_name: string;
    middle_name: string | null;
    birth_date: string | null;
    gender: string | null;
    snils: string | null;
    phone: string | null;
    email: string | null;
    sort_key: string;
    created_at: string;
    updated_at: string;
  };
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
  departments: OrgRow & { name: string; head_person_id: number | null };
  programs: OrgRow & {
    department_id: number | null;
    code: string;
    name: string;
    qualification: string;
    kind: Generated<string>;
    duration_terms: Generated<number>;
  };
  subject_commissions: OrgRow & { name: string; chair_person_id: number | null };
  staff_roles: OrgRow & { person_id: number; role: string; commission_id: number | null; title: string | null };
  groups: OrgRow & {
    program_id: number;
    name: string;
    intake_year: number;
    course: number;
    curator_person_id: number | null;
    status: Generated<string>;
    sort_key: string;
  };
  subgroups: OrgRow & { group_id: number; name: string };
  students: OrgRow & { person_id: number; status: Generated<string>; record_book_no: string | null };
  group_memberships: OrgRow & { student_id: number; group_id: number; start_date: string; end_date: string | null };
  subgroup_memberships: OrgRow & { student_id: number; subgroup_id: number; start_date: string; end_date: string | null };
  guardian_links: OrgRow & { guardian_person_id: number; student_id: number; relation: Generated<string> };
  curricula: OrgRow & { program_id: number; intake_year: number; name: string; status: Generated<string> };
  curriculum_items: OrgRow & {
    curriculum_id: number;
    parent_id: number | null;
    cycle: string;
    code: string;
    name: string;
    kind: Generated<string>;
    commission_id: number | null;
    position: Generated<number>;
  };
  assignments: OrgRow & {
    term_id: number;
    group_id: number;
    subgroup_id: number | null;
    curriculum_item_id: number;
    teacher_person_id: number;
    hours: Generated<number>;
  };
  lessons: OrgRow & {
    assignment_id: number;
    date: string;
    pair_no: number | null;
    hours: Generated<number>;
    planned_teacher_person_id: number;
    teacher_person_id: number;
    room: string | null;
    status: Generated<string>;
    source: Generated<string>;
    unscheduled_reason: string | null;
    topic: string | null;
    work_done: string | null;
    homework: string | null;
    recorded_at: string | null;
    recorded_by_user_id: number | null;
    /** JSON array of work type codes (journal migration 0510). */
    work_types: Generated<string | null>;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
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
  audit_log: {
    id: Id;
    organization_id: number | null;
    actor_user_id: number | null;
    action: string;
    entity: string;
    entity_id: string | null;
    before: string | null;
    after: string | null;
    reason: string | null;
    ip: string | null;
    at: string;
  };
}

export type DB = FoundationTables & PeopleTables & CurriculumTables & TimetableTables & JournalTables & AttestationTables
  & SchedulerTables & RemarksTables;
