import type { z } from 'zod';
import type { CopyWeekBody, Grid, GridCell, GridSaveBody } from '../../contracts/timetable.js';
import { addDays, formatRu } from '../../domain/dates.js';
import { countRu, NOUNS } from '../../domain/russian.js';
import { compareRu } from '../../domain/text.js';
import {
  findEntryClashes,
  findHoursClashes,
  mondayOf,
  timetableHours,
  WEEKDAY_TITLES,
  weekParity,
  type SlotEntry,
} from '../../domain/timetable.js';
import { audit } from '../platform/audit.js';
import type { Db, Tx } from '../platform/db.js';
import { badRequest, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { generateLessons } from './generate.js';
import { bellsForDates, clashNames, loadDirectory, loadEntries, loadTerms, termOn, type Directory } from './queries.js';
import { copyEntry, deleteEntry, findGroup, insertEntries, setEntryPeriod } from './queries/week-editor.js';
import { clashError, lessonsText, orgOf } from './shared.js';

async function groupOf(db: Db | Tx, orgId: number, groupId: number) {
  const g = await findGroup(db, orgId, groupId);
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
  if (!term)
    return {
      group: { ...group, subgroups },
      term: null,
      weekStart,
      weekParity: null,
      entries: [],
      assignments: [],
      periods: bells.get(weekStart)!.periods,
    };
  const weekEnd = addDays(weekStart, 6);
  const [weekEntries, termEntries] = await Promise.all([
    loadEntries(ctx.db, orgId, { from: weekStart, to: weekEnd, groupIds: [groupId], termId: term.id }),
    loadEntries(ctx.db, orgId, { from: term.startDate, to: term.endDate, groupIds: [groupId], termId: term.id }),
  ]);
  const assignments = [...dir.assignments.values()]
    .filter((a) => a.groupId === groupId && a.termId === term.id)
    .sort((a, b) => compareRu(a.code, b.code) || (a.subgroupId ?? 0) - (b.subgroupId ?? 0));
  return {
    group: { ...group, subgroups },
    term: { id: term.id, number: term.number, startDate: term.startDate, endDate: term.endDate },
    weekStart,
    weekParity: weekParity(weekStart < term.startDate ? term.startDate : weekStart, term.startDate),
    entries: weekEntries.map((e) => ({
      id: e.id,
      weekday: e.weekday,
      pairNo: e.pairNo,
      assignmentId: e.assignmentId,
      subgroupId: e.subgroupId,
      teacherPersonId: e.teacherPersonId,
      teacherName: dir.teacherName(e.teacherPersonId),
      subject: dir.subjectName(e.assignmentId),
      room: e.room,
      parity: e.parity,
      validFrom: e.validFrom,
      validTo: e.validTo,
    })),
    assignments: assignments.map((a) => ({
      id: a.id,
      subjectCode: a.code,
      subjectName: a.name,
      subgroupId: a.subgroupId,
      subgroupName: a.subgroupId ? (dir.subgroups.get(a.subgroupId)?.name ?? null) : null,
      teacherPersonId: a.teacherPersonId,
      teacherName: dir.teacherName(a.teacherPersonId),
      hours: a.hours,
      scheduledHours: timetableHours(
        termEntries.filter((e) => e.assignmentId === a.id),
        term,
      ),
    })),
    periods: bells.get(weekStart)!.periods,
  };
}

const sameCell = (
  e: SlotEntry,
  c: { weekday: number; pairNo: number; assignmentId: number; teacherPersonId: number; room: string | null; parity: string },
) =>
  e.weekday === c.weekday &&
  e.pairNo === c.pairNo &&
  e.assignmentId === c.assignmentId &&
  e.teacherPersonId === c.teacherPersonId &&
  (e.room ?? '') === (c.room ?? '') &&
  e.parity === c.parity;

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
export async function replaceGroupWeek(
  tx: Tx,
  orgId: number,
  dir: Directory,
  groupId: number,
  term: { id: number; startDate: string; endDate: string },
  from: string,
  to: string,
  cells: GridCell[],
  shownWeek?: string,
) {
  const cellKey = (c: GridCell) => [c.weekday, c.pairNo, c.assignmentId, c.teacherPersonId ?? '', c.room ?? '', c.parity].join('|');
  const unique = [...new Map(cells.map((c) => [cellKey(c), c])).values()];
  const wanted = unique.map((c, i) => {
    const a = dir.assignments.get(c.assignmentId);
    if (!a || a.groupId !== groupId)
      throw fieldError(
        `cells.${i}.assignmentId`,
        `Предмет в ячейке «${WEEKDAY_TITLES[c.weekday]}, ${c.pairNo} пара» не из нагрузки этой группы.`,
      );
    if (a.termId !== term.id)
      throw fieldError(
        `cells.${i}.assignmentId`,
        `Нагрузка по ${a.code} ${a.name} — другого семестра; выберите предмет текущего семестра.`,
      );
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
      if (vf !== same.validFrom || vt !== same.validTo) await setEntryPeriod(tx, orgId, same.id, { validFrom: vf, validTo: vt });
    } else toCreate.push(c);
  }
  let removed = 0;
  for (const e of existing) {
    if (claimed.has(e.id) || e.validTo < from || e.validFrom > to) continue;
    removed++;
    if (e.validFrom >= from && e.validTo <= to) {
      await deleteEntry(tx, orgId, e.id);
    } else if (e.validFrom < from && e.validTo > to) {
      await setEntryPeriod(tx, orgId, e.id, { validTo: addDays(from, -1) });
      await copyEntry(tx, orgId, e.id, { validFrom: addDays(to, 1), validTo: e.validTo });
    } else if (e.validFrom < from) {
      await setEntryPeriod(tx, orgId, e.id, { validTo: addDays(from, -1) });
    } else {
      await setEntryPeriod(tx, orgId, e.id, { validFrom: addDays(to, 1) });
    }
  }
  await insertEntries(
    tx,
    orgId,
    toCreate.map((c) => ({ ...c, termId: term.id, groupId, validFrom: from, validTo: to })),
  );

  const all = await loadEntries(tx, orgId, { from: term.startDate, to: term.endDate, termId: term.id });
  const mine = all.filter((e) => e.groupId === groupId && e.validFrom <= to && e.validTo >= from);
  const others = all.filter((e) => e.groupId !== groupId);
  const names = clashNames(dir);
  const touched = new Set(mine.map((e) => e.assignmentId));
  const clashes = [
    ...findEntryClashes(mine, others, names),
    ...findHoursClashes(
      all.filter((e) => e.groupId === groupId),
      [...touched].map((id) => dir.assignments.get(id)!),
      term,
      names,
    ),
  ];
  if (clashes.length) throw clashError(clashes);
  const lessons = await generateLessons(tx, orgId, { from, to: term.endDate, groupIds: [groupId] });
  return { kept, created: toCreate.length, removed, lessons };
}

export function periodIn<T extends { id: number; startDate: string; endDate: string }>(terms: T[], from: string, to: string | undefined) {
  const term = termOn(terms, from);
  if (!term) throw fieldError('from', `${formatRu(from)} не входит ни в один семестр. Выберите дату внутри семестра.`);
  const end = to && to < term.endDate ? to : term.endDate;
  if (end < from) throw fieldError('to', 'Конец периода раньше его начала.');
  return { term, from, to: end };
}

export async function saveGrid(ctx: Ctx, groupId: number, body: z.infer<typeof GridSaveBody>) {
  const orgId = orgOf(ctx);
  const group = await groupOf(ctx.db, orgId, groupId);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const { term, from, to } = periodIn(terms, body.from, body.to);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await replaceGroupWeek(tx, orgId, dir, groupId, term, from, to, body.cells, mondayOf(body.weekStart ?? from));
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'timetable.save',
      entity: 'group',
      entityId: groupId,
      after: { from, to, cells: body.cells, lessons: r.lessons },
      ip: ctx.ip,
    });
    const what = `оставлено ${r.kept}, добавлено ${r.created}, снято ${r.removed}`;
    return {
      ...r,
      message: `Расписание ${group.name} с ${formatRu(from)} по ${formatRu(to)} сохранено: ${what}. ${lessonsText(r.lessons)}`,
    };
  });
}

