import type { Child, Children, FamilyDay, FamilyGrades, FamilyLesson, FamilyMark, FamilySubject, FamilyWeek, StudentOverview } from '../../contracts/family.js';
import type { AttestationValue } from '../../domain/attestation.js';
import { addDays, todayIn, weekday } from '../../domain/dates.js';
import { averages, WORK_TYPE_TITLES, type WorkType } from '../../domain/marks.js';
import type { Scope } from '../../domain/permissions.js';
import { fullName } from '../../domain/text.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { bellsForDates } from '../timetable/queries.js';

const NOT_FOUND = 'Обучающийся не найден среди доступных вам.';

/** A student the caller may see: themself (`self`) or a linked child (`linked`); 404 otherwise. */
async function visibleStudent(ctx: Ctx, id: number, scopes: readonly Scope[]): Promise<void> {
  const p = ctx.principal;
  const own = scopes.includes('self') && p.studentId === id;
  const linked = scopes.includes('linked') && p.linkedStudentIds.includes(id);
  if (!own && !linked) throw notFound(NOT_FOUND);
  const row = await ctx.db.selectFrom('students').select('id').where('id', '=', id).where('organization_id', '=', p.organizationId).executeTakeFirst();
  if (!row) throw notFound(NOT_FOUND);
}

const visibleIds = (ctx: Ctx, scopes: readonly Scope[]) => {
  const p = ctx.principal;
  const ids = [...(scopes.includes('self') && p.studentId ? [p.studentId] : []), ...(scopes.includes('linked') ? p.linkedStudentIds : [])];
  return [...new Set(ids)];
};

async function childrenOf(ctx: Ctx, ids: number[]): Promise<Child[]> {
  if (!ids.length) return [];
  const today = todayIn(ctx.principal.timeZone);
  const rows = await ctx.db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id'))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .leftJoin('programs as pr', 'pr.id', 'g.program_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key', 'gm.start_date', 'gm.end_date', 'g.name as group_name', 'g.course', 'pr.name as program_name'])
    .where('s.organization_id', '=', ctx.principal.organizationId)
    .where('s.id', 'in', ids)
    .orderBy('p.sort_key')
    .orderBy('gm.start_date', 'desc')
    .execute();
  const out = new Map<number, Child & { current: boolean }>();
  for (const r of rows) {
    const current = !!r.start_date && r.start_date <= today && (r.end_date === null || r.end_date >= today);
    const prev = out.get(r.id);
    if (prev && (prev.current || !current)) continue;
    out.set(r.id, {
      studentId: r.id, fullName: fullName(r), firstName: r.first_name, groupName: r.group_name ?? null, course: r.course ?? null, programName: r.program_name ?? null, current,
    });
  }
  return [...out.values()].map(({ current: _current, ...c }) => c);
}

export async function listChildren(ctx: Ctx, scopes: readonly Scope[]): Promise<Children> {
  return { items: await childrenOf(ctx, visibleIds(ctx, scopes)) };
}

export async function studentOverview(ctx: Ctx, id: number, scopes: readonly Scope[]): Promise<StudentOverview> {
  await visibleStudent(ctx, id, scopes);
  const orgId = ctx.principal.organizationId;
  const today = todayIn(ctx.principal.timeZone);
  const [student] = await childrenOf(ctx, [id]);
  const spans = await ctx.db.selectFrom('group_memberships').select(['start_date', 'end_date']).where('organization_id', '=', orgId).where('student_id', '=', id).execute();
  const first = spans.reduce<string | null>((m, s) => (m === null || s.start_date < m ? s.start_date : m), null);
  const last = spans.some((s) => s.end_date === null) ? null : spans.reduce<string | null>((m, s) => (m === null || s.end_date! > m ? s.end_date : m), null);
  const terms = first === null ? [] : await ctx.db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.id as year_id', 'y.name as year_name', 'y.start_date as year_start'])
    .where('t.organization_id', '=', orgId)
    .where('t.start_date', '<=', last ?? '9999-12-31')
    .where('t.end_date', '>=', first)
    .orderBy('t.start_date', 'desc')
    .execute();
  const years = new Map<number, StudentOverview['years'][number]>();
  for (const t of terms) {
    const y = years.get(t.year_id) ?? { id: t.year_id, name: t.year_name, terms: [] };
    y.terms.unshift({ id: t.id, number: t.number, startDate: t.start_date, endDate: t.end_date });
    years.set(t.year_id, y);
  }
  const started = terms.filter((t) => t.start_date <= today);
  const current = started.find((t) => t.end_date >= today) ?? started[0] ?? terms.at(-1) ?? null;
  return { student, today, years: [...years.values()], currentTermId: current?.id ?? null };
}

