import type { Scope } from '../../domain/permissions.js';
import type { Principal } from './access.js';
import { sql, type Db, type Tx } from './db.js';
import { directionGroupIds, directionReach } from './direction.js';

// What the caller's scopes mean for rows, in one place (decision 013). The guard grants a route's
// permission with its scopes (`req.scopes`); the reach turns them, with the principal's own facts
// (curated groups, chaired commissions, children, a specialist's direction), into two faces:
// predicates on an object in hand, and SQL conditions for lists. A teacher's reach (the
// assignments they teach) lives in the database and is read by the SQL faces or, when a predicate
// needs it, loaded once per request (`taughtGroupIds`). A substitute reaches only the lessons they
// substitute (`readsJournal` with the lesson's teacher), not the assignment or its group.

export interface Reach {
  readonly scopes: readonly Scope[];
  /** The whole organization (`org`). */
  readonly all: boolean;
  readonly orgId: number;
  readonly personId: number;
  /** `assignment`: the caller's own assignments (and, in `readsJournal`, the lessons they substitute). */
  readonly teaches: boolean;
  /** `group`: the groups the caller is the curator of. */
  readonly curatorGroupIds: readonly number[];
  /** `commission`: the commissions the caller chairs. */
  readonly commissionIds: readonly number[];
  /** `self` and `linked`: the student themself and a guardian's children. */
  readonly ownStudentIds: readonly number[];
  /** `direction`: a specialist's groups (every student) and single students. */
  readonly directionGroupIds: readonly number[];
  readonly directionStudentIds: readonly number[];
  readonly principal: Principal;
  /** Groups the caller teaches in, loaded on first use. */
  taught?: Promise<number[]>;
}

export function reachOf(p: Principal, scopes: readonly Scope[]): Reach {
  const has = (s: Scope) => scopes.includes(s);
  return {
    scopes,
    all: has('org'),
    orgId: p.organizationId,
    personId: p.personId,
    teaches: has('assignment'),
    curatorGroupIds: has('group') ? p.curatorGroupIds : [],
    commissionIds: has('commission') ? p.commissionIds : [],
    ownStudentIds: [...(has('self') && p.studentId ? [p.studentId] : []), ...(has('linked') ? p.linkedStudentIds : [])],
    directionGroupIds: has('direction') ? p.direction.groupIds : [],
    directionStudentIds: has('direction') ? p.direction.studentIds : [],
    principal: p,
  };
}

/** The groups of the caller's own assignments (once per request). */
export function taughtGroupIds(db: Db | Tx, r: Reach): Promise<number[]> {
  if (!r.teaches) return Promise.resolve([]);
  r.taught ??= db
    .selectFrom('assignments as a')
    .select('a.group_id')
    .distinct()
    .where('a.organization_id', '=', r.orgId)
    .where('a.teacher_person_id', '=', r.personId)
    .execute()
    .then((rows) => rows.map((x) => x.group_id));
  return r.taught;
}

// ── Predicates ──────────────────────────────────────────────────────────────────────────────

/** What decides who reads a journal (an assignment, or one lesson of it). */
export interface JournalTarget {
  groupId: number;
  commissionId: number | null;
  assignmentTeacherPersonId: number;
  /** The lesson's teacher (a substitute); omit for a whole assignment. */
  lessonTeacherPersonId?: number;
}

/**
 * Who reads a journal (п. 3.10–3.13): control roles every journal, the chair the commission's
 * subjects, the curator the group's, the teacher the assignment's and the lessons they substitute,
 * a specialist the groups and students of their direction (п. 2.6).
 */
export function readsJournal(r: Reach, t: JournalTarget): boolean {
  return readsByRole(r, t) || directionReach(r.scopes, r.principal.direction, t.groupId) !== null;
}

function readsByRole(r: Reach, t: JournalTarget): boolean {
  if (r.all) return true;
  if (r.curatorGroupIds.includes(t.groupId)) return true;
  if (t.commissionId !== null && r.commissionIds.includes(t.commissionId)) return true;
  return r.teaches && (t.assignmentTeacherPersonId === r.personId || t.lessonTeacherPersonId === r.personId);
}

/**
 * Whose rows of a readable group (a journal, a group page) the caller sees: everyone's (null),
 * or, when only a specialist's single students bring them there, theirs alone.
 */
export function visibleStudents(r: Reach, t: JournalTarget | { groupId: number }): Set<number> | null {
  if ('assignmentTeacherPersonId' in t ? readsByRole(r, t) : seesWholeGroupByRole(r, t.groupId)) return null;
  const d = directionReach(r.scopes, r.principal.direction, t.groupId);
  return d instanceof Set ? d : null;
}

