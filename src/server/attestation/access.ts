import type { Scope } from '../../domain/permissions.js';
import { scopesFor } from '../../domain/permissions.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal, visibleStudents, type JournalTarget } from '../platform/reach.js';
import { assignmentHeader, substitutesIn, type AssignmentHeader } from './queries.js';

// Who opens a grade sheet and who writes in it (decision 013, platform/reach).

const NOT_FOUND = 'Нагрузка не найдена или недоступна вам.';

const targetOf = (h: AssignmentHeader): JournalTarget => ({
  groupId: h.group_id,
  commissionId: h.commission_id,
  assignmentTeacherPersonId: h.teacher_person_id,
});

/** Whether the caller teaches the assignment or substitutes in one of its lessons. */
const substitutes = async (ctx: Ctx, h: AssignmentHeader) =>
  ctx.reach.teaches && (await substitutesIn(ctx.db, ctx.principal.organizationId, h.id, ctx.principal.personId));

/** The assignment if the caller's reach covers it; 404 otherwise. */
export async function visibleAssignment(ctx: Ctx, id: number): Promise<AssignmentHeader> {
  const h = await assignmentHeader(ctx.db, ctx.principal.organizationId, id);
  if (!h) throw notFound(NOT_FOUND);
  if (readsJournal(ctx.reach, targetOf(h)) || (await substitutes(ctx, h))) return h;
  throw notFound(NOT_FOUND);
}

/** The students of a visible sheet the caller sees: all (null), or a specialist's single students. */
export async function sheetRows(ctx: Ctx, h: AssignmentHeader): Promise<Set<number> | null> {
  const only = visibleStudents(ctx.reach, targetOf(h));
  return only && !(await substitutes(ctx, h)) ? only : null;
}

/** Only the teacher of the assignment sets its term grades (п. 3.13). */
export const canWrite = (ctx: Ctx, h: AssignmentHeader) =>
  scopesFor(ctx.principal.roles, 'attestation:write').includes('assignment' satisfies Scope) &&
  h.teacher_person_id === ctx.principal.personId;
