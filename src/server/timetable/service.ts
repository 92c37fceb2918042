import { countRu, NOUNS } from '../../domain/russian.js';
import type { z } from 'zod';
import { directionGroupIds, directionReach } from '../platform/direction.js';
import type {
  BellScheduleBody, Bells, Catalog, ChangeBody, CopyWeekBody, DayPlan, Grid, GridCell, GridSaveBody, SubstitutionReport, UnscheduledBody, Week, WeekLesson, WeekQuery,
} from '../../contracts/timetable.js';
import { addDays, formatRu, todayIn, weekday } from '../../domain/dates.js';
import type { Scope } from '../../domain/permissions.js';
import { compareRu, fullName } from '../../domain/text.js';
import {
  applyChange, CHANGE_TITLES, entryHoldsOn, expandTimetable, findEntryClashes, findHoursClashes, findLessonClashes, mondayOf, PARITY_TITLES, roomKey,
  timetableHours, WEEKDAY_TITLES, weekParity, type Clash, type Occurrence, type SlotEntry,
} from '../../domain/timetable.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, nowIso, type Db, type Tx } from '../platform/db.js';
import { badRequest, conflict, fieldError, forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { generateLessons, type LessonStats } from './generate.js';
import {
  bellsForDates, clashNames, loadChanges, loadDirectory, loadEntries, loadLessons, loadTerms, termOn, toDayChange, toSlotEntry, type Directory, type LessonWithGroup,
} from './queries.js';

const orgOf = (ctx: Ctx) => ctx.principal.organizationId;
const today = (ctx: Ctx) => todayIn(ctx.principal.timeZone);

function clashError(clashes: Clash[]): HttpError {
  const messages = [...new Set(clashes.map((c) => c.message))];
  return conflict(
    messages.length === 1 ? `Конфликт расписания: ${messages[0]}` : `Конфликты расписания (${messages.length}): ${messages.join(' ')}`,
    { clashes: clashes.map((c) => ({ kind: c.kind, message: c.message, entryIds: c.entryIds })) },
  );
}

// ---------------------------------------------------------------- bells

export async function getBells(ctx: Ctx): Promise<Bells> {
  const orgId = orgOf(ctx);
  const [schedules, periods, days] = await Promise.all([
    ctx.db.selectFrom('bell_schedules').selectAll().where('organization_id', '=', orgId).orderBy('is_default', 'desc').orderBy('id').execute(),
    ctx.db.selectFrom('bell_periods').selectAll().where('organization_id', '=', orgId).orderBy('pair_no').execute(),
    ctx.db.selectFrom('bell_days').innerJoin('bell_schedules', 'bell_schedules.id', 'bell_days.bell_schedule_id')
      .select(['bell_days.date', 'bell_days.bell_schedule_id', 'bell_schedules.name']).where('bell_days.organization_id', '=', orgId)
      .where('bell_days.date', '>=', addDays(today(ctx), -31)).orderBy('bell_days.date').execute(),
  ]);
  return {
    schedules: schedules.map((s) => ({
      id: s.id, name: s.name, isDefault: s.is_default === 1,
      periods: periods.filter((p) => p.bell_schedule_id === s.id).map((p) => ({ pairNo: p.pair_no, startsAt: p.starts_at, endsAt: p.ends_at })),
    })),
    days: days.map((d) => ({ date: d.date, bellScheduleId: d.bell_schedule_id, name: d.name })),
  };
}

function checkPeriods(periods: z.infer<typeof BellScheduleBody>['periods']) {
  const sorted = [...periods].sort((a, b) => a.pairNo - b.pairNo);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    if (p.startsAt >= p.endsAt) throw fieldError(`periods.${i}`, `${p.pairNo} пара: начало (${p.startsAt}) должно быть раньше конца (${p.endsAt}).`);
    if (i > 0 && sorted[i - 1].pairNo === p.pairNo) throw fieldError(`periods.${i}`, `${p.pairNo} пара указана дважды.`);
    if (i > 0 && sorted[i - 1].endsAt > p.startsAt) throw fieldError(`periods.${i}`, `${p.pairNo} пара начинается (${p.startsAt}) раньше, чем кончается ${sorted[i - 1].pairNo} пара (${sorted[i - 1].endsAt}).`);
  }
  return sorted;
}

export async function saveBellSchedule(ctx: Ctx, id: number | null, body: z.infer<typeof BellScheduleBody>) {
  const orgId = orgOf(ctx);
  const periods = checkPeriods(body.periods);
  return ctx.db.transaction().execute(async (tx) => {
    const count = await tx.selectFrom('bell_schedules').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', orgId).executeTakeFirstOrThrow();
    const isDefault = body.isDefault || Number(count.n) === 0 || (id === null ? false : undefined);
    let scheduleId = id;
    if (id === null) {
      const r = await tx.insertInto('bell_schedules').values({ organization_id: orgId, name: body.name, is_default: isDefault ? 1 : 0, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
      scheduleId = r.id;
    } else {
      const before = await tx.selectFrom('bell_schedules').select(['id', 'is_default']).where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();
      if (!before) throw notFound('Расписание звонков не найдено.');
      if (before.is_default && !body.isDefault) throw fieldError('isDefault', 'Основное расписание звонков остаётся основным, пока другое не отмечено основным.');
      await tx.updateTable('bell_schedules').set({ name: body.name, ...(body.isDefault ? { is_default: 1 } : {}) }).where('id', '=', id).execute();
      await tx.deleteFrom('bell_periods').where('bell_schedule_id', '=', id).execute();
    }
    if (body.isDefault) await tx.updateTable('bell_schedules').set({ is_default: 0 }).where('organization_id', '=', orgId).where('id', '!=', scheduleId!).execute();
    await tx.insertInto('bell_periods').values(periods.map((p) => ({ organization_id: orgId, bell_schedule_id: scheduleId!, pair_no: p.pairNo, starts_at: p.startsAt, ends_at: p.endsAt }))).execute();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: id === null ? 'bells.create' : 'bells.update', entity: 'bell_schedule', entityId: scheduleId, after: body, ip: ctx.ip });
    return { id: scheduleId!, message: `Расписание звонков «${body.name}» сохранено: ${countRu(periods.length, NOUNS.pair)}.` };
  });
}

