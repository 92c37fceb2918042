import type { z } from 'zod';
import type { Catalog, Week, WeekLesson, WeekQuery } from '../../contracts/timetable.js';
import { addDays, formatRu, weekday } from '../../domain/dates.js';
import type { Scope } from '../../domain/permissions.js';
import { compareRu, fullName } from '../../domain/text.js';
import { mondayOf, PARITY_TITLES, roomKey, WEEKDAY_TITLES, weekParity } from '../../domain/timetable.js';
import { directionGroupIds, directionReach } from '../platform/direction.js';
import { fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { fixSlotPairs, lessonsIn, present } from './occurrences.js';
import { bellsForDates, loadDirectory, loadTerms, termOn } from './queries.js';
import { findPersonName, studentGroupOn, studentsByIds, teacherGroupIds, teacherPersonIds, timetableRooms } from './queries/week-views.js';
import { orgOf, today } from './shared.js';

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
  const teachers = await teacherPersonIds(ctx.db, orgId);
  const rooms = scopes.includes('org') ? await timetableRooms(ctx.db, orgId) : [];
  return {
    groups: groupIds.map((id) => dir.groups.get(id)!).sort((a, b) => compareRu(a.sortKey, b.sortKey)).map((g) => ({
      id: g.id, name: g.name, subgroups: [...dir.subgroups.values()].filter((s) => s.groupId === g.id).map((s) => ({ id: s.id, name: s.name })),
    })),
    teachers: teachers.filter((id) => teacherIds === null || teacherIds.includes(id)).filter((id) => dir.persons.has(id))
      .sort((a, b) => compareRu(dir.persons.get(a)!.sortKey, dir.persons.get(b)!.sortKey)).map((id) => ({ personId: id, name: dir.persons.get(id)!.full })),
    rooms: rooms.sort(compareRu),
  };
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
    const person = await findPersonName(ctx.db, orgId, id);
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
    const kids = await studentsByIds(ctx.db, orgId, p.linkedStudentIds);
    const id = q.id ?? p.studentId ?? kids[0]?.id;
    if (!id) throw fieldError('id', 'Укажите обучающегося.');
    const allowed = scopes.includes('org') || (scopes.includes('self') && p.studentId === id) || (scopes.includes('linked') && p.linkedStudentIds.includes(id))
      || (scopes.includes('direction') && p.direction.studentIds.includes(id));
    const [student] = await studentsByIds(ctx.db, orgId, [id]);
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
  await fixSlotPairs(ctx.db, orgId, items);
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