/** The lessons of a student's group (and subgroup) between two dates, with the student's marks. */
async function studentLessons(ctx: Ctx, studentId: number, from: string, to: string): Promise<FamilyLesson[]> {
  const orgId = ctx.principal.organizationId;
  const [groups, subgroups] = await Promise.all([
    ctx.db.selectFrom('group_memberships').select(['group_id', 'start_date', 'end_date'])
      .where('organization_id', '=', orgId).where('student_id', '=', studentId)
      .where('start_date', '<=', to).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)])).execute(),
    ctx.db.selectFrom('subgroup_memberships').select(['subgroup_id', 'start_date', 'end_date'])
      .where('organization_id', '=', orgId).where('student_id', '=', studentId)
      .where('start_date', '<=', to).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)])).execute(),
  ]);
  if (!groups.length) return [];
  const within = (s: { start_date: string; end_date: string | null }, d: string) => s.start_date <= d && (s.end_date === null || s.end_date >= d);
  // Assignments first: the lessons are then found through their (assignment, date) index.
  const assignmentIds = (await ctx.db.selectFrom('assignments').select('id')
    .where('organization_id', '=', orgId).where('group_id', 'in', [...new Set(groups.map((g) => g.group_id))]).execute()).map((a) => a.id);
  if (!assignmentIds.length) return [];
  const rows = await ctx.db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'l.teacher_person_id')
    .select(['l.id', 'l.assignment_id', 'l.date', 'l.pair_no', 'l.hours', 'l.room', 'l.topic', 'l.homework', 'l.recorded_at', 'l.status', 'l.planned_teacher_person_id', 'l.teacher_person_id', 'a.group_id', 'a.subgroup_id', 'ci.code', 'ci.name', 'tp.last_name', 'tp.first_name', 'tp.middle_name'])
    .where('l.organization_id', '=', orgId)
    .where('l.assignment_id', 'in', assignmentIds)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();
  const lessons = rows.filter((l) =>
    groups.some((g) => g.group_id === l.group_id && within(g, l.date)) &&
    (l.subgroup_id === null || subgroups.some((s) => s.subgroup_id === l.subgroup_id && within(s, l.date))),
  );
  if (!lessons.length) return [];
  const [marksByLesson, bells, files] = await Promise.all([
    studentMarks(ctx, studentId, from, to),
    bellsForDates(ctx.db, orgId, [...new Set(lessons.map((l) => l.date))]),
    ctx.db.selectFrom('lesson_files').select(['id', 'lesson_id', 'file_name'])
      .where('organization_id', '=', orgId).where('lesson_id', 'in', lessons.map((l) => l.id)).orderBy('id').execute(),
  ]);
  return lessons.map((l) => {
    const bell = bells.get(l.date)?.periods.find((p) => p.pairNo === l.pair_no);
    return {
    lessonId: l.id,
    date: l.date,
    pairNo: l.pair_no,
    startsAt: bell?.startsAt ?? null,
    endsAt: bell?.endsAt ?? null,
    hours: l.hours,
    subjectCode: l.code,
    subjectName: l.name,
    teacherName: fullName(l),
    room: l.room,
    topic: l.topic,
    homework: l.homework,
    recorded: l.recorded_at !== null,
    cancelled: l.status === 'cancelled',
    substitute: l.teacher_person_id !== l.planned_teacher_person_id,
    homeworkDue: null,
    files: files.filter((f) => f.lesson_id === l.id).map((f) => ({ id: f.id, fileName: f.file_name })),
    marks: marksByLesson.get(l.id) ?? [],
    assignmentId: l.assignment_id,
  } as FamilyLesson & { assignmentId: number };
  });
}