export async function deleteBellSchedule(ctx: Ctx, id: number) {
  const orgId = orgOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const s = await tx.selectFrom('bell_schedules').selectAll().where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();
    if (!s) throw notFound('Расписание звонков не найдено.');
    if (s.is_default) throw conflict('Основное расписание звонков удалить нельзя: сначала отметьте основным другое.');
    await tx.deleteFrom('bell_days').where('bell_schedule_id', '=', id).execute();
    await tx.deleteFrom('bell_periods').where('bell_schedule_id', '=', id).execute();
    await tx.deleteFrom('bell_schedules').where('id', '=', id).execute();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'bells.delete', entity: 'bell_schedule', entityId: id, before: { name: s.name }, ip: ctx.ip });
    return { ok: true as const };
  });
}

export async function setBellDay(ctx: Ctx, date: string, bellScheduleId: number | null) {
  const orgId = orgOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('bell_days').where('organization_id', '=', orgId).where('date', '=', date).execute();
    let name = 'основному расписанию звонков';
    if (bellScheduleId !== null) {
      const s = await tx.selectFrom('bell_schedules').select(['id', 'name']).where('id', '=', bellScheduleId).where('organization_id', '=', orgId).executeTakeFirst();
      if (!s) throw fieldError('bellScheduleId', 'Такого расписания звонков нет.');
      await tx.insertInto('bell_days').values({ organization_id: orgId, date, bell_schedule_id: s.id }).execute();
      name = `расписанию «${s.name}»`;
    }
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'bells.day', entity: 'bell_day', entityId: date, after: { bellScheduleId }, ip: ctx.ip });
    return { ok: true as const, message: `${formatRu(date)} звонки идут по ${name}.` };
  });
}

// ---------------------------------------------------------------- scope

/** Groups a teacher teaches (any term). */
async function teacherGroupIds(db: Db, orgId: number, personId: number): Promise<number[]> {
  const rows = await db.selectFrom('assignments').select('group_id').distinct().where('organization_id', '=', orgId).where('teacher_person_id', '=', personId).execute();
  return rows.map((r) => r.group_id);
}

async function studentGroupOn(db: Db, orgId: number, studentId: number, date: string) {
  const m = await db.selectFrom('group_memberships').select(['group_id', 'start_date', 'end_date']).where('organization_id', '=', orgId).where('student_id', '=', studentId)
    .orderBy('start_date', 'desc').execute();
  const at = m.find((x) => x.start_date <= date && (x.end_date === null || x.end_date >= date)) ?? m[0];
  if (!at) return null;
  const subs = await db.selectFrom('subgroup_memberships').select('subgroup_id').where('student_id', '=', studentId).where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)])).execute();
  return { groupId: at.group_id, subgroupIds: subs.map((s) => s.subgroup_id) };
}

/** May the caller see a group's week? */
async function canSeeGroup(ctx: Ctx, scopes: Scope[], groupId: number): Promise<boolean> {
  const p = ctx.principal;
  if (scopes.includes('org')) return true;
  if (scopes.includes('group') && p.curatorGroupIds.includes(groupId)) return true;
  if (scopes.includes('assignment') && (await teacherGroupIds(ctx.db, p.organizationId, p.personId)).includes(groupId)) return true;
  if (scopes.includes('self') && p.studentId && (await studentGroupOn(ctx.db, p.organizationId, p.studentId, today(ctx)))?.groupId === groupId) return true;
  if (directionReach(scopes, p.direction, groupId)) return true;
  return false;
}

// ---------------------------------------------------------------- catalog

export async function getCatalog(ctx: Ctx, scopes: Scope[]): Promise<Catalog> {
  const orgId = orgOf(ctx);
  const dir = await loadDirectory(ctx.db, orgId);
  let groupIds = [...dir.groups.keys()];
  let teacherIds: number[] | null = null;
  if (!scopes.includes('org')) {
    const allowed = new Set<number>();
    if (scopes.includes('group')) ctx.principal.curatorGroupIds.forEach((g) => allowed.add(g));
    if (scopes.includes('assignment')) (await teacherGroupIds(ctx.db, orgId, ctx.principal.personId)).forEach((g) => allowed.add(g));
    if (scopes.includes('direction')) directionGroupIds(ctx.principal.direction).forEach((g) => allowed.add(g));
    groupIds = groupIds.filter((g) => allowed.has(g));
    teacherIds = scopes.includes('assignment') ? [ctx.principal.personId] : [];
  }
  const teachers = await ctx.db.selectFrom('staff_roles').select('person_id').distinct().where('organization_id', '=', orgId).where('role', '=', 'teacher').execute();
  const rooms = scopes.includes('org')
    ? await ctx.db.selectFrom('timetable_entries').select('room').distinct().where('organization_id', '=', orgId).where('room', 'is not', null).execute()
    : [];
  return {
    groups: groupIds.map((id) => dir.groups.get(id)!).sort((a, b) => compareRu(a.sortKey, b.sortKey)).map((g) => ({
      id: g.id, name: g.name, subgroups: [...dir.subgroups.values()].filter((s) => s.groupId === g.id).map((s) => ({ id: s.id, name: s.name })),
    })),
    teachers: teachers.map((t) => t.person_id).filter((id) => teacherIds === null || teacherIds.includes(id)).filter((id) => dir.persons.has(id))
      .sort((a, b) => compareRu(dir.persons.get(a)!.sortKey, dir.persons.get(b)!.sortKey)).map((id) => ({ personId: id, name: dir.persons.get(id)!.full })),
    rooms: rooms.map((r) => r.room!).sort(compareRu),
  };
}

// ---------------------------------------------------------------- grid editor

async function groupOf(db: Db | Tx, orgId: number, groupId: number) {
  const g = await db.selectFrom('groups').select(['id', 'name']).where('id', '=', groupId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!g) throw notFound('Группа не найдена.');
  return g;
}

