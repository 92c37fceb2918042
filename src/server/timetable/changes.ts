import type { ChangeBody, DayPlan } from '../../contracts/timetable.js';
import { formatRu, weekday } from '../../domain/dates.js';
import { compareRu } from '../../domain/text.js';
import { applyChange, CHANGE_TITLES, entryHoldsOn, expandTimetable, findLessonClashes } from '../../domain/timetable.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, type Db } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { generateLessons } from './generate.js';
import { fixSlotPairs, lessonsIn, present } from './occurrences.js';
import { bellsForDates, clashNames, loadDirectory, loadTerms, termOn, toSlotEntry } from './queries.js';
import { changeOfSlot, deleteChangeRow, findChange, hasRecords, insertChange, lessonOfSlot } from './queries/changes.js';
import { findEntry, isTeacher, teacherPersonIds } from './queries/week-views.js';
import { clashError, orgOf } from './shared.js';

// One-date changes of the timetable (п. 5.3): cancel, move, another subject, a substitute teacher.

export async function getDayPlan(ctx: Ctx, date: string): Promise<DayPlan> {
  const orgId = orgOf(ctx);
  const dir = await loadDirectory(ctx.db, orgId);
  const { occ, lessons, reasons } = await lessonsIn(ctx.db, orgId, date, date);
  const bells = await bellsForDates(ctx.db, orgId, [date]);
  const items = present(dir, bells, occ, lessons, reasons);
  await fixSlotPairs(ctx.db, orgId, items);
  const teacherIds = await teacherPersonIds(ctx.db, orgId);
  const terms = await loadTerms(ctx.db, orgId);
  const term = termOn(terms, date);
  return {
    date,
    lessons: items,
    teachers: teacherIds
      .filter((id) => dir.persons.has(id))
      .sort((a, b) => compareRu(dir.persons.get(a)!.sortKey, dir.persons.get(b)!.sortKey))
      .map((id) => ({
        personId: id,
        name: dir.persons.get(id)!.full,
        busyPairs: [
          ...new Set(items.filter((l) => l.status === 'scheduled' && l.teacherPersonId === id && l.pairNo).map((l) => l.pairNo!)),
        ].sort((a, b) => a - b),
      })),
    groupAssignments: [...dir.assignments.values()]
      .filter((a) => term && a.termId === term.id && items.some((l) => l.groupId === a.groupId))
      .map((a) => ({
        id: a.id,
        groupId: a.groupId,
        teacherPersonId: a.teacherPersonId,
        label: `${a.code} ${a.name}${a.subgroupId ? ` (${dir.subgroups.get(a.subgroupId)?.name ?? ''})` : ''} — ${dir.teacherName(a.teacherPersonId)}`,
      }))
      .sort((a, b) => compareRu(a.label, b.label)),
    periods: bells.get(date)!.periods,
  };
}

/** Every lesson held on a date, as the clash check sees them. */
export async function dayBookings(db: Db, orgId: number, date: string) {
  const { occ, lessons } = await lessonsIn(db, orgId, date, date);
  const fromOcc = occ.map((o) => ({
    key: `e${o.entryId}-${o.slotDate}`,
    date: o.date,
    pairNo: o.pairNo,
    groupId: o.groupId,
    subgroupId: o.subgroupId,
    teacherPersonId: o.teacherPersonId,
    room: o.room,
    assignmentId: o.assignmentId,
    status: o.status,
  }));
  const extra = lessons
    .filter((l) => l.date === date && l.pair_no && (l.source === 'manual' || l.detached === 1))
    .map((l) => ({
      key: `l${l.id}`,
      date: l.date,
      pairNo: l.pair_no!,
      groupId: l.group_id,
      subgroupId: l.subgroup_id,
      teacherPersonId: l.teacher_person_id,
      room: l.room,
      assignmentId: l.assignment_id,
      status: l.status,
    }));
  return [...fromOcc, ...extra];
}

