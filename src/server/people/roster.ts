import { fullName, shortName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';
import { rosterRows } from './queries/roster.js';

export interface RosterEntry {
  studentId: number;
  personId: number;
  fullName: string;
  shortName: string;
  /** The part of the period the student was in the list: journals show marks only there. */
  from: string;
  to: string | null;
}

/**
 * The students of a group (or of one of its subgroups) at any time within [from, to], in Russian
 * order. A student transferred out stays in the list for the dates they were in it (п. 3.4).
 */
export async function groupRoster(
  db: Db | Tx,
  orgId: number,
  groupId: number,
  period: { from: string; to: string },
  subgroupId?: number | null,
): Promise<RosterEntry[]> {
  const rows = await rosterRows(db, orgId, groupId, period, subgroupId);
  // One entry per student: several stints in the same group merge into the widest span.
  const byStudent = new Map<number, RosterEntry>();
  for (const r of rows) {
    const prev = byStudent.get(r.studentId);
    if (prev) {
      prev.from = prev.from < r.start_date ? prev.from : r.start_date;
      prev.to = prev.to === null || r.end_date === null ? null : prev.to > r.end_date ? prev.to : r.end_date;
      continue;
    }
    const name = { last_name: r.last_name, first_name: r.first_name, middle_name: r.middle_name };
    byStudent.set(r.studentId, {
      studentId: r.studentId,
      personId: r.personId,
      fullName: fullName(name),
      shortName: shortName(name),
      from: r.start_date,
      to: r.end_date,
    });
  }
  return [...byStudent.values()];
}

/** Whether a roster entry was in the list on a date. */
export const inRosterOn = (e: Pick<RosterEntry, 'from' | 'to'>, date: string) => e.from <= date && (e.to === null || e.to >= date);