export async function getGrid(ctx: Ctx, groupId: number, date: string): Promise<Grid> {
  const orgId = orgOf(ctx);
  const group = await groupOf(ctx.db, orgId, groupId);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const weekStart = mondayOf(date);
  const term = termOn(terms, date) ?? termOn(terms, addDays(weekStart, 5)) ?? terms.find((t) => t.startDate > date) ?? null;
  const subgroups = [...dir.subgroups.values()].filter((s) => s.groupId === groupId).map((s) => ({ id: s.id, name: s.name }));
  const bells = await bellsForDates(ctx.db, orgId, [weekStart]);
  if (!term) return { group: { ...group, subgroups }, term: null, weekStart, weekParity: null, entries: [], assignments: [], periods: bells.get(weekStart)!.periods };
  const weekEnd = addDays(weekStart, 6);
  const [weekEntries, termEntries] = await Promise.all([
    loadEntries(ctx.db, orgId, { from: weekStart, to: weekEnd, groupIds: [groupId], termId: term.id }),
    loadEntries(ctx.db, orgId, { from: term.startDate, to: term.endDate, groupIds: [groupId], termId: term.id }),
  ]);
  const assignments = [...dir.assignments.values()].filter((a) => a.groupId === groupId && a.termId === term.id)
    .sort((a, b) => compareRu(a.code, b.code) || (a.subgroupId ?? 0) - (b.subgroupId ?? 0));
  return {
    group: { ...group, subgroups },
    term: { id: term.id, number: term.number, startDate: term.startDate, endDate: term.endDate },
    weekStart,
    weekParity: weekParity(weekStart < term.startDate ? term.startDate : weekStart, term.startDate),
    entries: weekEntries.map((e) => ({
      id: e.id, weekday: e.weekday, pairNo: e.pairNo, assignmentId: e.assignmentId, subgroupId: e.subgroupId, teacherPersonId: e.teacherPersonId,
      teacherName: dir.teacherName(e.teacherPersonId), subject: dir.subjectName(e.assignmentId), room: e.room, parity: e.parity, validFrom: e.validFrom, validTo: e.validTo,
    })),
    assignments: assignments.map((a) => ({
      id: a.id, subjectCode: a.code, subjectName: a.name, subgroupId: a.subgroupId, subgroupName: a.subgroupId ? (dir.subgroups.get(a.subgroupId)?.name ?? null) : null,
      teacherPersonId: a.teacherPersonId, teacherName: dir.teacherName(a.teacherPersonId), hours: a.hours,
      scheduledHours: timetableHours(termEntries.filter((e) => e.assignmentId === a.id), term),
    })),
    periods: bells.get(weekStart)!.periods,
  };
}

const sameCell = (e: SlotEntry, c: { weekday: number; pairNo: number; assignmentId: number; teacherPersonId: number; room: string | null; parity: string }) =>
  e.weekday === c.weekday && e.pairNo === c.pairNo && e.assignmentId === c.assignmentId && e.teacherPersonId === c.teacherPersonId &&
  (e.room ?? '') === (c.room ?? '') && e.parity === c.parity;

/**
 * Makes a group's timetable over [from, to] exactly `cells`: identical entries are kept (and
 * widened), others are cut out of the period, new ones are added; then checks clashes and hours
 * and regenerates the group's lessons. Throws 409 (rolling back) on a clash.
 *
 * With `shownWeek` (the Monday of the week the cells were read from, as the editor does) the
 * cells are the changes to that week: entries of that week identical to a cell stay exactly as
 * they are (an entry that ends before `to` is not stretched), and entries not in force that week
 * are left alone; so a week saved unchanged changes nothing.
 */
async function replaceGroupWeek(
  tx: Tx, ctx: Ctx, dir: Directory, groupId: number, term: { id: number; startDate: string; endDate: string }, from: string, to: string, cells: GridCell[],
  shownWeek?: string,
) {
  const orgId = orgOf(ctx);
  const now = nowIso();
  const cellKey = (c: GridCell) => [c.weekday, c.pairNo, c.assignmentId, c.teacherPersonId ?? '', c.room ?? '', c.parity].join('|');
  const unique = [...new Map(cells.map((c) => [cellKey(c), c])).values()];
  const wanted = unique.map((c, i) => {
    const a = dir.assignments.get(c.assignmentId);
    if (!a || a.groupId !== groupId) throw fieldError(`cells.${i}.assignmentId`, `Предмет в ячейке «${WEEKDAY_TITLES[c.weekday]}, ${c.pairNo} пара» не из нагрузки этой группы.`);
    if (a.termId !== term.id) throw fieldError(`cells.${i}.assignmentId`, `Нагрузка по ${a.code} ${a.name} — другого семестра; выберите предмет текущего семестра.`);
    const teacherPersonId = c.teacherPersonId ?? a.teacherPersonId;
    if (!dir.persons.has(teacherPersonId)) throw fieldError(`cells.${i}.teacherPersonId`, 'Такого преподавателя в колледже нет.');
    return { ...c, teacherPersonId, subgroupId: a.subgroupId, room: c.room ?? null };
  });
  const existing = shownWeek
    ? await loadEntries(tx, orgId, { from: shownWeek, to: addDays(shownWeek, 6), groupIds: [groupId], termId: term.id })
    : await loadEntries(tx, orgId, { from, to, groupIds: [groupId], termId: term.id });
  const claimed = new Set<number>();
  let kept = 0;
  const toCreate: typeof wanted = [];
  for (const c of wanted) {
    const same = existing.find((e) => !claimed.has(e.id) && sameCell(e, c));
    if (same) {
      claimed.add(same.id);
      kept++;
      if (shownWeek) continue;
      const vf = same.validFrom < from ? same.validFrom : from;
      const vt = same.validTo > to ? same.validTo : to;
      if (vf !== same.validFrom || vt !== same.validTo) await tx.updateTable('timetable_entries').set({ valid_from: vf, valid_to: vt, updated_at: now }).where('id', '=', same.id).execute();
    } else toCreate.push(c);
  }
  let removed = 0;
  for (const e of existing) {
    if (claimed.has(e.id) || e.validTo < from || e.validFrom > to) continue;
    removed++;
    if (e.validFrom >= from && e.validTo <= to) {
      await tx.deleteFrom('timetable_entries').where('id', '=', e.id).execute();
    } else if (e.validFrom < from && e.validTo > to) {
      await tx.updateTable('timetable_entries').set({ valid_to: addDays(from, -1), updated_at: now }).where('id', '=', e.id).execute();
      const row = await tx.selectFrom('timetable_entries').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow();
      const { id: _id, ...copy } = row;
      await tx.insertInto('timetable_entries').values({ ...copy, valid_from: addDays(to, 1), valid_to: e.validTo, created_at: now, updated_at: now }).execute();
    } else if (e.validFrom < from) {
      await tx.updateTable('timetable_entries').set({ valid_to: addDays(from, -1), updated_at: now }).where('id', '=', e.id).execute();
    } else {
      await tx.updateTable('timetable_entries').set({ valid_from: addDays(to, 1), updated_at: now }).where('id', '=', e.id).execute();
    }
  }
  if (toCreate.length) {
    await tx.insertInto('timetable_entries').values(toCreate.map((c) => ({
      organization_id: orgId, term_id: term.id, group_id: groupId, subgroup_id: c.subgroupId, weekday: c.weekday, pair_no: c.pairNo, assignment_id: c.assignmentId,
      teacher_person_id: c.teacherPersonId, room: c.room, parity: c.parity, valid_from: from, valid_to: to, created_at: now, updated_at: now,
    }))).execute();
  }

  const all = await loadEntries(tx, orgId, { from: term.startDate, to: term.endDate, termId: term.id });
  const mine = all.filter((e) => e.groupId === groupId && e.validFrom <= to && e.validTo >= from);
  const others = all.filter((e) => e.groupId !== groupId);
  const names = clashNames(dir);
  const touched = new Set(mine.map((e) => e.assignmentId));
  const clashes = [
    ...findEntryClashes(mine, others, names),
    ...findHoursClashes(all.filter((e) => e.groupId === groupId), [...touched].map((id) => dir.assignments.get(id)!), term, names),
  ];
  if (clashes.length) throw clashError(clashes);
  const lessons = await generateLessons(tx, orgId, { from, to: term.endDate, groupIds: [groupId] });
  return { kept, created: toCreate.length, removed, lessons };
}