export async function copyWeek(ctx: Ctx, groupId: number, body: z.infer<typeof CopyWeekBody>) {
  const orgId = orgOf(ctx);
  const group = await groupOf(ctx.db, orgId, groupId);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const src = mondayOf(body.sourceDate);
  const { term, to } = periodIn(terms, body.fromDate, addDays(mondayOf(body.toDate), 6));
  const start = mondayOf(body.fromDate) < term.startDate ? term.startDate : mondayOf(body.fromDate);
  if (start <= addDays(src, 6) && to >= src)
    throw fieldError('fromDate', 'Период, в который копируется неделя, не должен включать саму неделю.');
  const source = await loadEntries(ctx.db, orgId, { from: src, to: addDays(src, 6), groupIds: [groupId] });
  if (!source.length)
    throw fieldError('sourceDate', `На неделе с ${formatRu(src)} у группы ${group.name} нет занятий — копировать нечего.`);
  const cells = source.map((e) => ({
    weekday: e.weekday,
    pairNo: e.pairNo,
    assignmentId: e.assignmentId,
    teacherPersonId: e.teacherPersonId,
    room: e.room,
    parity: e.parity,
  }));
  return ctx.db.transaction().execute(async (tx) => {
    const r = await replaceGroupWeek(tx, orgId, dir, groupId, term, start, to, cells);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'timetable.copy_week',
      entity: 'group',
      entityId: groupId,
      after: { source: src, from: start, to, lessons: r.lessons },
      ip: ctx.ip,
    });
    const perWeek = countRu(cells.length, NOUNS.lesson);
    return {
      ...r,
      message: `Неделя с ${formatRu(src)} скопирована в расписание ${group.name} на ${formatRu(start)} – ${formatRu(to)} (${perWeek} в неделю). ${lessonsText(r.lessons)}`,
    };
  });
}

/** Brings the lessons of a period in line with the timetable. */
export async function regenerate(ctx: Ctx, from: string, to: string) {
  if (from > to) throw fieldError('to', 'Конец периода раньше начала.');
  if (Date.parse(to) - Date.parse(from) > 400 * 86400000) throw badRequest('Период не длиннее учебного года.');
  const orgId = orgOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const lessons = await generateLessons(tx, orgId, { from, to });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'lessons.generate',
      entity: 'lessons',
      entityId: null,
      after: { from, to, ...lessons },
      ip: ctx.ip,
    });
    return { ...lessons, message: `Занятия с ${formatRu(from)} по ${formatRu(to)} сверены с расписанием. ${lessonsText(lessons)}` };
  });
}
