import type { HomeAbsences, HomeBehind, HomeDebtors } from '../../contracts/control-home.js';
import { localDateTime, todayIn } from '../../domain/dates.js';
import { lessonEnded } from '../../domain/fill.js';
import { isDebt, resultOf, weekStart } from '../../domain/performance.js';
import { compareRu, fullName, shortName } from '../../domain/text.js';
import { resolveTerm } from '../curriculum/queries.js';
import { directionGroupIds } from '../platform/direction.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal, visibleStudents, type Reach } from '../platform/reach.js';
import { bellsForDates } from '../timetable/queries.js';
import { unrecordedBetween } from './fill-queries.js';
import { inReach } from './fill-service.js';
import { absencesBetween, groupsByIds, subgroupMembershipsAt, termAssignments } from './home-queries.js';
import { allTerms, membershipsAt, studentNames, termResults } from './performance-queries.js';

// What each role's home shows of its duty (issue 12 item 7), each within the caller's reach.

/**
 * The groups a caller follows (null: all of the college): the curator's, those of a specialist's
 * direction (wholly, or where their single students are; `visibleStudents` narrows the rows).
 */
const ownGroups = (r: Reach): number[] | null =>
  r.all ? null : [...new Set([...r.curatorGroupIds, ...(r.scopes.includes('direction') ? directionGroupIds(r.principal.direction) : [])])];

/** Who is absent today and the week's absences (Monday to today) in the groups and students in reach. */
export async function homeAbsences(ctx: Ctx): Promise<HomeAbsences> {
  const orgId = ctx.principal.organizationId;
  const r = ctx.reach;
  const today = todayIn(ctx.principal.timeZone);
  const weekFrom = weekStart(today);
  const rows = (await absencesBetween(ctx.db, orgId, weekFrom, today, r)).filter((x) => {
    const t = {
      groupId: x.group_id,
      commissionId: x.commission_id,
      assignmentTeacherPersonId: x.teacher_person_id,
      lessonTeacherPersonId: x.lesson_teacher_person_id,
    };
    return readsJournal(r, t) && (visibleStudents(r, t)?.has(x.student_id) ?? true);
  });
  const tally = () => ({ ids: new Set<number>(), hours: 0, unexcused: 0 });
  const groups = new Map<number, { name: string; sort: string; today: ReturnType<typeof tally>; week: ReturnType<typeof tally> }>();
  for (const g of await groupsByIds(ctx.db, orgId, ownGroups(r) ?? []))
    groups.set(g.id, { name: g.name, sort: g.sort_key, today: tally(), week: tally() });
  const absent = new Map<number, HomeAbsences['absentToday'][number]>();
  for (const x of rows) {
    let g = groups.get(x.group_id);
    if (!g) groups.set(x.group_id, (g = { name: x.group_name, sort: x.group_sort, today: tally(), week: tally() }));
    const hours = Number(x.hours ?? 0);
    const unexcused = Number(x.unexcused) ? hours : 0;
    for (const t of x.date === today ? [g.week, g.today] : [g.week]) {
      t.ids.add(x.student_id);
      t.hours += hours;
      t.unexcused += unexcused;
    }
    if (x.date !== today) continue;
    let a = absent.get(x.student_id);
    if (!a) {
      a = { studentId: x.student_id, fullName: '', groupId: x.group_id, group: x.group_name, hours: 0, unexcused: 0, lessons: [] };
      absent.set(x.student_id, a);
    }
    a.hours += hours;
    a.unexcused += unexcused;
    a.lessons.push({ lessonId: x.lesson_id, pairNo: x.pair_no, subject: `${x.subject_code} ${x.subject_name}`, value: x.value });
  }
  const names = new Map((await studentNames(ctx.db, orgId, [...absent.keys()])).map((s) => [s.id, s]));
  const sortOf = new Map([...groups].map(([id, g]) => [id, g.sort]));
  const count = (t: ReturnType<typeof tally>) => ({ students: t.ids.size, hours: t.hours, unexcused: t.unexcused });
  return {
    today,
    weekFrom,
    groups: [...groups]
      .sort(([, a], [, b]) => compareRu(a.sort, b.sort))
      .map(([groupId, g]) => ({ groupId, name: g.name, today: count(g.today), week: count(g.week) })),
    absentToday: [...absent.values()]
      .map((a) => ({ ...a, fullName: names.has(a.studentId) ? fullName(names.get(a.studentId)!) : `№ ${a.studentId}` }))
      .sort(
        (a, b) =>
          compareRu(sortOf.get(a.groupId) ?? '', sortOf.get(b.groupId) ?? '') ||
          compareRu(names.get(a.studentId)?.sort_key ?? '', names.get(b.studentId)?.sort_key ?? ''),
      ),
  };
}

/**
 * Debtors of the caller's groups (the curator's, a specialist's direction; the administration:
 * every group) for the last term that has ended: students still in the group with «2», «не
 * зачтено», «н/а» or no result in a subject the group studied.
 */