function periodIn<T extends { id: number; startDate: string; endDate: string }>(terms: T[], from: string, to: string | undefined) {
  const term = termOn(terms, from);
  if (!term) throw fieldError('from', `${formatRu(from)} не входит ни в один семестр. Выберите дату внутри семестра.`);
  const end = to && to < term.endDate ? to : term.endDate;
  if (end < from) throw fieldError('to', 'Конец периода раньше его начала.');
  return { term, from, to: end };
}

const lessonsText = (s: LessonStats) =>
  `Занятия: добавлено ${s.created}, изменено ${s.updated}, удалено ${s.deleted}${s.detached ? `; оставлено без места в расписании, потому что в них уже есть записи: ${s.detached}` : ''}.`;

export async function saveGrid(ctx: Ctx, groupId: number, body: z.infer<typeof GridSaveBody>) {
  const orgId = orgOf(ctx);
  const group = await groupOf(ctx.db, orgId, groupId);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const { term, from, to } = periodIn(terms, body.from, body.to);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await replaceGroupWeek(tx, ctx, dir, groupId, term, from, to, body.cells, mondayOf(body.weekStart ?? from));
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'timetable.save', entity: 'group', entityId: groupId, after: { from, to, cells: body.cells, lessons: r.lessons }, ip: ctx.ip });
    return { ...r, message: `Расписание ${group.name} с ${formatRu(from)} по ${formatRu(to)} сохранено: оставлено ${r.kept}, добавлено ${r.created}, снято ${r.removed}. ${lessonsText(r.lessons)}` };
  });
}

export async function copyWeek(ctx: Ctx, groupId: number, body: z.infer<typeof CopyWeekBody>) {
  const orgId = orgOf(ctx);
  const group = await groupOf(ctx.db, orgId, groupId);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const src = mondayOf(body.sourceDate);
  const { term, to } = periodIn(terms, body.fromDate, addDays(mondayOf(body.toDate), 6));
  const start = mondayOf(body.fromDate) < term.startDate ? term.startDate : mondayOf(body.fromDate);
  if (start <= addDays(src, 6) && to >= src) throw fieldError('fromDate', 'Период, в который копируется неделя, не должен включать саму неделю.');
  const source = await loadEntries(ctx.db, orgId, { from: src, to: addDays(src, 6), groupIds: [groupId] });
  if (!source.length) throw fieldError('sourceDate', `На неделе с ${formatRu(src)} у группы ${group.name} нет занятий — копировать нечего.`);
  const cells = source.map((e) => ({ weekday: e.weekday, pairNo: e.pairNo, assignmentId: e.assignmentId, teacherPersonId: e.teacherPersonId, room: e.room, parity: e.parity }));
  return ctx.db.transaction().execute(async (tx) => {
    const r = await replaceGroupWeek(tx, ctx, dir, groupId, term, start, to, cells);
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'timetable.copy_week', entity: 'group', entityId: groupId, after: { source: src, from: start, to, lessons: r.lessons }, ip: ctx.ip });
    return { ...r, message: `Неделя с ${formatRu(src)} скопирована в расписание ${group.name} на ${formatRu(start)} – ${formatRu(to)} (${countRu(cells.length, NOUNS.lesson)} в неделю). ${lessonsText(r.lessons)}` };
  });
}

// ---------------------------------------------------------------- views

/** The timetable's lessons with dates in [from, to] (moves in and out included) and the lesson rows. */
async function lessonsIn(db: Db, orgId: number, from: string, to: string) {
  const [terms, entries, changes, lessons] = await Promise.all([
    loadTerms(db, orgId), loadEntries(db, orgId, { from, to }), loadChanges(db, orgId, { from, to }), loadLessons(db, orgId, { from, to }),
  ]);
  const occ = expandTimetable(entries, changes, terms, from, to);
  const movedIn = await db.selectFrom('timetable_changes').selectAll().where('organization_id', '=', orgId).where('kind', '=', 'move')
    .where('to_date', '>=', from).where('to_date', '<=', to).where((eb) => eb.or([eb('date', '<', from), eb('date', '>', to)])).execute();
  const reasons = new Map(changes.map((c) => [c.id, c.reason]));
  if (movedIn.length) {
    const ids = [...new Set(movedIn.map((c) => c.entry_id))];
    const rows = await db.selectFrom('timetable_entries').selectAll().where('id', 'in', ids).execute();
    for (const c of movedIn) {
      const e = rows.find((r) => r.id === c.entry_id);
      if (!e) continue;
      const dc = toDayChange(c);
      reasons.set(dc.id, dc.reason);
      occ.push(...expandTimetable([toSlotEntry(e)], [dc], terms, c.date, c.date));
    }
  }
  const inRange = occ.filter((o) => o.date >= from && o.date <= to);
  return { occ: inRange, lessons, reasons };
}

