import type { z } from 'zod';
import type { Catalog, Week, WeekLesson, WeekQuery } from '../../contracts/timetable.js';
import { addDays, formatRu, weekday } from '../../domain/dates.js';
import { compareRu, fullName } from '../../domain/text.js';
import { mondayOf, PARITY_TITLES, roomKey, WEEKDAY_TITLES, weekParity } from '../../domain/timetable.js';
import { fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { namesStudent, reachedGroupIds, seesGroup } from '../platform/reach.js';
import { fixSlotPairs, lessonsIn, present } from './occurrences.js';
import { bellsForDates, loadDirectory, loadTerms, termOn } from './queries.js';
import { findPersonName, studentGroupOn, studentsByIds, teacherPersonIds, timetableRooms } from './queries/week-views.js';
import { orgOf, today } from './shared.js';

/** May the caller see a group's week? By reach, or as a student of it. */
async function canSeeGroup(ctx: Ctx, groupId: number): Promise<boolean> {
  const r = ctx.reach;
  if (await seesGroup(ctx.db, r, groupId)) return true;
  const self = r.principal.studentId;
  return !!self && r.ownStudentIds.includes(self) && (await studentGroupOn(ctx.db, r.orgId, self, today(ctx)))?.groupId === groupId;
}

export async function getCatalog(ctx: Ctx): Promise<Catalog> {
  const orgId = orgOf(ctx);
  const r = ctx.reach;
  const dir = await loadDirectory(ctx.db, orgId);
  const reached = await reachedGroupIds(ctx.db, r);
  const groupIds = [...dir.groups.keys()].filter((g) => reached === null || reached.includes(g));
  const teacherIds = r.all ? null : r.teaches ? [r.personId] : [];
  const teachers = await teacherPersonIds(ctx.db, orgId);
  const rooms = r.all ? await timetableRooms(ctx.db, orgId) : [];
  return {
    groups: groupIds
      .map((id) => dir.groups.get(id)!)
      .sort((a, b) => compareRu(a.sortKey, b.sortKey))
      .map((g) => ({
        id: g.id,
        name: g.name,
        subgroups: [...dir.subgroups.values()].filter((s) => s.groupId === g.id).map((s) => ({ id: s.id, name: s.name })),
      })),
    teachers: teachers
      .filter((id) => teacherIds === null || teacherIds.includes(id))
      .filter((id) => dir.persons.has(id))
      .sort((a, b) => compareRu(dir.persons.get(a)!.sortKey, dir.persons.get(b)!.sortKey))
      .map((id) => ({ personId: id, name: dir.persons.get(id)!.full })),
    rooms: rooms.sort(compareRu),
  };
}

export async function getWeek(ctx: Ctx, q: z.infer<typeof WeekQuery>): Promise<Week> {
  const orgId = orgOf(ctx);
  const p = ctx.principal;
  const r = ctx.reach;
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
    if (!(await canSeeGroup(ctx, q.id))) throw forbidden('Расписание этой группы вам недоступно.');
    subjectId = q.id;
    title = `Группа ${dir.groups.get(q.id)!.name}`;
    filter = (l) => l.groupId === subjectId;
  } else if (q.view === 'teacher') {
    const id = q.id ?? p.personId;
    if (!r.all && id !== r.personId) throw forbidden('Можно смотреть только своё расписание.');
    if (!r.all && !r.teaches) throw forbidden('Расписание преподавателя вам недоступно.');
    const person = await findPersonName(ctx.db, orgId, id);
    if (!person) throw notFound('Преподаватель не найден.');
    subjectId = id;
    title = `Преподаватель ${fullName(person)}`;
    filter = (l) => l.teacherPersonId === id || handedOver.has(l.key);
  } else if (q.view === 'room') {
    if (!r.all) throw forbidden('Расписание аудиторий доступно сотрудникам учебной части.');
    if (!q.room) throw fieldError('room', 'Укажите аудиторию.');
    room = q.room;
    title = `Аудитория ${q.room}`;
    filter = (l) => roomKey(l.room) === roomKey(room);
  } else {
    // A guardian's children in the diary's order: with no child named, the week opens on the first, as the diary does.
    const kids = await studentsByIds(ctx.db, orgId, p.linkedStudentIds);
    const id = q.id ?? p.studentId ?? kids[0]?.id;
    if (!id) throw fieldError('id', 'Укажите обучающегося.');
    const [student] = await studentsByIds(ctx.db, orgId, [id]);
    if (!student) throw notFound('Обучающийся не найден.');
    const at = await studentGroupOn(ctx.db, orgId, id, q.date);
    const ofReachedGroup = !!at && (r.curatorGroupIds.includes(at.groupId) || r.directionGroupIds.includes(at.groupId));
    if (!namesStudent(r, id) && !ofReachedGroup) throw forbidden('Расписание этого обучающегося вам недоступно.');
    subjectId = id;
    title = `${fullName(student)}${at ? `, группа ${dir.groups.get(at.groupId)?.name ?? ''}` : ''}`;
    filter = (l) => !!at && l.groupId === at.groupId && (l.subgroupId === null || at.subgroupIds.includes(l.subgroupId));
    children = kids.map((k) => ({ id: k.id, name: fullName(k) }));
  }
  const { occ, lessons, reasons } = await lessonsIn(ctx.db, orgId, weekStart, weekEnd);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const bells = await bellsForDates(ctx.db, orgId, dates);
  if (q.view === 'teacher') {
    for (const o of occ)
      if (o.plannedTeacherPersonId === subjectId && o.teacherPersonId !== subjectId && o.changeKind === 'substitute')
        handedOver.add(`e${o.entryId}-${o.slotDate}`);
  }
  const items = present(dir, bells, occ, lessons, reasons).filter(filter);
  await fixSlotPairs(ctx.db, orgId, items);
  const terms = await loadTerms(ctx.db, orgId);
  const term = termOn(terms, weekStart) ?? termOn(terms, addDays(weekStart, 5));
  const own =
    q.view === 'teacher' && subjectId === p.personId
      ? [...dir.assignments.values()]
          .filter((a) => a.teacherPersonId === p.personId && term && a.termId === term.id)
          .map((a) => ({ id: a.id, label: `${dir.groupName(a.groupId, a.subgroupId)} — ${a.code} ${a.name}` }))
          .sort((a, b) => compareRu(a.label, b.label))
      : [];
  return {
    view: q.view,
    title,
    subjectId,
    room,
    weekStart,
    weekEnd,
    today: today(ctx),
    parity: term ? PARITY_TITLES[weekParity(weekStart < term.startDate ? term.startDate : weekStart, term.startDate)] : null,
    days: dates
      .filter((d, i) => i < 6 || items.some((l) => l.date === d))
      .map((d) => ({
        date: d,
        title: `${WEEKDAY_TITLES[weekday(d)]}, ${formatRu(d)}`,
        bellsName: bells.get(d)!.name,
        periods: bells.get(d)!.periods,
        lessons: items.filter((l) => l.date === d),
      })),
    ownAssignments: own,
    children,
  };
}