export async function homeDebtors(ctx: Ctx): Promise<HomeDebtors> {
  const orgId = ctx.principal.organizationId;
  const r = ctx.reach;
  const today = todayIn(ctx.principal.timeZone);
  const term = (await allTerms(ctx.db, orgId)).filter((t) => t.end_date < today).at(-1);
  if (!term) return { term: null, groups: [] };
  const assignments = await termAssignments(ctx.db, orgId, term.id, ownGroups(r));
  const [results, atEnd, now, subAtEnd] = await Promise.all([
    termResults(
      ctx.db,
      orgId,
      [term.id],
      assignments.map((a) => a.id),
    ),
    membershipsAt(ctx.db, orgId, term.end_date),
    membershipsAt(ctx.db, orgId, today),
    subgroupMembershipsAt(ctx.db, orgId, term.end_date),
  ]);
  const stays = new Set(now.map((m) => `${m.student_id}:${m.group_id}`));
  const inSub = new Set(subAtEnd.map((m) => `${m.student_id}:${m.subgroup_id}`));
  const grades = new Map<string, Partial<Record<'term' | 'exam' | 'final', string>>>();
  for (const x of results)
    grades.set(`${x.assignment_id}:${x.student_id}`, { ...grades.get(`${x.assignment_id}:${x.student_id}`), [x.kind]: x.value });
  const byGroup = new Map<number, typeof assignments>();
  for (const a of assignments) byGroup.set(a.group_id, [...(byGroup.get(a.group_id) ?? []), a]);
  const rosters = new Map<number, number[]>();
  for (const m of atEnd) {
    if (!byGroup.has(m.group_id) || !stays.has(`${m.student_id}:${m.group_id}`)) continue;
    const seen = visibleStudents(r, { groupId: m.group_id });
    if (seen && !seen.has(m.student_id)) continue;
    rosters.set(m.group_id, [...(rosters.get(m.group_id) ?? []), m.student_id]);
  }
  const names = new Map((await studentNames(ctx.db, orgId, [...rosters.values()].flat())).map((s) => [s.id, s]));
  const out: (HomeDebtors['groups'][number] & { sort: string })[] = [];
  for (const [groupId, list] of byGroup) {
    const roster = (rosters.get(groupId) ?? []).sort((a, b) => compareRu(names.get(a)?.sort_key ?? '', names.get(b)?.sort_key ?? ''));
    const subjects = new Map<number, typeof list>();
    for (const a of list) subjects.set(a.subject_id, [...(subjects.get(a.subject_id) ?? []), a]);
    const debtors = [];
    for (const studentId of roster) {
      const debts = [];
      for (const own of [...subjects.values()].sort((a, b) => compareRu(a[0].code, b[0].code))) {
        const applies = own.filter((a) => a.subgroup_id === null || inSub.has(`${studentId}:${a.subgroup_id}`));
        if (!applies.length) continue;
        const g = Object.assign({}, ...applies.map((a) => grades.get(`${a.id}:${studentId}`) ?? {})) as Partial<
          Record<'term' | 'exam' | 'final', string>
        >;
        const v = resultOf(g);
        if (v === undefined || isDebt(v)) debts.push({ code: own[0].code, name: own[0].name, value: v ?? null });
      }
      const s = names.get(studentId);
      if (debts.length) debtors.push({ studentId, fullName: s ? fullName(s) : `№ ${studentId}`, debts });
    }
    out.push({ groupId, name: list[0].group_name, students: roster.length, debtors, sort: list[0].sort_key });
  }
  return {
    term: { id: term.id, title: `${term.number}-й семестр ${term.year_name}`, endDate: term.end_date },
    groups: out.sort((a, b) => compareRu(a.sort, b.sort)).map(({ sort: _, ...g }) => g),
  };
}

/** Journals behind over the current term: lessons that have ended unrecorded, per assignment (the chair: the commission's). */
export async function homeBehind(ctx: Ctx): Promise<HomeBehind> {
  const orgId = ctx.principal.organizationId;
  const tz = ctx.principal.timeZone;
  const term = await resolveTerm(ctx.db, orgId, tz);
  const local = localDateTime(tz);
  const to = term.endDate < local.date ? term.endDate : local.date;
  const reach = inReach(ctx.reach);
  const [rows, bells] = await Promise.all([
    unrecordedBetween(ctx.db, orgId, term.startDate, to),
    bellsForDates(ctx.db, orgId, [local.date]),
  ]);
  const periods = bells.get(local.date)?.periods ?? [];
  const items = new Map<string, HomeBehind['items'][number]>();
  let lessons = 0;
  for (const x of rows) {
    if (!reach(x.commission_id) || !lessonEnded({ date: x.date, pairNo: x.pair_no }, periods, local)) continue;
    lessons++;
    const key = `${x.assignment_id}:${x.teacher_person_id}`;
    const had = items.get(key);
    if (had) had.missing++;
    else
      items.set(key, {
        assignmentId: x.assignment_id,
        teacher: { personId: x.teacher_person_id, name: shortName(x) },
        group: x.subgroup_name ? `${x.group_name} (${x.subgroup_name})` : x.group_name,
        subject: `${x.subject_code} ${x.subject_name}`,
        missing: 1,
        firstLessonId: x.id,
        firstDate: x.date,
      });
  }
  return {
    term: { id: term.id, label: term.label },
    today: local.date,
    lessons,
    items: [...items.values()].sort(
      (a, b) => b.missing - a.missing || compareRu(a.teacher.name, b.teacher.name) || compareRu(a.group, b.group),
    ),
  };
}
