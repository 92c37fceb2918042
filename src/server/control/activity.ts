import type { ActivityReport } from '../../contracts/activity.js';
import { addDays, localDateTime, todayIn } from '../../domain/dates.js';
import { ROLE_TITLES, ROLES, type Role } from '../../domain/roles.js';
import { fullName } from '../../domain/text.js';
import type { Db } from '../platform/db.js';
import { ExcelJS, xlsxBuffer } from '../platform/documents.js';
import { badRequest } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { accessOf, NO_ACCESS } from '../people/persons.js';
import { guardiansOf, studentsOn } from '../people/queries/persons.js';
import { logViews } from '../people/view-log.js';
import { activeGroups, auditCountsByUser, lessonsBetween, markEventCountsByUser, orgTimeZone, usersWithRoles } from './activity-queries.js';

// The monthly activity report (п. 6.1, 3.7): who uses the journal and how the journal is kept.

/** The UTC instant at which a calendar day begins in a time zone. */
function dayStartUtc(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const l = localDateTime(timeZone, new Date(guess));
  const shown = Date.parse(`${l.date}T${l.time}:00Z`);
  return new Date(guess - (shown - guess)).toISOString();
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The month before today's, `YYYY-MM`: the report's default (it is made on the 1st for the month before). */
export function previousMonth(today: string): string {
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

/**
 * The report for one month of the college (`YYYY-MM`, in the college's time zone). Needs no
 * session: the scheduled generation on the 1st calls it as well as the page.
 * Lessons count up to the month's end or, within the current month, up to today; a lesson of
 * today not yet recorded is not counted as missing. «Recorded on time» means the lesson's text
 * was first saved on the lesson's own day.
 */
export async function buildActivityReport(db: Db, orgId: number, month: string): Promise<ActivityReport> {
  const tz = await orgTimeZone(db, orgId);
  const today = todayIn(tz);
  const from = `${month}-01`;
  const to = lastDayOf(month);
  if (from > today) throw badRequest('Этот месяц ещё не начался.', { month: 'Месяц ещё не начался' });
  const through = to < today ? to : today;
  const fromUtc = dayStartUtc(from, tz);
  const toUtc = dayStartUtc(addDays(to, 1), tz);

  const [audit, markEvents, holders, lessons, groups] = await Promise.all([
    auditCountsByUser(db, orgId, fromUtc, toUtc),
    markEventCountsByUser(db, orgId, fromUtc, toUtc),
    usersWithRoles(db, orgId),
    lessonsBetween(db, orgId, from, through),
    activeGroups(db, orgId),
  ]);

  // Logins and actions per user, then per role.
  const perUser = new Map<number, { logins: number; actions: number }>();
  const bump = (userId: number, logins: number, actions: number) => {
    const u = perUser.get(userId) ?? { logins: 0, actions: 0 };
    u.logins += logins;
    u.actions += actions;
    perUser.set(userId, u);
  };
  for (const a of audit) bump(a.actor_user_id!, Number(a.logins), Number(a.actions));
  for (const m of markEvents) bump(m.user_id, 0, Number(m.n));

  const rolesOf = new Map<number, Set<Role>>();
  const give = (personId: number, role: Role) => {
    const set = rolesOf.get(personId) ?? new Set<Role>();
    set.add(role);
    rolesOf.set(personId, set);
  };
  for (const s of holders.staff) give(s.person_id, s.role as Role);
  for (const id of holders.curatorPersonIds) give(id, 'curator');
  for (const id of holders.studentPersonIds) give(id, 'student');
  for (const id of holders.guardianPersonIds) give(id, 'guardian');

  const byRole = new Map<Role, { users: number; activeUsers: number; logins: number; actions: number }>();
  let activeUsers = 0;
  const loggedInPersons = new Set<number>();
  for (const u of holders.users) {
    const act = perUser.get(u.id);
    if (act?.logins) {
      activeUsers++;
      loggedInPersons.add(u.person_id);
    }
    for (const role of rolesOf.get(u.person_id) ?? []) {
      const r = byRole.get(role) ?? { users: 0, activeUsers: 0, logins: 0, actions: 0 };
      r.users++;
      if (act?.logins) r.activeUsers++;
      r.logins += act?.logins ?? 0;
      r.actions += act?.actions ?? 0;
      byRole.set(role, r);
    }
  }
  const roles = ROLES.filter((r) => byRole.has(r)).map((role) => ({ role, title: ROLE_TITLES[role], ...byRole.get(role)! }));

  // Teachers by lessons recorded on the day, later, or not at all.
  const teachers = new Map<number, ActivityReport['teachers'][number] & { sortKey: string }>();
  const total = { lessons: 0, onTime: 0, late: 0, missing: 0 };
  for (const l of lessons) {
    const state = l.recorded_at
      ? localDateTime(tz, new Date(l.recorded_at)).date <= l.date
        ? 'onTime'
        : 'late'
      : l.date < today
        ? 'missing'
        : null;
    if (!state) continue;
    let t = teachers.get(l.teacher_person_id);
    if (!t) {
      t = { personId: l.teacher_person_id, fullName: fullName(l), sortKey: l.sort_key, lessons: 0, onTime: 0, late: 0, missing: 0 };
      teachers.set(l.teacher_person_id, t);
    }
    t.lessons++;
    t[state]++;
    total.lessons++;
    total[state]++;
  }

  // Per group: students and guardians who logged in during the month, and who never have.
  const out: ActivityReport['groups'] = [];
  for (const g of groups) {
    const students = await studentsOn(db, orgId, g.id, through);
    const guardians = await guardiansOf(
      db,
      orgId,
      students.map((s) => s.id),
    );
    const access = await accessOf(db, orgId, [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)]);
    const never: ActivityReport['groups'][number]['never'] = [];
    const seen = new Set<number>();
    let guardianCount = 0;
    let guardiansLoggedIn = 0;
    for (const s of students) {
      const a = access.get(s.person_id) ?? NO_ACCESS;
      if (!a.lastLoginAt)
        never.push({ personId: s.person_id, kind: 'student', fullName: fullName(s), studentName: null, hasLogin: !!a.login });
      for (const x of guardians.filter((y) => y.student_id === s.id)) {
        if (seen.has(x.id)) continue;
        seen.add(x.id);
        guardianCount++;
        if (loggedInPersons.has(x.id)) guardiansLoggedIn++;
        const ga = access.get(x.id) ?? NO_ACCESS;
        if (!ga.lastLoginAt)
          never.push({ personId: x.id, kind: 'guardian', fullName: fullName(x), studentName: fullName(s), hasLogin: !!ga.login });
      }
    }
    out.push({
      groupId: g.id,
      groupName: g.name,
      course: g.course,
      students: students.length,
      studentsLoggedIn: students.filter((s) => loggedInPersons.has(s.person_id)).length,
      studentsNever: never.filter((n) => n.kind === 'student').length,
      guardians: guardianCount,
      guardiansLoggedIn,
      guardiansNever: never.filter((n) => n.kind === 'guardian').length,
      never,
    });
  }

  return {
    month,
    from,
    to,
    through,
    summary: {
      logins: [...perUser.values()].reduce((n, u) => n + u.logins, 0),
      activeUsers,
      actions: [...perUser.values()].reduce((n, u) => n + u.actions, 0),
      lessons: total,
    },
    roles,
    teachers: [...teachers.values()].sort((a, b) => a.sortKey.localeCompare(b.sortKey)).map(({ sortKey: _, ...t }) => t),
    groups: out,
  };
}

function personsShown(r: ActivityReport): number[] {
  return [...r.teachers.map((t) => t.personId), ...r.groups.flatMap((g) => g.never.map((n) => n.personId))];
}

/**
 * The report as the page reads it, from the reports' database (decision 053); the names shown are
 * written to the view log (152-ФЗ) on the main one.
 */
export async function activityReport(ctx: Ctx, month?: string): Promise<ActivityReport> {
  const m = month ?? previousMonth(todayIn(ctx.principal.timeZone));
  const r = await buildActivityReport(ctx.reports, ctx.principal.organizationId, m);
  await logViews(ctx, 'activity', personsShown(r), monthTitle(m));
  return r;
}

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
export const monthTitle = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The report as an XLSX workbook: summary, roles, teachers, groups, who never logged in. */
export async function activityXlsx(ctx: Ctx, month?: string) {
  const m = month ?? previousMonth(todayIn(ctx.principal.timeZone));
  const r = await buildActivityReport(ctx.reports, ctx.principal.organizationId, m);
  await logViews(ctx, 'activity-xlsx', personsShown(r), monthTitle(m));
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, columns: { header: string; key: string; width: number }[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const s = sheet('Сводка', [
    { header: 'Показатель', key: 'k', width: 48 },
    { header: 'Значение', key: 'v', width: 14 },
  ]);
  s.addRows([
    { k: `Месяц: ${monthTitle(m)}`, v: '' },
    { k: 'Входов в журнал', v: r.summary.logins },
    { k: 'Пользователей, входивших в журнал', v: r.summary.activeUsers },
    { k: 'Действий (записи в журнале аудита, отметки)', v: r.summary.actions },
    { k: 'Занятий', v: r.summary.lessons.lessons },
    { k: 'Записано в день занятия', v: r.summary.lessons.onTime },
    { k: 'Записано позже', v: r.summary.lessons.late },
    { k: 'Не записано', v: r.summary.lessons.missing },
  ]);
  const ro = sheet('Роли', [
    { header: 'Роль', key: 'title', width: 44 },
    { header: 'Пользователей', key: 'users', width: 15 },
    { header: 'Входили', key: 'activeUsers', width: 12 },
    { header: 'Входов', key: 'logins', width: 10 },
    { header: 'Действий', key: 'actions', width: 12 },
  ]);
  ro.addRows(r.roles);
  const te = sheet('Преподаватели', [
    { header: 'Преподаватель', key: 'fullName', width: 40 },
    { header: 'Занятий', key: 'lessons', width: 10 },
    { header: 'В день занятия', key: 'onTime', width: 16 },
    { header: 'Позже', key: 'late', width: 10 },
    { header: 'Не записано', key: 'missing', width: 14 },
  ]);
  te.addRows(r.teachers);
  const gr = sheet('Группы', [
    { header: 'Группа', key: 'groupName', width: 14 },
    { header: 'Курс', key: 'course', width: 6 },
    { header: 'Обучающихся', key: 'students', width: 14 },
    { header: 'Входили за месяц', key: 'studentsLoggedIn', width: 18 },
    { header: 'Ни разу не входили', key: 'studentsNever', width: 20 },
    { header: 'Родителей', key: 'guardians', width: 12 },
    { header: 'Входили за месяц ', key: 'guardiansLoggedIn', width: 18 },
    { header: 'Ни разу не входили ', key: 'guardiansNever', width: 20 },
  ]);
  gr.addRows(r.groups);
  const nv = sheet('Ни разу не входили', [
    { header: 'Группа', key: 'group', width: 14 },
    { header: 'Кто', key: 'kind', width: 30 },
    { header: 'ФИО', key: 'name', width: 36 },
    { header: 'Обучающийся', key: 'student', width: 36 },
    { header: 'Логин', key: 'login', width: 12 },
  ]);
  for (const g of r.groups) {
    for (const n of g.never) {
      nv.addRow({
        group: g.groupName,
        kind: n.kind === 'student' ? 'Обучающийся' : 'Родитель (законный представитель)',
        name: n.fullName,
        student: n.studentName ?? '',
        login: n.hasLogin ? 'выдан' : 'не выдан',
      });
    }
  }
  return { buf: await xlsxBuffer(wb), name: `Активность пользователей ${m}.xlsx` };
}