function present(
  dir: Directory,
  bells: Map<string, { periods: { pairNo: number; startsAt: string; endsAt: string }[] }>,
  occ: Occurrence[],
  lessons: LessonWithGroup[],
  reasons: Map<number, string | null>,
): WeekLesson[] {
  const lessonBySlot = new Map<string, LessonWithGroup>();
  for (const l of lessons) if (l.timetable_entry_id && l.slot_date && !l.detached) lessonBySlot.set(`${l.timetable_entry_id}|${l.slot_date}`, l);
  const used = new Set<number>();
  const out: WeekLesson[] = [];
  const base = (date: string, pairNo: number | null, groupId: number, subgroupId: number | null, assignmentId: number) => {
    const a = dir.assignments.get(assignmentId);
    const p = pairNo ? bells.get(date)?.periods.find((x) => x.pairNo === pairNo) : undefined;
    return {
      date, pairNo, startsAt: p?.startsAt ?? null, endsAt: p?.endsAt ?? null, groupId, groupName: dir.groups.get(groupId)?.name ?? '',
      subgroupId, subgroupName: subgroupId ? (dir.subgroups.get(subgroupId)?.name ?? null) : null, assignmentId,
      subjectCode: a?.code ?? '', subjectName: a?.name ?? '',
    };
  };
  for (const o of occ) {
    const l = lessonBySlot.get(`${o.entryId}|${o.slotDate}`);
    if (l) used.add(l.id);
    // A recorded lesson stays as recorded even if the timetable moved on.
    const teacher = l?.recorded_at ? l.teacher_person_id : o.teacherPersonId;
    const planned = l?.recorded_at ? l.planned_teacher_person_id : o.plannedTeacherPersonId;
    out.push({
      key: `e${o.entryId}-${o.slotDate}`, lessonId: l?.id ?? null, entryId: o.entryId,
      ...base(o.date, o.pairNo, o.groupId, o.subgroupId, o.assignmentId),
      teacherPersonId: teacher, teacherName: dir.teacherName(teacher), plannedTeacherPersonId: planned !== teacher ? planned : null, plannedTeacherName: planned !== teacher ? dir.teacherName(planned) : null,
      plannedTeacherNameGen: planned !== teacher ? dir.teacherNameGen(planned) : null,
      room: o.room, status: o.status,
      change: o.changeId && o.changeKind ? {
        id: o.changeId, kind: o.changeKind, title: CHANGE_TITLES[o.changeKind], reason: reasons.get(o.changeId) ?? null, slotDate: o.slotDate,
        slotPairNo: o.pairNo,
      } : null,
      source: 'timetable', unscheduledReason: null, detached: false, recorded: !!l?.recorded_at,
    });
  }
  for (const l of lessons) {
    if (used.has(l.id) || (l.source === 'timetable' && !l.detached)) continue;
    out.push({
      key: `l${l.id}`, lessonId: l.id, entryId: null, ...base(l.date, l.pair_no, l.group_id, l.subgroup_id, l.assignment_id),
      teacherPersonId: l.teacher_person_id, teacherName: dir.teacherName(l.teacher_person_id),
      plannedTeacherPersonId: l.planned_teacher_person_id !== l.teacher_person_id ? l.planned_teacher_person_id : null,
      plannedTeacherName: l.planned_teacher_person_id !== l.teacher_person_id ? dir.teacherName(l.planned_teacher_person_id) : null,
      plannedTeacherNameGen: l.planned_teacher_person_id !== l.teacher_person_id ? dir.teacherNameGen(l.planned_teacher_person_id) : null,
      room: l.room, status: l.status === 'cancelled' ? 'cancelled' : 'scheduled', change: null, source: l.source === 'manual' ? 'manual' : 'timetable',
      unscheduledReason: l.unscheduled_reason, detached: l.detached === 1, recorded: !!l.recorded_at,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || (a.pairNo ?? 99) - (b.pairNo ?? 99) || compareRu(a.groupName, b.groupName) || (a.subgroupId ?? 0) - (b.subgroupId ?? 0));
}

/** Fill in the moved lesson's original pair from the entry. */
async function fixSlotPairs(db: Db, items: WeekLesson[]) {
  const moved = items.filter((i) => i.change?.kind === 'move' && i.entryId);
  if (!moved.length) return;
  const rows = await db.selectFrom('timetable_entries').select(['id', 'pair_no']).where('id', 'in', [...new Set(moved.map((m) => m.entryId!))]).execute();
  for (const m of moved) m.change!.slotPairNo = rows.find((r) => r.id === m.entryId)?.pair_no ?? m.change!.slotPairNo;
}

export async function getWeek(ctx: Ctx, scopes: Scope[], q: z.infer<typeof WeekQuery>): Promise<Week> {
  const orgId = orgOf(ctx);
  const p = ctx.principal;
  const weekStart = mondayOf(q.date);
  const weekEnd = addDays(weekStart, 6);
  const dir = await loadDirectory(ctx.db, orgId);
  let title = '';
  let filter: (l: WeekLesson) => boolean;
  let subjectId: number | null = null;
  let room: string | null = null;
  let children: { id: number; name: string }[] = [];
  // A teacher's lessons someone else substitutes: shown in their week as handed over.
  const handedOver = new Set<string>();
  if (q.view === 'group') {
    if (!q.id || !dir.groups.has(q.id)) throw notFound('Группа не найдена.');
    if (!(await canSeeGroup(ctx, scopes, q.id))) throw forbidden('Расписание этой группы вам недоступно.');
    subjectId = q.id;
    title = `Группа ${dir.groups.get(q.id)!.name}`;
    filter = (l) => l.groupId === subjectId;
  } else if (q.view === 'teacher') {
    const id = q.id ?? p.personId;
    if (!scopes.includes('org') && id !== p.personId) throw forbidden('Можно смотреть только своё расписание.');
    if (!scopes.includes('org') && !scopes.includes('assignment')) throw forbidden('Расписание преподавателя вам недоступно.');
    const person = await ctx.db.selectFrom('persons').select(['last_name', 'first_name', 'middle_name']).where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();
    if (!person) throw notFound('Преподаватель не найден.');
    subjectId = id;
    title = `Преподаватель ${fullName(person)}`;
    filter = (l) => l.teacherPersonId === id || handedOver.has(l.key);
  } else if (q.view === 'room') {
    if (!scopes.includes('org')) throw forbidden('Расписание аудиторий доступно сотрудникам учебной части.');
    if (!q.room) throw fieldError('room', 'Укажите аудиторию.');
    room = q.room;
    title = `Аудитория ${q.room}`;
    filter = (l) => roomKey(l.room) === roomKey(room);
  } else {
    // A guardian's children in the diary's order: with no child named, the week opens on the first, as the diary does.
    const kids = p.linkedStudentIds.length
      ? await ctx.db.selectFrom('students').innerJoin('persons', 'persons.id', 'students.person_id').select(['students.id', 'last_name', 'first_name', 'middle_name', 'sort_key'])
        .where('students.id', 'in', p.linkedStudentIds).where('students.organization_id', '=', orgId).orderBy('sort_key').orderBy('students.id').execute()
      : [];
    const id = q.id ?? p.studentId ?? kids[0]?.id;
    if (!id) throw fieldError('id', 'Укажите обучающегося.');
    const allowed = scopes.includes('org') || (scopes.includes('self') && p.studentId === id) || (scopes.includes('linked') && p.linkedStudentIds.includes(id))
      || (scopes.includes('direction') && p.direction.studentIds.includes(id));
    const student = await ctx.db.selectFrom('students').innerJoin('persons', 'persons.id', 'students.person_id').select(['students.id', 'last_name', 'first_name', 'middle_name'])
      .where('students.id', '=', id).where('students.organization_id', '=', orgId).executeTakeFirst();
    if (!student) throw notFound('Обучающийся не найден.');
    const at = await studentGroupOn(ctx.db, orgId, id, q.date);
    if (!allowed && !(scopes.includes('group') && at && p.curatorGroupIds.includes(at.groupId)) && !(at && directionReach(scopes, p.direction, at.groupId) === 'all')) throw forbidden('Расписание этого обучающегося вам недоступно.');
    subjectId = id;
    title = `${fullName(student)}${at ? `, группа ${dir.groups.get(at.groupId)?.name ?? ''}` : ''}`;
    filter = (l) => !!at && l.groupId === at.groupId && (l.subgroupId === null || at.subgroupIds.includes(l.subgroupId));
    children = kids.map((k) => ({ id: k.id, name: fullName(k) }));
  }
  const { occ, lessons, reasons } = await lessonsIn(ctx.db, orgId, weekStart, weekEnd);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const bells = await bellsForDates(ctx.db, orgId, dates);
  if (q.view === 'teacher') {
    for (const o of occ) if (o.plannedTeacherPersonId === subjectId && o.teacherPersonId !== subjectId && o.changeKind === 'substitute') handedOver.add(`e${o.entryId}-${o.slotDate}`);
  }
  const items = present(dir, bells, occ, lessons, reasons).filter(filter);
  await fixSlotPairs(ctx.db, items);
  const terms = await loadTerms(ctx.db, orgId);
  const term = termOn(terms, weekStart) ?? termOn(terms, addDays(weekStart, 5));
  const own = q.view === 'teacher' && subjectId === p.personId
    ? [...dir.assignments.values()].filter((a) => a.teacherPersonId === p.personId && term && a.termId === term.id)
      .map((a) => ({ id: a.id, label: `${dir.groupName(a.groupId, a.subgroupId)} — ${a.code} ${a.name}` })).sort((a, b) => compareRu(a.label, b.label))
    : [];
  return {
    view: q.view, title, subjectId, room, weekStart, weekEnd, today: today(ctx),
    parity: term ? PARITY_TITLES[weekParity(weekStart < term.startDate ? term.startDate : weekStart, term.startDate)] : null,
    days: dates.filter((d, i) => i < 6 || items.some((l) => l.date === d)).map((d) => ({
      date: d, title: `${WEEKDAY_TITLES[weekday(d)]}, ${formatRu(d)}`, bellsName: bells.get(d)!.name, periods: bells.get(d)!.periods, lessons: items.filter((l) => l.date === d),
    })),
    ownAssignments: own,
    children,
  };
}

// ---------------------------------------------------------------- changes of one date

export async function getDayPlan(ctx: Ctx, date: string): Promise<DayPlan> {
  const orgId = orgOf(ctx);
  const dir = await loadDirectory(ctx.db, orgId);
  const { occ, lessons, reasons } = await lessonsIn(ctx.db, orgId, date, date);
  const bells = await bellsForDates(ctx.db, orgId, [date]);
  const items = present(dir, bells, occ, lessons, reasons);
  await fixSlotPairs(ctx.db, items);
  const teacherRows = await ctx.db.selectFrom('staff_roles').select('person_id').distinct().where('organization_id', '=', orgId).where('role', '=', 'teacher').execute();
  const terms = await loadTerms(ctx.db, orgId);
  const term = termOn(terms, date);
  return {
    date,
    lessons: items,
    teachers: teacherRows.map((t) => t.person_id).filter((id) => dir.persons.has(id)).sort((a, b) => compareRu(dir.persons.get(a)!.sortKey, dir.persons.get(b)!.sortKey)).map((id) => ({
      personId: id, name: dir.persons.get(id)!.full,
      busyPairs: [...new Set(items.filter((l) => l.status === 'scheduled' && l.teacherPersonId === id && l.pairNo).map((l) => l.pairNo!))].sort((a, b) => a - b),
    })),
    groupAssignments: [...dir.assignments.values()].filter((a) => term && a.termId === term.id && items.some((l) => l.groupId === a.groupId))
      .map((a) => ({ id: a.id, groupId: a.groupId, teacherPersonId: a.teacherPersonId, label: `${a.code} ${a.name}${a.subgroupId ? ` (${dir.subgroups.get(a.subgroupId)?.name ?? ''})` : ''} — ${dir.teacherName(a.teacherPersonId)}` }))
      .sort((a, b) => compareRu(a.label, b.label)),
    periods: bells.get(date)!.periods,
  };
}

async function hasRecords(db: Db | Tx, lessonId: number): Promise<boolean> {
  const l = await db.selectFrom('lessons').select('recorded_at').where('id', '=', lessonId).executeTakeFirst();
  if (l?.recorded_at) return true;
  const m = await db.selectFrom('mark_events').select('id').where('lesson_id', '=', lessonId).limit(1).executeTakeFirst();
  return !!m;
}

/** Every lesson held on a date, as the clash check sees them. */
async function dayBookings(db: Db, orgId: number, dir: Directory, date: string) {
  const { occ, lessons } = await lessonsIn(db, orgId, date, date);
  const fromOcc = occ.map((o) => ({ key: `e${o.entryId}-${o.slotDate}`, date: o.date, pairNo: o.pairNo, groupId: o.groupId, subgroupId: o.subgroupId, teacherPersonId: o.teacherPersonId, room: o.room, assignmentId: o.assignmentId, status: o.status }));
  const extra = lessons.filter((l) => l.date === date && l.pair_no && (l.source === 'manual' || l.detached === 1)).map((l) => ({
    key: `l${l.id}`, date: l.date, pairNo: l.pair_no!, groupId: l.group_id, subgroupId: l.subgroup_id, teacherPersonId: l.teacher_person_id, room: l.room, assignmentId: l.assignment_id, status: l.status,
  }));
  void dir;
  return [...fromOcc, ...extra];
}

export async function saveChange(ctx: Ctx, body: ChangeBody) {
  const orgId = orgOf(ctx);
  const entryRow = await ctx.db.selectFrom('timetable_entries').selectAll().where('id', '=', body.entryId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!entryRow) throw notFound('Занятие расписания не найдено.');
  const entry = toSlotEntry(entryRow);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const term = terms.find((t) => t.id === entry.termId);
  if (!entryHoldsOn(entry, body.date, term)) throw fieldError('date', `${formatRu(body.date)} этого занятия нет в расписании.`);
  const names = clashNames(dir);
  const change = { id: 0, entryId: entry.id, date: body.date, kind: body.kind, toDate: null as string | null, toPairNo: null as number | null, room: body.room ?? null, assignmentId: null as number | null, teacherPersonId: null as number | null };
  if (body.kind === 'move') {
    change.toDate = body.toDate ?? body.date;
    change.toPairNo = body.toPairNo ?? entry.pairNo;
    if (change.toDate === body.date && change.toPairNo === entry.pairNo && !body.room) throw fieldError('toPairNo', 'Укажите новую дату, пару или аудиторию.');
    if (!term || change.toDate < term.startDate || change.toDate > term.endDate) throw fieldError('toDate', 'Перенести занятие можно только в пределах семестра.');
    if (weekday(change.toDate) === 7) throw fieldError('toDate', `${formatRu(change.toDate)} — воскресенье.`);
  } else if (body.kind === 'replace') {
    const a = body.assignmentId ? dir.assignments.get(body.assignmentId) : undefined;
    if (!a) throw fieldError('assignmentId', 'Выберите предмет, которым заменяется занятие.');
    if (a.groupId !== entry.groupId || a.termId !== entry.termId) throw fieldError('assignmentId', 'Заменить можно только предметом этой же группы в этом семестре.');
    if (a.id === entry.assignmentId) throw fieldError('assignmentId', 'Это тот же предмет.');
    change.assignmentId = a.id;
    change.teacherPersonId = a.teacherPersonId;
  } else if (body.kind === 'substitute') {
    if (!body.teacherPersonId) throw fieldError('teacherPersonId', 'Выберите замещающего преподавателя.');
    if (body.teacherPersonId === entry.teacherPersonId) throw fieldError('teacherPersonId', 'Замещающий преподаватель совпадает с преподавателем по расписанию.');
    const t = await ctx.db.selectFrom('staff_roles').select('person_id').where('organization_id', '=', orgId).where('person_id', '=', body.teacherPersonId).where('role', '=', 'teacher').executeTakeFirst();
    if (!t) throw fieldError('teacherPersonId', 'Замещать может только преподаватель колледжа.');
    change.teacherPersonId = body.teacherPersonId;
  }
  const result = applyChange(expandTimetable([entry], [], terms, body.date, body.date)[0], change);
  if (body.kind !== 'cancel') {
    const day = await dayBookings(ctx.db, orgId, dir, result.date);
    const clashes = findLessonClashes({ key: `e${entry.id}-${body.date}`, ...result }, day, names);
    if (clashes.length) throw clashError(clashes);
  }
  const lesson = await ctx.db.selectFrom('lessons').select('id').where('timetable_entry_id', '=', entry.id).where('slot_date', '=', body.date).executeTakeFirst();
  if (lesson && (await hasRecords(ctx.db, lesson.id))) {
    throw conflict('Это занятие уже записано в журнал (тема или отметки), поэтому изменить его в расписании нельзя. Если занятия не было, обратитесь к преподавателю.');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('timetable_changes').selectAll().where('entry_id', '=', entry.id).where('date', '=', body.date).executeTakeFirst();
    if (before) await tx.deleteFrom('timetable_changes').where('id', '=', before.id).execute();
    let id: number;
    try {
      const r = await tx.insertInto('timetable_changes').values({
        organization_id: orgId, entry_id: entry.id, date: body.date, kind: body.kind, to_date: change.toDate, to_pair_no: change.toPairNo, room: change.room,
        assignment_id: change.assignmentId, teacher_person_id: change.teacherPersonId, reason: body.reason ?? null, created_by_user_id: ctx.principal.userId, created_at: nowIso(),
      }).returning('id').executeTakeFirstOrThrow();
      id = r.id;
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('Это занятие только что изменил другой пользователь. Обновите страницу.');
      throw e;
    }
    await generateLessons(tx, orgId, { from: body.date, to: body.date, groupIds: [entry.groupId] });
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: `timetable.change.${body.kind}`, entity: 'timetable_change', entityId: id, before: before ?? null, after: body, reason: body.reason ?? null, ip: ctx.ip });
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
  const c = await ctx.db.selectFrom('timetable_changes').innerJoin('timetable_entries', 'timetable_entries.id', 'timetable_changes.entry_id')
    .select(['timetable_changes.id', 'timetable_changes.date', 'timetable_changes.kind', 'timetable_entries.group_id', 'timetable_changes.entry_id'])
    .where('timetable_changes.id', '=', id).where('timetable_changes.organization_id', '=', orgId).executeTakeFirst();
  if (!c) throw notFound('Изменение расписания не найдено.');
  const lesson = await ctx.db.selectFrom('lessons').select('id').where('timetable_entry_id', '=', c.entry_id).where('slot_date', '=', c.date).executeTakeFirst();
  if (lesson && (await hasRecords(ctx.db, lesson.id))) throw conflict('Занятие уже записано в журнал — отменить изменение нельзя.');
  return ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('timetable_changes').where('id', '=', id).execute();
    await generateLessons(tx, orgId, { from: c.date, to: c.date, groupIds: [c.group_id] });
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'timetable.change.delete', entity: 'timetable_change', entityId: id, before: c, ip: ctx.ip });
    return { ok: true as const, message: `${CHANGE_TITLES[c.kind]} на ${formatRu(c.date)} снята: занятие идёт по расписанию.` };
  });
}