/** The student's marks on lessons between two dates: current values, removed ones, and every change. */
async function studentMarks(ctx: Ctx, studentId: number, from: string, to: string): Promise<Map<number, FamilyMark[]>> {
  const orgId = ctx.principal.organizationId;
  const [current, events, excuses] = await Promise.all([
    ctx.db.selectFrom('marks as m').innerJoin('lessons as l', 'l.id', 'm.lesson_id')
      .select(['m.id', 'm.lesson_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours', 'm.created_at', 'l.date', 'l.hours as lesson_hours'])
      .where('m.organization_id', '=', orgId).where('m.student_id', '=', studentId).where('l.date', '>=', from).where('l.date', '<=', to)
      .orderBy('m.id').execute(),
    ctx.db.selectFrom('mark_events as e').innerJoin('lessons as l', 'l.id', 'e.lesson_id')
      .select(['e.id', 'e.mark_id', 'e.lesson_id', 'e.kind', 'e.action', 'e.old_value', 'e.new_value', 'e.old_work_type', 'e.new_weight', 'e.reason', 'e.at', 'l.date', 'l.hours as lesson_hours'])
      .where('e.organization_id', '=', orgId).where('e.student_id', '=', studentId).where('l.date', '>=', from).where('l.date', '<=', to)
      .orderBy('e.id').execute(),
    ctx.db.selectFrom('absence_excuses').select(['from_date', 'to_date', 'reason'])
      .where('organization_id', '=', orgId).where('student_id', '=', studentId).where('revoked_at', 'is', null)
      .where('from_date', '<=', to).where('to_date', '>=', from).execute(),
  ]);
  const eventsOf = new Map<number, typeof events>();
  for (const e of events) {
    const list = eventsOf.get(e.mark_id) ?? [];
    list.push(e);
    eventsOf.set(e.mark_id, list);
  }
  const out = new Map<number, FamilyMark[]>();
  const push = (lessonId: number, m: FamilyMark) => {
    const list = out.get(lessonId) ?? [];
    list.push(m);
    out.set(lessonId, list);
  };
  const changesOf = (id: number) =>
    (eventsOf.get(id) ?? []).filter((e) => e.action !== 'create').map((e) => ({ at: e.at, oldValue: e.old_value, newValue: e.new_value, reason: e.reason }));
  const excuseOn = (date: string) => excuses.find((x) => x.from_date <= date && date <= x.to_date)?.reason ?? null;
  const seen = new Set<number>();
  for (const m of current) {
    seen.add(m.id);
    const excuse = m.kind === 'absence' && m.value === 'н' ? excuseOn(m.date) : null;
    push(m.lesson_id, {
      id: m.id, kind: m.kind, value: excuse ? 'уп' : m.value, workType: m.work_type, workTypeTitle: m.work_type ? (WORK_TYPE_TITLES[m.work_type as WorkType] ?? m.work_type) : null,
      weight: m.weight, hours: m.kind === 'absence' ? (m.hours ?? m.lesson_hours) : null,
      enteredAt: eventsOf.get(m.id)?.[0]?.at ?? m.created_at, changes: changesOf(m.id), excuse,
    });
  }
  // A removed mark is gone from `marks` but not from its history: show that it was removed, and when.
  for (const [id, list] of eventsOf) {
    if (seen.has(id) || list.at(-1)!.action !== 'delete') continue;
    const firstEvent = list[0];
    push(firstEvent.lesson_id, {
      id, kind: firstEvent.kind, value: null, workType: firstEvent.old_work_type, workTypeTitle: firstEvent.old_work_type ? (WORK_TYPE_TITLES[firstEvent.old_work_type as WorkType] ?? null) : null,
      weight: firstEvent.new_weight ?? 1, hours: null, enteredAt: firstEvent.at, changes: changesOf(id), excuse: null,
    });
  }
  return out;
}

/** «What happened today»: the day's lessons, marks entered that day for earlier lessons, and the next school day. */
export async function studentDay(ctx: Ctx, id: number, date: string | undefined, scopes: readonly Scope[]): Promise<FamilyDay> {
  await visibleStudent(ctx, id, scopes);
  const tz = ctx.principal.timeZone;
  const day = date ?? todayIn(tz);
  // Marks entered or corrected on this day may belong to any earlier lesson.
  const touched = await ctx.db.selectFrom('mark_events as e').innerJoin('lessons as l', 'l.id', 'e.lesson_id')
    .select((eb) => eb.fn.min('l.date').as('first'))
    .where('e.organization_id', '=', ctx.principal.organizationId).where('e.student_id', '=', id)
    .where('e.at', '>=', addDays(day, -1)).where('e.at', '<', addDays(day, 2)).where('l.date', '<', day)
    .executeTakeFirst();
  const twoWeeksBack = addDays(day, -14);
  const since = touched?.first && touched.first < twoWeeksBack ? touched.first : twoWeeksBack;
  const all = await studentLessons(ctx, id, since, addDays(day, 14));
  const lessons = all.filter((l) => l.date === day);
  const recent = all.filter((l) => l.date < day);
  const ahead = all.filter((l) => l.date > day);
  const localDay = (iso: string) => todayIn(tz, new Date(iso));
  const news = recent
    .map((l) => ({ ...l, marks: l.marks.filter((m) => localDay(m.enteredAt) === day || m.changes.some((c) => localDay(c.at) === day)) }))
    .filter((l) => l.marks.length > 0);
  const nextDate = ahead[0]?.date ?? null;
  let next: FamilyDay['next'] = null;
  if (nextDate) {
    const nextLessons = ahead.filter((l) => l.date === nextDate) as (FamilyLesson & { assignmentId: number })[];
    const before = [...recent, ...lessons] as (FamilyLesson & { assignmentId: number })[];
    for (const l of nextLessons) {
      l.homeworkDue = before.filter((b) => b.assignmentId === l.assignmentId && b.homework).at(-1)?.homework ?? null;
    }
    next = { date: nextDate, lessons: nextLessons };
  }
  return { date: day, lessons, news: news.reverse(), next };
}

