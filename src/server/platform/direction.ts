import type { Scope } from '../../domain/permissions.js';
import type { Db, Tx } from './db.js';

/**
 * A specialist's direction of work (п. 2.6, decision 016): the groups whose every student they
 * follow, and single students. `studentGroupIds` are the groups those single students were ever
 * in: there the specialist sees those students' rows only.
 */
export interface Direction {
  groupIds: number[];
  studentIds: number[];
  studentGroupIds: number[];
}

export const NO_DIRECTION: Direction = { groupIds: [], studentIds: [], studentGroupIds: [] };

export async function loadDirection(db: Db | Tx, orgId: number, personId: number): Promise<Direction> {
  const rows = await db
    .selectFrom('specialist_directions')
    .select(['group_id', 'student_id'])
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .execute();
  const groupIds = rows.flatMap((r) => (r.group_id == null ? [] : [r.group_id]));
  const studentIds = rows.flatMap((r) => (r.student_id == null ? [] : [r.student_id]));
  const memberships = studentIds.length
    ? await db
        .selectFrom('group_memberships')
        .select('group_id')
        .distinct()
        .where('organization_id', '=', orgId)
        .where('student_id', 'in', studentIds)
        .execute()
    : [];
  return { groupIds, studentIds, studentGroupIds: memberships.map((m) => m.group_id) };
}

/**
 * How far the `direction` scope reaches into a group: every student (`'all'`), only the
 * direction's own students in it (a set of student ids), or not at all (null).
 */
export function directionReach(scopes: readonly Scope[], d: Direction, groupId: number): 'all' | Set<number> | null {
  if (!scopes.includes('direction')) return null;
  if (d.groupIds.includes(groupId)) return 'all';
  if (d.studentGroupIds.includes(groupId)) return new Set(d.studentIds);
  return null;
}

/** Every group the direction reaches, wholly or in part. */
export const directionGroupIds = (d: Direction) => [...new Set([...d.groupIds, ...d.studentGroupIds])];
