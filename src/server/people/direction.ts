import type { z } from 'zod';
import type { Direction, DirectionBody } from '../../contracts/people.js';
import { compareRu, fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { fieldError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { directionRows, existingIds, hasStaffRole, replaceDirection } from './queries/direction.js';
import { personOf, who } from './persons.js';

// A specialist's direction of work (п. 2.6, decision 016): the administrator names the groups
// and the single students; the specialist then reads the journals, absences and cards of those only.

export async function getDirection(ctx: Ctx, personId: number): Promise<Direction> {
  const orgId = ctx.principal.organizationId;
  const person = await personOf(ctx.db, orgId, personId);
  const [rows, role] = await Promise.all([directionRows(ctx.db, orgId, personId), hasStaffRole(ctx.db, orgId, personId, 'specialist')]);
  return {
    personId,
    fullName: fullName(person),
    isSpecialist: !!role,
    groups: rows
      .filter((r) => r.group_id != null)
      .sort((a, b) => compareRu(a.group_sort ?? '', b.group_sort ?? ''))
      .map((r) => ({ id: r.group_id!, name: r.group_name ?? '' })),
    students: rows
      .filter((r) => r.student_id != null)
      .sort((a, b) => compareRu(a.student_sort ?? '', b.student_sort ?? ''))
      .map((r) => ({
        id: r.student_id!,
        fullName: fullName({ last_name: r.last_name ?? '', first_name: r.first_name ?? '', middle_name: r.middle_name }),
        groupName: r.student_group ?? null,
      })),
  };
}

export async function setDirection(ctx: Ctx, personId: number, input: z.infer<typeof DirectionBody>): Promise<Direction> {
  const orgId = ctx.principal.organizationId;
  const before = await getDirection(ctx, personId);
  if (!before.isSpecialist)
    throw fieldError('personId', 'Направление работы назначается специалисту: сначала дайте сотруднику роль «Специалист».');
  const groupIds = [...new Set(input.groupIds)];
  const studentIds = [...new Set(input.studentIds)];
  const [groups, students] = await Promise.all([
    existingIds(ctx.db, orgId, 'groups', groupIds),
    existingIds(ctx.db, orgId, 'students', studentIds),
  ]);
  if (groupIds.some((id) => !groups.has(id))) throw fieldError('groupIds', 'Выберите группы из списка колледжа.');
  if (studentIds.some((id) => !students.has(id))) throw fieldError('studentIds', 'Выберите обучающихся из списка колледжа.');
  await ctx.db.transaction().execute(async (tx) => {
    await replaceDirection(tx, orgId, personId, groupIds, studentIds);
    await audit(tx, {
      ...who(ctx),
      action: 'people.direction_changed',
      entity: 'person',
      entityId: personId,
      before: { groupIds: before.groups.map((g) => g.id), studentIds: before.students.map((s) => s.id) },
      after: { groupIds, studentIds },
    });
  });
  return getDirection(ctx, personId);
}