/** A week (Monday to Sunday) of lessons: the timetable, topics, homework and marks by day. */
export async function studentWeek(ctx: Ctx, id: number, from: string | undefined, scopes: readonly Scope[]): Promise<FamilyWeek> {
  await visibleStudent(ctx, id, scopes);
  const anchor = from ?? todayIn(ctx.principal.timeZone);
  const monday = addDays(anchor, 1 - weekday(anchor));
  const sunday = addDays(monday, 6);
  const lessons = await studentLessons(ctx, id, monday, sunday);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))
    .map((d) => ({ date: d, lessons: lessons.filter((l) => l.date === d) }))
    .filter((d) => weekday(d.date) <= 6 || d.lessons.length > 0);
  return { from: monday, to: sunday, days };
}

const emptyAbsences = () => ({ н: 0, б: 0, уп: 0, оп: 0, total: 0 });
function addAbsence(t: ReturnType<typeof emptyAbsences>, m: FamilyMark) {
  if (m.kind !== 'absence' || m.value === null) return;
  const code = m.value as 'н' | 'б' | 'уп' | 'оп';
  if (!(code in t)) return;
  // Lateness is counted in times, absences in academic hours.
  if (code === 'оп') {
    t.оп += 1;
    return;
  }
  const hours = m.hours ?? 0;
  t[code] += hours;
  t.total += hours;
}

/** Grades of a term by subject, with averages, absences in academic hours and the term grades. */
export async function studentGrades(ctx: Ctx, id: number, termId: number | undefined, scopes: readonly Scope[]): Promise<FamilyGrades> {
  const overview = await studentOverview(ctx, id, scopes);
  const tid = termId ?? overview.currentTermId;
  const term = tid ? await ctx.db.selectFrom('terms as t').innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.name as year_name'])
    .where('t.organization_id', '=', ctx.principal.organizationId).where('t.id', '=', tid).executeTakeFirst() : undefined;
  if (!term) throw notFound('Семестр не найден.');
  const lessons = (await studentLessons(ctx, id, term.start_date, term.end_date)) as (FamilyLesson & { assignmentId: number })[];
  const termGrades = await ctx.db
    .selectFrom('term_grades as tg')
    .innerJoin('assignments as a', 'a.id', 'tg.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'a.teacher_person_id')
    .select(['tg.kind', 'tg.value', 'ci.code', 'ci.name', 'tp.last_name', 'tp.first_name', 'tp.middle_name'])
    .where('tg.organization_id', '=', ctx.principal.organizationId)
    .where('tg.student_id', '=', id)
    .where('a.term_id', '=', term.id)
    .execute();
  const subjects = new Map<string, FamilySubject>();
  const subjectOf = (code: string, name: string, teacherName: string) => {
    const key = `${code} ${name}`;
    let s = subjects.get(key);
    if (!s) {
      s = { subjectCode: code, subjectName: name, teacherName, marks: [], average: null, weightedAverage: null, absences: emptyAbsences(), termGrades: { term: null, exam: null, final: null } };
      subjects.set(key, s);
    }
    return s;
  };
  const total = emptyAbsences();
  const allGrades: { value: string; weight: number }[] = [];
  for (const l of lessons) {
    if (l.cancelled) continue;
    const s = subjectOf(l.subjectCode, l.subjectName, l.teacherName);
    for (const m of l.marks) {
      s.marks.push({ ...m, date: l.date, lessonId: l.lessonId });
      addAbsence(s.absences, m);
      addAbsence(total, m);
      if (m.kind === 'grade' && m.value !== null) allGrades.push({ value: m.value, weight: m.weight });
    }
  }
  for (const g of termGrades) {
    subjectOf(g.code, g.name, fullName(g)).termGrades[g.kind] = g.value as AttestationValue;
  }
  for (const s of subjects.values()) {
    const a = averages(s.marks.filter((m) => m.kind === 'grade' && m.value !== null).map((m) => ({ value: m.value!, weight: m.weight })));
    s.average = a.plain;
    s.weightedAverage = a.weighted;
  }
  return {
    term: { id: term.id, number: term.number, startDate: term.start_date, endDate: term.end_date, yearName: term.year_name },
    subjects: [...subjects.values()].sort((a, b) => a.subjectCode.localeCompare(b.subjectCode, 'ru')),
    absences: total,
    average: averages(allGrades).weighted,
  };
}
