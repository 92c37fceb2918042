import { scopesFor, type Scope } from '../../domain/permissions.js';
import type { Principal } from '../platform/access.js';
import { directionReach } from '../platform/direction.js';
import type { Db, Tx } from '../platform/db.js';

// Who may read and write a journal (п. 3.10–3.13): control roles every journal, the chair the
// commission's subjects, the curator the group's, the teacher the assignment's and the lessons
// they substitute, a specialist the groups and students of their direction (п. 2.6). Students and guardians read their own marks through their own views.

export interface JournalTarget {
  groupId: number;
  commissionId: number | null;
  assignmentTeacherPersonId: number;
  /** The lesson's teacher (a substitute); omit for a whole assignment. */
  lessonTeacherPersonId?: number;
}

export function readsByRole(p: Principal, scopes: readonly Scope[], t: JournalTarget): boolean {
  if (scopes.includes('org')) return true;
  if (scopes.includes('group') && p.curatorGroupIds.includes(t.groupId)) return true;
  if (scopes.includes('commission') && t.commissionId !== null && p.commissionIds.includes(t.commissionId)) return true;
  if (scopes.includes('assignment') && (t.assignmentTeacherPersonId === p.personId || t.lessonTeacherPersonId === p.personId)) return true;
  if (directionReach(scopes, p.direction, t.groupId)) return true;
  return false;
}

/**
 * Whose rows of a readable journal the caller sees: everyone's (null), or, when only a
 * specialist's single students open it, theirs alone.
 */
export function visibleRows(p: Principal, scopes: readonly Scope[], t: JournalTarget): Set<number> | null {
  if (readsByRole(p, scopes.filter((s) => s !== 'direction'), t)) return null;
  const reach = directionReach(scopes, p.direction, t.groupId);
  return reach instanceof Set ? reach : null;
}

/** Only the teacher of the assignment or the lesson's substitute writes it. */
export function writesLesson(p: Principal, t: JournalTarget): boolean {
  if (!scopesFor(p.roles, 'journal:write').includes('assignment')) return false;
  return t.assignmentTeacherPersonId === p.personId || t.lessonTeacherPersonId === p.personId;
}

/** Whether the person substitutes any lesson of an assignment (then they see its journal). */
export async function substitutesIn(db: Db | Tx, orgId: number, assignmentId: number, personId: number): Promise<boolean> {
  const r = await db.selectFrom('lessons').select('id').where('organization_id', '=', orgId).where('assignment_id', '=', assignmentId)
    .where('teacher_person_id', '=', personId).limit(1).executeTakeFirst();
  return !!r;
}
