import type { Generated } from 'kysely';

/** The kept figures of the regional reports (migration 1510, decision 041). */
export interface RegionTables {
  region_figures: {
    id: Generated<number>;
    organization_id: number;
    period_kind: 'term' | 'year';
    period_id: number;
    year_name: string;
    term_number: number;
    group_id: number;
    group_name: string;
    course: number;
    students: number;
    n5: number;
    n4: number;
    n3: number;
    n2: number;
    nna: number;
    points: number;
    graded: number;
    excused_hours: number;
    unexcused_hours: number;
    lessons: number;
    lessons_on_time: number;
    guardians: number;
    guardians_active: number;
    computed_at: string;
  };
}
