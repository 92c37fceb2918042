import type {
  Child,
  Children,
  FamilyDay,
  FamilyGrades,
  FamilyLesson,
  FamilyMark,
  FamilySubject,
  FamilyWeek,
  StudentOverview,
} from '../../contracts/family.js';
import type { AttestationValue } from '../../domain/attestation.js';
import { addDays, todayIn, weekday } from '../../domain/dates.js';
import { defaultTerm } from '../../domain/terms.js';
import { averages, WORK_TYPE_TITLES, type WorkType } from '../../domain/marks.js';
import { fullName } from '../../domain/text.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { namesStudent } from '../platform/reach.js';
import { bellsForDates } from '../timetable/queries.js';
import {
  childrenRows,
  firstLessonTouched,
  groupSpans,
  lessonFiles,
  lessonsOfGroups,
  studentExists,
  studentMarkRows,
  subgroupSpans,
  termGradeRows,
  termsBetween,
  termWithYear,
} from './queries.js';

const NOT_FOUND = 'Обучающийся не найден среди доступных вам.';

/** A student the caller may see: themself (`self`) or a linked child (`linked`); 404 otherwise. */
async function visibleStudent(ctx: Ctx, id: number): Promise<void> {
  if (!namesStudent(ctx.reach, id)) throw notFound(NOT_FOUND);
  if (!(await studentExists(ctx.db, ctx.principal.organizationId, id))) throw notFound(NOT_FOUND);
}

async function childrenOf(ctx: Ctx, ids: number[]): Promise<Child[]> {
  if (!ids.length) return [];
  const today = todayIn(ctx.principal.timeZone);
  const rows = await childrenRows(ctx.db, ctx.principal.organizationId, ids);
  const out = new Map<number, Child & { current: boolean }>();
  for (const r of rows) {
    const current = !!r.start_date && r.start_date <= today && (r.end_date === null || r.end_date >= today);
    const prev = out.get(r.id);
    if (prev && (prev.current || !current)) continue;
    out.set(r.id, {
      studentId: r.id,
      fullName: fullName(r),
      firstName: r.first_name,
      groupName: r.group_name ?? null,
      course: r.course ?? null,
      programName: r.program_name ?? null,
      current,
    });
  }
  return [...out.values()].map(({ current: _current, ...c }) => c);
}

export async function listChildren(ctx: Ctx): Promise<Children> {
  return { items: await childrenOf(ctx, [...new Set(ctx.reach.ownStudentIds)]) };
}

export async function studentOverview(ctx: Ctx, id: number): Promise<StudentOverview> {
  await visibleStudent(ctx, id);
  const orgId = ctx.principal.organizationId;
  const today = todayIn(ctx.principal.timeZone);
  const [student] = await childrenOf(ctx, [id]);
  const spans = await groupSpans(ctx.db, orgId, id);
  const first = spans.reduce<string | null>((m, s) => (m === null || s.start_date < m ? s.start_date : m), null);
  const last = spans.some((s) => s.end_date === null)
    ? null
    : spans.reduce<string | null>((m, s) => (m === null || s.end_date! > m ? s.end_date : m), null);
  const terms = first === null ? [] : await termsBetween(ctx.db, orgId, first, last ?? '9999-12-31');
  const years = new Map<number, StudentOverview['years'][number]>();
  for (const t of terms) {
    const y = years.get(t.year_id) ?? { id: t.year_id, name: t.year_name, terms: [] };
    y.terms.unshift({ id: t.id, number: t.number, startDate: t.start_date, endDate: t.end_date });
    years.set(t.year_id, y);
  }
  const current = defaultTerm(
    terms.map((t) => ({ id: t.id, startDate: t.start_date, endDate: t.end_date })),
    today,
  );
  return { student, today, years: [...years.values()], currentTermId: current?.id ?? null };
}