function seesWholeGroupByRole(r: Reach, groupId: number): boolean {
  return r.all || r.curatorGroupIds.includes(groupId) || r.teaches;
}

/** Whether the caller sees a group at all: by role, a taught assignment, or the direction. */
export async function seesGroup(db: Db | Tx, r: Reach, groupId: number): Promise<boolean> {
  if (r.all || r.curatorGroupIds.includes(groupId) || r.directionGroupIds.includes(groupId)) return true;
  if (directionReach(r.scopes, r.principal.direction, groupId) !== null) return true;
  return (await taughtGroupIds(db, r)).includes(groupId);
}

/** Every group the caller reaches (null: all of the organization). */
export async function reachedGroupIds(db: Db | Tx, r: Reach): Promise<number[] | null> {
  if (r.all) return null;
  const out = new Set<number>([...r.curatorGroupIds, ...(await taughtGroupIds(db, r))]);
  if (r.scopes.includes('direction')) for (const g of directionGroupIds(r.principal.direction)) out.add(g);
  return [...out];
}

/** Whether the caller's own scopes name this student (the student, a guardian's child, a specialist's student). */
export function namesStudent(r: Reach, studentId: number): boolean {
  return r.all || r.ownStudentIds.includes(studentId) || r.directionStudentIds.includes(studentId);
}

// ── SQL faces ───────────────────────────────────────────────────────────────────────────────

const TRUE = sql<boolean>`1 = 1`;
const FALSE = sql<boolean>`1 = 0`;
const or = (parts: ReturnType<typeof sql>[]) => (parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : FALSE);

/**
 * An assignment row (alias `a`, its subject `ci`) within reach: taught by the caller, of a curated
 * or direction group, of a chaired commission.
 */
export function assignmentInReach(r: Reach, refs: { a: string; ci: string } = { a: 'a', ci: 'ci' }) {
  if (r.all) return TRUE;
  const col = (t: string, c: string) => sql.ref(`${t}.${c}`);
  const parts = [];
  if (r.teaches) parts.push(sql`${col(refs.a, 'teacher_person_id')} = ${r.personId}`);
  const groups = [...r.curatorGroupIds, ...(r.scopes.includes('direction') ? directionGroupIds(r.principal.direction) : [])];
  if (groups.length) parts.push(sql`${col(refs.a, 'group_id')} in (${sql.join(groups)})`);
  if (r.commissionIds.length) parts.push(sql`${col(refs.ci, 'commission_id')} in (${sql.join(r.commissionIds)})`);
  return or(parts);
}

/** A group id column within reach. */
export function groupInReach(r: Reach, column: string) {
  if (r.all) return TRUE;
  const parts = [];
  const groups = [...r.curatorGroupIds, ...(r.scopes.includes('direction') ? directionGroupIds(r.principal.direction) : [])];
  if (groups.length) parts.push(sql`${sql.ref(column)} in (${sql.join(groups)})`);
  if (r.teaches) {
    parts.push(
      sql`exists (select 1 from assignments reach_a where reach_a.group_id = ${sql.ref(column)} and reach_a.teacher_person_id = ${r.personId})`,
    );
  }
  return or(parts);
}

/**
 * A student id column within reach: named by the caller's scopes, or in a reached group — at any
 * time (a card: their history stays readable), or only now (`current`, for lists).
 */
export function studentInReach(r: Reach, column: string, opts: { current?: boolean } = {}) {
  if (r.all) return TRUE;
  const parts = [];
  const named = [...r.ownStudentIds, ...r.directionStudentIds];
  if (named.length) parts.push(sql`${sql.ref(column)} in (${sql.join(named)})`);
  const now = opts.current ? sql` and reach_gm.end_date is null` : sql``;
  const groups = [...r.curatorGroupIds, ...r.directionGroupIds];
  if (groups.length) {
    parts.push(sql`exists (select 1 from group_memberships reach_gm where reach_gm.student_id = ${sql.ref(column)}
      and reach_gm.group_id in (${sql.join(groups)})${now})`);
  }
  if (r.teaches) {
    parts.push(sql`exists (select 1 from group_memberships reach_gm join assignments reach_a on reach_a.group_id = reach_gm.group_id
      where reach_gm.student_id = ${sql.ref(column)} and reach_a.teacher_person_id = ${r.personId}${now})`);
  }
  return or(parts);
}