// ---------------------------------------------------------------- unscheduled lessons

export async function addUnscheduled(ctx: Ctx, scopes: Scope[], body: z.infer<typeof UnscheduledBody>) {
  const orgId = orgOf(ctx);
  const dir = await loadDirectory(ctx.db, orgId);
  const a = dir.assignments.get(body.assignmentId);
  if (!a) throw notFound('Нагрузка не найдена.');
  if (!scopes.includes('org') && a.teacherPersonId !== ctx.principal.personId) throw forbidden('Добавить занятие можно только по своей нагрузке.');
  const terms = await loadTerms(ctx.db, orgId);
  const term = terms.find((t) => t.id === a.termId)!;
  if (body.date < term.startDate || body.date > term.endDate) throw fieldError('date', `Дата вне семестра нагрузки (${formatRu(term.startDate)} – ${formatRu(term.endDate)}).`);
  if (body.date > addDays(today(ctx), 14)) throw fieldError('date', 'Занятие вне расписания добавляется не раньше чем за две недели.');
  const day = await dayBookings(ctx.db, orgId, dir, body.date);
  const clashes = findLessonClashes({ key: 'new', date: body.date, pairNo: body.pairNo, groupId: a.groupId, subgroupId: a.subgroupId, teacherPersonId: a.teacherPersonId, room: body.room ?? null }, day, clashNames(dir));
  if (clashes.length) throw clashError(clashes);
  return ctx.db.transaction().execute(async (tx) => {
    const now = nowIso();
    const r = await tx.insertInto('lessons').values({
      organization_id: orgId, assignment_id: a.id, date: body.date, pair_no: body.pairNo, hours: 2, planned_teacher_person_id: a.teacherPersonId, teacher_person_id: a.teacherPersonId,
      room: body.room ?? null, status: 'scheduled', source: 'manual', unscheduled_reason: body.reason, topic: null, work_done: null, homework: null, recorded_at: null,
      recorded_by_user_id: null, version: 1, created_at: now, updated_at: now, timetable_entry_id: null, slot_date: null, change_id: null, detached: 0,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'lesson.unscheduled', entity: 'lesson', entityId: r.id, after: body, reason: body.reason, ip: ctx.ip });
    return { id: r.id, message: `Занятие вне расписания добавлено: ${formatRu(body.date)}, ${body.pairNo} пара, ${dir.groupName(a.groupId, a.subgroupId)} — ${a.code} ${a.name}.` };
  });
}

