import type { MakeWeeklyBody, WeeklyCheck, WeeklyData, WeeklyList } from '../../contracts/control-weekly.js';
import { addDays, formatRu, localDateTime, todayIn, weekday } from '../../domain/dates.js';
import { fillState, lessonEnded } from '../../domain/fill.js';
import { compareRu, fullName, shortName } from '../../domain/text.js';
import { yearsOf } from '../archive/year-lock-queries.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db } from '../platform/db.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { bellsForDates } from '../timetable/queries.js';
import { personsByIds } from './fill-queries.js';
import { insertReport, reportById } from './scheduler-queries.js';
import { keepReportMade } from './scheduler-service.js';
import {
  groupNames,
  insertSignOff,
  openRemarks,
  weekCorrections,
  weekGradeCounts,
  weekLessons,
  weeklyReports,
  weekStudents,
} from './weekly-queries.js';
import { scopesOf } from '../platform/access.js';

// The deputy director's weekly check (п. 5.2): per teacher and per group, the week's lessons
// recorded on the day, late and not recorded (ended lessons only, as in the fill control), grades
// per student per subject (накопляемость), correction requests asked and approved, substitutions
// and remarks still open. Made every Monday for the week before, or on demand; kept among the
// generated reports and signed off once by the deputy director.

export const WEEKLY_KIND = 'weekly-check';
export const mondayOf = (date: string) => addDays(date, 1 - weekday(date));
export const weeklyTitle = (from: string) => `Еженедельный контроль журналов: ${formatRu(from)} — ${formatRu(addDays(from, 6))}`;

type Counts = Omit<WeeklyData['teachers'][number], 'personId' | 'name'>;
const zero = (): Counts => ({
  onDay: 0,
  late: 0,
  missing: 0,
  correctionsRequested: 0,
  correctionsApproved: 0,
  substitutions: 0,
  openRemarks: 0,
});

/** The week (Monday `from`) as the college sees it now. */
export async function weeklyData(db: Db, org: { id: number; timeZone: string }, from: string): Promise<WeeklyData> {
  const to = addDays(from, 6);
  const tz = org.timeZone;
  const local = localDateTime(tz);
  const [lessons, grades, corrections, remarks, bells] = await Promise.all([
    weekLessons(db, org.id, from, to),
    weekGradeCounts(db, org.id, from, to),
    weekCorrections(db, org.id, from, to),
    openRemarks(db, org.id),
    bellsForDates(db, org.id, [local.date]),
  ]);
  const periods = bells.get(local.date)?.periods ?? [];
  const teachers = new Map<number, Counts>();
  const groups = new Map<number, Counts & { grades: number; subjects: Map<string, { key: string; code: string; name: string }> }>();
  const teacher = (id: number) => teachers.get(id) ?? teachers.set(id, zero()).get(id)!;
  const group = (id: number) => groups.get(id) ?? groups.set(id, { ...zero(), grades: 0, subjects: new Map() }).get(id)!;
  const totals = { ...zero(), grades: 0 };
  const bump = (key: keyof Counts, personId: number | null, groupId: number | null) => {
    totals[key]++;
    if (personId !== null) teacher(personId)[key]++;
    if (groupId !== null) group(groupId)[key]++;
  };

  for (const l of lessons) {
    const g = group(l.group_id);
    g.subjects.set(String(l.subject_id), { key: String(l.subject_id), code: l.subject_code, name: l.subject_name });
    teacher(l.teacher_person_id);
    if (l.teacher_person_id !== l.planned_teacher_person_id) bump('substitutions', l.teacher_person_id, l.group_id);
    if (!lessonEnded({ date: l.date, pairNo: l.pair_no }, periods, local)) continue;
    const state = fillState(l.date, l.recorded_at, tz);
    bump(state === 'on-day' ? 'onDay' : state, l.teacher_person_id, l.group_id);
  }
  const inWeek = (at: string | null) => {
    if (!at) return false;
    const d = todayIn(tz, new Date(at));
    return d >= from && d <= to;
  };
  for (const c of corrections) {
    if (inWeek(c.requested_at)) bump('correctionsRequested', c.teacher_person_id, c.group_id);
    if (c.status === 'approved' && inWeek(c.decided_at)) bump('correctionsApproved', c.teacher_person_id, c.group_id);
  }
  for (const r of remarks) bump('openRemarks', r.teacher_person_id, r.journal_group_id ?? r.lesson_group_id ?? null);
  for (const x of grades) {
    totals.grades += Number(x.n);
    group(x.group_id).grades += Number(x.n);
  }

  const groupIds = [...groups.keys()];
  const [names, gnames, students] = await Promise.all([
    personsByIds(db, org.id, [...teachers.keys()]),
    groupNames(db, org.id, groupIds),
    weekStudents(db, org.id, groupIds, from, to),
  ]);
  const personName = new Map(names.map((p) => [p.id, fullName(p)]));
  const gByid = new Map(gnames.map((g) => [g.id, g]));
  const gradeOf = new Map(grades.map((x) => [`${x.group_id}:${x.student_id}:${x.subject_id}`, Number(x.n)]));
  return {
    from,
    to,
    totals,
    teachers: [...teachers]
      .map(([personId, c]) => ({ personId, name: personName.get(personId) ?? '', ...c }))
      .sort((a, b) => b.missing - a.missing || compareRu(a.name, b.name)),
    groups: [...groups]
      .map(([groupId, { subjects, ...c }]) => {
        const subj = [...subjects.values()].sort((a, b) => compareRu(a.code, b.code));
        const list = students
          .filter((s) => s.group_id === groupId)
          .map((s) => {
            const byKey: Record<string, number> = {};
            for (const x of subj) byKey[x.key] = gradeOf.get(`${groupId}:${s.student_id}:${x.key}`) ?? 0;
            return { studentId: s.student_id, name: fullName(s), grades: byKey, total: Object.values(byKey).reduce((a, b) => a + b, 0) };
          })
          .sort((a, b) => compareRu(a.name, b.name));
        return { groupId, name: gByid.get(groupId)?.name ?? '', ...c, subjects: subj, students: list };
      })
      .sort((a, b) => compareRu(gByid.get(a.groupId)?.sort_key ?? a.name, gByid.get(b.groupId)?.sort_key ?? b.name)),
  };
}

