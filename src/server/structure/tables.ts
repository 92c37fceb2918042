import type { Generated } from 'kysely';

type Id = Generated<number>;
type OrgRow = { id: Id; organization_id: number };

export interface StructureTables {
  organizations: {
    id: Id;
    name: string;
    short_name: string;
    region: string;
    time_zone: string;
    /** JSON of OrganizationSettings */
    settings: Generated<string>;
    created_at: string;
    /** Bumped by the database whenever what a principal or a reach is made of changes (decision 029). */
    rights_stamp: Generated<number>;
    /** 'college' | 'region' (the regional office: its staff keep the region's colleges; decision 038) */
    kind: Generated<string>;
    /** 'active' | 'suspended': a suspended college's users are refused; its data stays */
    status: Generated<string>;
    status_reason: string | null;
    status_changed_at: string | null;
    inn: string | null;
    ogrn: string | null;
  };
  academic_years: OrgRow & {
    name: string;
    start_date: string;
    end_date: string;
    /** 'open' | 'archived': set only by closing and reopening the year (archive/, decision 028) */
    status: Generated<string>;
    closed_at: string | null;
    closed_by_user_id: number | null;
  };
  terms: OrgRow & { academic_year_id: number; number: number; start_date: string; end_date: string };
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
}