export async function deleteUnscheduled(ctx: Ctx, scopes: Scope[], id: number) {
  const orgId = orgOf(ctx);
  const l = await ctx.db.selectFrom('lessons').select(['id', 'source', 'teacher_person_id', 'date', 'pair_no']).where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();
  if (!l || l.source !== 'manual') throw notFound('Занятие вне расписания не найдено.');
  if (!scopes.includes('org') && l.teacher_person_id !== ctx.principal.personId) throw forbidden('Удалить можно только своё занятие.');
  if (await hasRecords(ctx.db, id)) throw conflict('Занятие уже записано в журнал (тема или отметки) — удалить его нельзя.');
  return ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('lessons').where('id', '=', id).execute();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'lesson.unscheduled_delete', entity: 'lesson', entityId: id, before: l, ip: ctx.ip });
    return { ok: true as const, message: `Занятие ${formatRu(l.date)}, ${l.pair_no} пара удалено.` };
  });
}

// ---------------------------------------------------------------- substitutions (п. 5.3)

export async function substitutionReport(ctx: Ctx, scopes: Scope[], from: string, to: string): Promise<SubstitutionReport> {
  const orgId = orgOf(ctx);
  if (from > to) throw fieldError('to', 'Конец периода раньше начала.');
  let q = ctx.db.selectFrom('lessons').innerJoin('assignments', 'assignments.id', 'lessons.assignment_id')
    .leftJoin('timetable_changes', 'timetable_changes.id', 'lessons.change_id')
    .select(['lessons.id', 'lessons.date', 'lessons.pair_no', 'lessons.hours', 'lessons.planned_teacher_person_id', 'lessons.teacher_person_id', 'lessons.recorded_at',
      'lessons.assignment_id', 'assignments.group_id', 'assignments.subgroup_id', 'timetable_changes.reason'])
    .where('lessons.organization_id', '=', orgId).where('lessons.status', '=', 'scheduled')
    .whereRef('lessons.teacher_person_id', '!=', 'lessons.planned_teacher_person_id')
    .where('lessons.date', '>=', from).where('lessons.date', '<=', to);
  if (!scopes.includes('org')) {
    const me = ctx.principal.personId;
    q = q.where((eb) => eb.or([eb('lessons.teacher_person_id', '=', me), eb('lessons.planned_teacher_person_id', '=', me)]));
  }
  const rows = await q.orderBy('lessons.date').orderBy('lessons.pair_no').execute();
  const dir = await loadDirectory(ctx.db, orgId);
  const byTeacher = new Map<number, { substitutedHours: number; substitutedLessons: number; replacedHours: number }>();
  const at = (id: number) => byTeacher.get(id) ?? (byTeacher.set(id, { substitutedHours: 0, substitutedLessons: 0, replacedHours: 0 }), byTeacher.get(id)!);
  for (const r of rows) {
    at(r.teacher_person_id).substitutedHours += r.hours;
    at(r.teacher_person_id).substitutedLessons++;
    at(r.planned_teacher_person_id).replacedHours += r.hours;
  }
  return {
    from, to,
    teachers: [...byTeacher.entries()].map(([personId, v]) => ({ personId, name: dir.persons.get(personId)?.full ?? dir.teacherName(personId), ...v }))
      .sort((a, b) => compareRu(a.name, b.name)),
    lessons: rows.map((r) => ({
      lessonId: r.id, date: r.date, pairNo: r.pair_no, groupName: dir.groupName(r.group_id, r.subgroup_id), subject: dir.subjectName(r.assignment_id),
      plannedTeacherName: dir.teacherName(r.planned_teacher_person_id), teacherName: dir.teacherName(r.teacher_person_id), hours: r.hours, recorded: !!r.recorded_at, reason: r.reason ?? null,
    })),
  };
}

export async function regenerate(ctx: Ctx, from: string, to: string) {
  if (from > to) throw fieldError('to', 'Конец периода раньше начала.');
  if (Date.parse(to) - Date.parse(from) > 400 * 86400000) throw badRequest('Период не длиннее учебного года.');
  const orgId = orgOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const lessons = await generateLessons(tx, orgId, { from, to });
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'lessons.generate', entity: 'lessons', entityId: null, after: { from, to, ...lessons }, ip: ctx.ip });
    return { ...lessons, message: `Занятия с ${formatRu(from)} по ${formatRu(to)} сверены с расписанием. ${lessonsText(lessons)}` };
  });
}

export { replaceGroupWeek, periodIn, lessonsIn, present };
