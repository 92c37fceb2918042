import type { Generated } from 'kysely';
import type { ChangeKind, Parity } from '../../domain/timetable.js';

type OrgRow = { id: Generated<number>; organization_id: number };

export interface TimetableTables {
  bell_schedules: OrgRow & { name: string; is_default: Generated<number>; created_at: string };
  bell_periods: OrgRow & { bell_schedule_id: number; pair_no: number; starts_at: string; ends_at: string };
  bell_days: OrgRow & { date: string; bell_schedule_id: number };
  timetable_entries: OrgRow & {
    term_id: number;
    group_id: number;
    subgroup_id: number | null;
    weekday: number;
    pair_no: number;
    assignment_id: number;
    teacher_person_id: number;
    room: string | null;
    parity: Generated<Parity>;
    valid_from: string;
    valid_to: string;
    created_at: string;
    updated_at: string;
  };
  timetable_changes: OrgRow & {
    entry_id: number;
    date: string;
    kind: ChangeKind;
    to_date: string | null;
    to_pair_no: number | null;
    room: string | null;
    assignment_id: number | null;
    teacher_person_id: number | null;
    reason: string | null;
    created_by_user_id: number | null;
    created_at: string;
  };
  /** Columns the timetable adds to the foundation's `lessons` (merged by the DB intersection). */
  lessons: {
    timetable_entry_id: number | null;
    /** The timetable date the lesson was generated for (a moved lesson keeps it); null when detached. */
    slot_date: string | null;
    change_id: number | null;
    /** 1: the lesson has records but its timetable slot is gone; it is kept as it was. */
    detached: Generated<number>;
  };
}