export async function saveChange(ctx: Ctx, body: ChangeBody) {
  const orgId = orgOf(ctx);
  const entryRow = await findEntry(ctx.db, orgId, body.entryId);
  if (!entryRow) throw notFound('Занятие расписания не найдено.');
  const entry = toSlotEntry(entryRow);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const term = terms.find((t) => t.id === entry.termId);
  if (!entryHoldsOn(entry, body.date, term)) throw fieldError('date', `${formatRu(body.date)} этого занятия нет в расписании.`);
  const names = clashNames(dir);
  const change = {
    id: 0,
    entryId: entry.id,
    date: body.date,
    kind: body.kind,
    toDate: null as string | null,
    toPairNo: null as number | null,
    room: body.room ?? null,
    assignmentId: null as number | null,
    teacherPersonId: null as number | null,
  };
  if (body.kind === 'move') {
    change.toDate = body.toDate ?? body.date;
    change.toPairNo = body.toPairNo ?? entry.pairNo;
    if (change.toDate === body.date && change.toPairNo === entry.pairNo && !body.room)
      throw fieldError('toPairNo', 'Укажите новую дату, пару или аудиторию.');
    if (!term || change.toDate < term.startDate || change.toDate > term.endDate)
      throw fieldError('toDate', 'Перенести занятие можно только в пределах семестра.');
    if (weekday(change.toDate) === 7) throw fieldError('toDate', `${formatRu(change.toDate)} — воскресенье.`);
  } else if (body.kind === 'replace') {
    const a = body.assignmentId ? dir.assignments.get(body.assignmentId) : undefined;
    if (!a) throw fieldError('assignmentId', 'Выберите предмет, которым заменяется занятие.');
    if (a.groupId !== entry.groupId || a.termId !== entry.termId)
      throw fieldError('assignmentId', 'Заменить можно только предметом этой же группы в этом семестре.');
    if (a.id === entry.assignmentId) throw fieldError('assignmentId', 'Это тот же предмет.');
    change.assignmentId = a.id;
    change.teacherPersonId = a.teacherPersonId;
  } else if (body.kind === 'substitute') {
    if (!body.teacherPersonId) throw fieldError('teacherPersonId', 'Выберите замещающего преподавателя.');
    if (body.teacherPersonId === entry.teacherPersonId)
      throw fieldError('teacherPersonId', 'Замещающий преподаватель совпадает с преподавателем по расписанию.');
    if (!(await isTeacher(ctx.db, orgId, body.teacherPersonId)))
      throw fieldError('teacherPersonId', 'Замещать может только преподаватель колледжа.');
    change.teacherPersonId = body.teacherPersonId;
  }
  const result = applyChange(expandTimetable([entry], [], terms, body.date, body.date)[0], change);
  if (body.kind !== 'cancel') {
    const day = await dayBookings(ctx.db, orgId, result.date);
    const clashes = findLessonClashes({ key: `e${entry.id}-${body.date}`, ...result }, day, names);
    if (clashes.length) throw clashError(clashes);
  }
  const lesson = await lessonOfSlot(ctx.db, orgId, entry.id, body.date);
  if (lesson && (await hasRecords(ctx.db, orgId, lesson.id))) {
    throw conflict(
      'Это занятие уже записано в журнал (тема или отметки), поэтому изменить его в расписании нельзя. Если занятия не было, обратитесь к преподавателю.',
    );
  }
  return ctx.db.transaction().execute(async (tx) => {
    const before = await changeOfSlot(tx, orgId, entry.id, body.date);
    if (before) await deleteChangeRow(tx, orgId, before.id);
    let id: number;
    try {
      id = await insertChange(tx, orgId, {
        entryId: entry.id,
        date: body.date,
        kind: body.kind,
        toDate: change.toDate,
        toPairNo: change.toPairNo,
        room: change.room,
        assignmentId: change.assignmentId,
        teacherPersonId: change.teacherPersonId,
        reason: body.reason ?? null,
        userId: ctx.principal.userId,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('Это занятие только что изменил другой пользователь. Обновите страницу.');
      throw e;
    }
    await generateLessons(tx, orgId, { from: body.date, to: body.date, groupIds: [entry.groupId] });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: `timetable.change.${body.kind}`,
      entity: 'timetable_change',
      entityId: id,
      before: before ?? null,
      after: body,
      reason: body.reason ?? null,
      ip: ctx.ip,
    });
    const what = `${formatRu(body.date)}, ${entry.pairNo} пара, ${dir.groupName(entry.groupId, entry.subgroupId)} — ${dir.subjectName(entry.assignmentId)}`;
    const message = {
      cancel: `Занятие отменено: ${what}.`,
      move: `Занятие перенесено: ${what} → ${formatRu(result.date)}, ${result.pairNo} пара${result.room ? `, ауд. ${result.room}` : ''}.`,
      replace: `Предмет заменён: ${what} → ${dir.subjectName(result.assignmentId)} (${dir.teacherName(result.teacherPersonId)}).`,
      substitute: `Замена записана: ${what}. Ведёт ${dir.teacherName(result.teacherPersonId)} вместо ${dir.teacherNameGen(entry.teacherPersonId)}; занятие появилось в ${dir.teacherWord(result.teacherPersonId, 'его', 'её')} расписании и журнале.`,
    }[body.kind];
    return { id, message };
  });
}

export async function deleteChange(ctx: Ctx, id: number) {
  const orgId = orgOf(ctx);
  const c = await findChange(ctx.db, orgId, id);
  if (!c) throw notFound('Изменение расписания не найдено.');
  const lesson = await lessonOfSlot(ctx.db, orgId, c.entry_id, c.date);
  if (lesson && (await hasRecords(ctx.db, orgId, lesson.id))) throw conflict('Занятие уже записано в журнал — отменить изменение нельзя.');
  return ctx.db.transaction().execute(async (tx) => {
    await deleteChangeRow(tx, orgId, id);
    await generateLessons(tx, orgId, { from: c.date, to: c.date, groupIds: [c.group_id] });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'timetable.change.delete',
      entity: 'timetable_change',
      entityId: id,
      before: c,
      ip: ctx.ip,
    });
    return { ok: true as const, message: `${CHANGE_TITLES[c.kind]} на ${formatRu(c.date)} снята: занятие идёт по расписанию.` };
  });
}