/** The lessons of a student's group (and subgroup) between two dates, with the student's marks. */
async function studentLessons(ctx: Ctx, studentId: number, from: string, to: string): Promise<FamilyLesson[]> {
  const orgId = ctx.principal.organizationId;
  const [groups, subgroups] = await Promise.all([
    groupSpans(ctx.db, orgId, studentId, { from, to }),
    subgroupSpans(ctx.db, orgId, studentId, from, to),
  ]);
  if (!groups.length) return [];
  const within = (s: { start_date: string; end_date: string | null }, d: string) =>
    s.start_date <= d && (s.end_date === null || s.end_date >= d);
  const rows = await lessonsOfGroups(ctx.db, orgId, [...new Set(groups.map((g) => g.group_id))], from, to);
  const lessons = rows.filter(
    (l) =>
      groups.some((g) => g.group_id === l.group_id && within(g, l.date)) &&
      (l.subgroup_id === null || subgroups.some((s) => s.subgroup_id === l.subgroup_id && within(s, l.date))),
  );
  if (!lessons.length) return [];
  const [marksByLesson, bells, files] = await Promise.all([
    studentMarks(ctx, studentId, from, to),
    bellsForDates(ctx.db, orgId, [...new Set(lessons.map((l) => l.date))]),
    lessonFiles(
      ctx.db,
      orgId,
      lessons.map((l) => l.id),
    ),
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
  const { current, events, excuses } = await studentMarkRows(ctx.db, orgId, studentId, from, to);
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
    (eventsOf.get(id) ?? [])
      .filter((e) => e.action !== 'create')
      .map((e) => ({ at: e.at, oldValue: e.old_value, newValue: e.new_value, reason: e.reason }));
  const excuseOn = (date: string) => excuses.find((x) => x.from_date <= date && date <= x.to_date)?.reason ?? null;
  const seen = new Set<number>();
  for (const m of current) {
    seen.add(m.id);
    const excuse = m.kind === 'absence' && m.value === 'н' ? excuseOn(m.date) : null;
    push(m.lesson_id, {
      id: m.id,
      kind: m.kind,
      value: excuse ? 'уп' : m.value,
      workType: m.work_type,
      workTypeTitle: m.work_type ? (WORK_TYPE_TITLES[m.work_type as WorkType] ?? m.work_type) : null,
      weight: m.weight,
      hours: m.kind === 'absence' ? (m.hours ?? m.lesson_hours) : null,
      enteredAt: eventsOf.get(m.id)?.[0]?.at ?? m.created_at,
      changes: changesOf(m.id),
      excuse,
    });
  }
  // A removed mark is gone from `marks` but not from its history: show that it was removed, and when.
  for (const [id, list] of eventsOf) {
    if (seen.has(id) || list.at(-1)!.action !== 'delete') continue;
    const firstEvent = list[0];
    push(firstEvent.lesson_id, {
      id,
      kind: firstEvent.kind,
      value: null,
      workType: firstEvent.old_work_type,
      workTypeTitle: firstEvent.old_work_type ? (WORK_TYPE_TITLES[firstEvent.old_work_type as WorkType] ?? null) : null,
      weight: firstEvent.new_weight ?? 1,
      hours: null,
      enteredAt: firstEvent.at,
      changes: changesOf(id),
      excuse: null,
    });
  }
  return out;
}

/** «What happened today»: the day's lessons, marks entered that day for earlier lessons, and the next school day. */
export async function studentDay(ctx: Ctx, id: number, date: string | undefined): Promise<FamilyDay> {
  await visibleStudent(ctx, id);
  const tz = ctx.principal.timeZone;
  const day = date ?? todayIn(tz);
  // Marks entered or corrected on this day may belong to any earlier lesson.
  const touched = await firstLessonTouched(ctx.db, ctx.principal.organizationId, id, addDays(day, -1), addDays(day, 2), day);
  const twoWeeksBack = addDays(day, -14);
  const since = touched && touched < twoWeeksBack ? touched : twoWeeksBack;
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
export async function studentWeek(ctx: Ctx, id: number, from: string | undefined): Promise<FamilyWeek> {
  await visibleStudent(ctx, id);
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
export async function studentGrades(ctx: Ctx, id: number, termId: number | undefined): Promise<FamilyGrades> {
  const overview = await studentOverview(ctx, id);
  const tid = termId ?? overview.currentTermId;
  const term = tid ? await termWithYear(ctx.db, ctx.principal.organizationId, tid) : undefined;
  if (!term) throw notFound('Семестр не найден.');
  const lessons = (await studentLessons(ctx, id, term.start_date, term.end_date)) as (FamilyLesson & { assignmentId: number })[];
  const termGrades = await termGradeRows(ctx.db, ctx.principal.organizationId, id, term.id);
  const subjects = new Map<string, FamilySubject>();
  const subjectOf = (code: string, name: string, teacherName: string) => {
    const key = `${code} ${name}`;
    let s = subjects.get(key);
    if (!s) {
      s = {
        subjectCode: code,
        subjectName: name,
        teacherName,
        marks: [],
        average: null,
        weightedAverage: null,
        absences: emptyAbsences(),
        termGrades: { term: null, exam: null, final: null },
      };
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
