import { todayIn } from '../../domain/dates.js';
import { audit } from '../platform/audit.js';
import { badRequest, conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { followLoadTeacher } from '../timetable/load-follow.js';
import { resolveTerm } from './queries.js';
import {
  assignmentRow,
  assignmentUse,
  deleteAssignmentRow,
  groupRow,
  insertAssignment,
  isTeacher,
  itemWithProgram,
  sameAssignment,
  subgroupInGroup,
  updateAssignmentRow,
} from './queries/load.js';

// Editing the teaching load: a new assignment, another teacher or hours, removal while nothing is built on it.

async function assertTeacher(ctx: Ctx, personId: number) {
  if (!(await isTeacher(ctx.db, ctx.principal.organizationId, personId)))
    throw fieldError('teacherPersonId', 'Выберите преподавателя колледжа.');
}

export async function createAssignment(
  ctx: Ctx,
  body: { termId: number; groupId: number; subgroupId?: number | null; curriculumItemId: number; teacherPersonId: number; hours: number },
) {
  const orgId = ctx.principal.organizationId;
  await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, body.termId);
  const g = await groupRow(ctx.db, orgId, body.groupId);
  if (!g) throw fieldError('groupId', 'Выберите группу колледжа.');
  const subgroupId = body.subgroupId ?? null;
  if (subgroupId !== null && !(await subgroupInGroup(ctx.db, orgId, subgroupId, g.id))) {
    throw fieldError('subgroupId', 'Подгруппа не относится к этой группе.');
  }
  const item = await itemWithProgram(ctx.db, orgId, body.curriculumItemId);
  if (!item) throw fieldError('curriculumItemId', 'Дисциплина не найдена.');
  if (item.program_id !== g.program_id || item.intake_year !== g.intake_year)
    throw fieldError('curriculumItemId', `«${item.code} ${item.name}» не из учебного плана группы ${g.name}.`);
  // The ГИА is assigned like a subject: its hours are the consultations and the defence (decision 034).
  if (item.kind === 'module')
    throw fieldError('curriculumItemId', 'Нагрузку распределяют по МДК, дисциплинам, практикам и ГИА, а не по модулю целиком.');
  await assertTeacher(ctx, body.teacherPersonId);
  const dup = await sameAssignment(ctx.db, orgId, { termId: body.termId, groupId: g.id, itemId: item.id, subgroupId });
  if (dup) throw conflict('Эта дисциплина у этой группы (подгруппы) в семестре уже распределена. Измените существующую строку нагрузки.');
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertAssignment(tx, orgId, {
      termId: body.termId,
      groupId: g.id,
      subgroupId,
      itemId: item.id,
      teacherPersonId: body.teacherPersonId,
      hours: body.hours,
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'assignment.create',
      entity: 'assignment',
      entityId: id,
      after: body,
      ip: ctx.ip,
    });
    return { id };
  });
}

async function loadRow(ctx: Ctx, id: number) {
  const a = await assignmentRow(ctx.db, ctx.principal.organizationId, id);
  if (!a) throw notFound('Строка нагрузки не найдена.');
  return a;
}

export async function updateAssignment(ctx: Ctx, id: number, body: { teacherPersonId?: number; hours?: number }) {
  const a = await loadRow(ctx, id);
  if (body.teacherPersonId === undefined && body.hours === undefined) throw badRequest('Укажите преподавателя или часы.');
  if (body.teacherPersonId) await assertTeacher(ctx, body.teacherPersonId);
  await ctx.db.transaction().execute(async (tx) => {
    await updateAssignmentRow(tx, a.organization_id, id, {
      ...(body.teacherPersonId ? { teacher_person_id: body.teacherPersonId } : {}),
      ...(body.hours ? { hours: body.hours } : {}),
    });
    // The timetable and the lessons not yet recorded go to the new teacher from today.
    if (body.teacherPersonId)
      await followLoadTeacher(tx, a.organization_id, id, a.teacher_person_id, body.teacherPersonId, todayIn(ctx.principal.timeZone));
    await audit(tx, {
      organizationId: a.organization_id,
      actorUserId: ctx.principal.userId,
      action: 'assignment.update',
      entity: 'assignment',
      entityId: id,
      before: { teacherPersonId: a.teacher_person_id, hours: a.hours },
      after: body,
      ip: ctx.ip,
    });
  });
  return { id };
}

export async function deleteAssignment(ctx: Ctx, id: number) {
  const a = await loadRow(ctx, id);
  const use = await assignmentUse(ctx.db, a.organization_id, id);
  if (use.lessons)
    throw conflict(
      'По этой нагрузке уже есть занятия в расписании или журнале — удалить её нельзя. Передайте её другому преподавателю или измените часы.',
    );
  if (use.timetable)
    throw conflict('Эта нагрузка стоит в расписании группы — сначала уберите её из недели группы (раздел «Расписание»), затем удалите.');
  await ctx.db.transaction().execute(async (tx) => {
    await deleteAssignmentRow(tx, a.organization_id, id);
    await audit(tx, {
      organizationId: a.organization_id,
      actorUserId: ctx.principal.userId,
      action: 'assignment.delete',
      entity: 'assignment',
      entityId: id,
      before: a,
      ip: ctx.ip,
    });
  });
}