/** Makes and keeps the weekly check of the week starting `from` (a Monday). */
export async function keepWeekly(
  db: Db,
  org: { id: number; timeZone: string },
  from: string,
  by: { userId: number | null; job: string | null },
): Promise<number> {
  const data = await weeklyData(db, org, from);
  return insertReport(db, { orgId: org.id, kind: WEEKLY_KIND, period: from, title: weeklyTitle(from), ...by, at: nowIso(), data });
}

type Row = Awaited<ReturnType<typeof weeklyReports>>[number];
const nameOf = (last: string | null, first: string | null, middle: string | null) =>
  last ? shortName({ last_name: last, first_name: first ?? '', middle_name: middle }) : null;
const itemOf = (r: Row) => ({
  id: r.id,
  period: r.period,
  title: r.title,
  madeBy: nameOf(r.last_name, r.first_name, r.middle_name),
  madeByJob: r.made_by_job,
  createdAt: r.created_at,
  signed: r.signed_at ? { by: nameOf(r.s_last, r.s_first, r.s_middle) ?? '', at: r.signed_at } : null,
});

const maySign = (ctx: Ctx) => scopesOf(ctx.principal, 'control:weekly:sign').length > 0;
const mayMake = (ctx: Ctx) => scopesOf(ctx.principal, 'control:reports:make').length > 0;

export async function weeklyList(ctx: Ctx): Promise<WeeklyList> {
  const rows = await weeklyReports(ctx.db, ctx.principal.organizationId);
  return { items: rows.map(itemOf), canMake: mayMake(ctx), canSign: maySign(ctx) };
}

export async function weeklyCheck(ctx: Ctx, id: number): Promise<WeeklyCheck> {
  const orgId = ctx.principal.organizationId;
  const [row] = await weeklyReports(ctx.db, orgId, id);
  if (!row) throw notFound('Еженедельный контроль не найден.');
  const r = await reportById(ctx.db, orgId, id);
  if (!r) throw notFound('Еженедельный контроль не найден.');
  const item = itemOf(row);
  return { ...item, canSign: !item.signed && maySign(ctx), data: JSON.parse(r.data) as WeeklyData };
}

export async function makeWeekly(ctx: Ctx, body: MakeWeeklyBody): Promise<WeeklyCheck> {
  if (!ctx.reach.all) throw forbidden('Еженедельный контроль по колледжу составляет заместитель директора или заведующая УМС.');
  const p = ctx.principal;
  const from = mondayOf(body.weekStart);
  if (from > todayIn(p.timeZone)) throw fieldError('weekStart', 'Неделя ещё не началась: выберите прошедшую или текущую.');
  const inYear = await Promise.all([from, addDays(from, 6)].map((d) => yearsOf(ctx.db, p.organizationId, 'date', d)));
  if (!inYear.some((years) => years.length))
    throw fieldError('weekStart', 'Эта неделя не входит ни в один учебный год колледжа: выберите неделю учебного года.');
  const data = await weeklyData(ctx.db, { id: p.organizationId, timeZone: p.timeZone }, from);
  const id = await keepReportMade(ctx, { kind: WEEKLY_KIND, period: from, title: weeklyTitle(from), data });
  return weeklyCheck(ctx, id);
}

export async function signWeekly(ctx: Ctx, id: number): Promise<WeeklyCheck> {
  const p = ctx.principal;
  const [row] = await weeklyReports(ctx.db, p.organizationId, id);
  if (!row) throw notFound('Еженедельный контроль не найден.');
  if (row.signed_at) throw conflict('Этот еженедельный контроль уже подписан.');
  const signed = await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    if (!(await insertSignOff(tx, p.organizationId, id, p.userId, at))) return false;
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'weekly.sign',
      entity: 'generated_report',
      entityId: id,
      after: { signedAt: at },
      ip: ctx.ip,
    });
    return true;
  });
  if (!signed) throw conflict('Этот еженедельный контроль уже подписан.');
  return weeklyCheck(ctx, id);
}
