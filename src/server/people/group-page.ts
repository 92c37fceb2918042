import type { GroupPage, GroupUsage } from '../../contracts/people.js';
import { academicYearStart, todayIn } from '../../domain/dates.js';
import { fullName } from '../../domain/text.js';
import { ExcelJS, xlsxBuffer } from '../platform/documents.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { reachedGroupIds, reachOf, seesGroup, visibleStudents } from '../platform/reach.js';
import { managedPersons, reachFor } from './manage.js';
import { accessOf, hasOrg, NO_ACCESS, orgSettings, relationTitle } from './persons.js';
import { logViews } from './view-log.js';
import { activeGroups, groupWithProgram, leftGroup, subgroupMembersOn, subgroupsOfGroup } from './queries/group-page.js';
import { groupOf } from './queries/movement.js';
import { guardiansOf, studentsOn } from './queries/persons.js';
import { scopesOf } from '../platform/access.js';

export async function groupPage(ctx: Ctx, groupId: number, date?: string): Promise<GroupPage> {
  const orgId = ctx.principal.organizationId;
  const g = await groupWithProgram(ctx.db, orgId, groupId);
  if (!g) throw notFound('Группа не найдена.');
  if (!(await seesGroup(ctx.db, ctx.reach, groupId))) throw notFound('Группа не найдена или недоступна вам.');
  const day = date ?? todayIn(ctx.principal.timeZone);
  const yearStart = `${academicYearStart(day)}-09-01`;
  const only = visibleStudents(ctx.reach, { groupId });
  const [students, subgroups, left, settings] = await Promise.all([
    studentsOn(ctx.db, orgId, groupId, day, only),
    subgroupsOfGroup(ctx.db, orgId, groupId),
    leftGroup(ctx.db, orgId, groupId, yearStart, day).then((r) => (only ? r.filter((x) => only.has(x.id)) : r)),
    orgSettings(ctx.db, orgId),
  ]);
  const guardians = await guardiansOf(
    ctx.db,
    orgId,
    students.map((s) => s.id),
  );
  const access = await accessOf(ctx.db, orgId, [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)]);
  const subMembers = await subgroupMembersOn(
    ctx.db,
    orgId,
    subgroups.map((x) => x.id),
    day,
  );
  await logViews(
    ctx,
    'group-page',
    [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)],
    `${g.name} на ${day.split('-').reverse().join('.')}`,
  );
  const manage = (p: 'people:contacts' | 'people:credentials') => {
    const r = reachFor(ctx, p);
    return r.all || r.curatorGroupIds.includes(groupId);
  };
  const contacts = manage('people:contacts');
  const me = ctx.principal;
  const either = reachOf(me, [...scopesOf(me, 'people:contacts'), ...scopesOf(me, 'people:credentials')]);
  const reach =
    contacts || manage('people:credentials')
      ? await managedPersons(ctx, either, [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)])
      : new Map<number, string>();
  const canManage = (personId: number) => reach.get(personId) === 'ok';
  return {
    group: {
      id: g.id,
      name: g.name,
      course: g.course,
      intakeYear: g.intake_year,
      status: g.status,
      programCode: g.code,
      programName: g.program_name,
      curatorPersonId: g.curator_person_id,
      curatorName: g.last_name ? fullName({ last_name: g.last_name, first_name: g.first_name ?? '', middle_name: g.middle_name }) : null,
    },
    date: day,
    subgroups: subgroups.map((x) => ({ ...x, studentIds: subMembers.filter((m) => m.subgroup_id === x.id).map((m) => m.student_id) })),
    students: students.map((s) => ({
      id: s.id,
      personId: s.person_id,
      fullName: fullName(s),
      birthDate: s.birth_date,
      phone: s.phone,
      email: s.email,
      subgroup: s.subgroup ?? null,
      access: access.get(s.person_id) ?? NO_ACCESS,
      canManage: canManage(s.person_id),
      guardians: guardians
        .filter((x) => x.student_id === s.id)
        .map((x) => ({
          personId: x.id,
          fullName: fullName(x),
          relation: relationTitle(x.relation),
          phone: x.phone,
          email: x.email,
          access: access.get(x.id) ?? NO_ACCESS,
          canManage: canManage(x.id),
        })),
    })),
    left: left.map((l) => ({ id: l.id, fullName: fullName(l), from: l.start_date, to: l.end_date! })),
    can: {
      contacts,
      contactsNeedApproval: contacts && !hasOrg(ctx, 'people:contacts') && settings.contactChangesNeedApproval,
      credentials: manage('people:credentials'),
      movement: hasOrg(ctx, 'people:movement'),
      editGroup: hasOrg(ctx, 'structure:write'),
    },
  };
}

// ── Usage (п. 3.7): who of the group's students and guardians has logged in, and when last ──

export async function groupUsage(
  ctx: Ctx,
  groupId: number,
  screen: 'group-usage' | 'group-usage-xlsx' = 'group-usage',
): Promise<GroupUsage> {
  const u = await usageOf(ctx, groupId);
  await logViews(
    ctx,
    screen,
    u.rows.map((r) => r.personId),
    u.groupName,
  );
  return u;
}

async function usageOf(ctx: Ctx, groupId: number): Promise<GroupUsage> {
  const orgId = ctx.principal.organizationId;
  if (!(await seesGroup(ctx.db, ctx.reach, groupId))) throw notFound('Группа не найдена или недоступна вам.');
  const g = await groupOf(ctx.db, orgId, groupId);
  if (!g) throw notFound('Группа не найдена.');
  const students = await studentsOn(ctx.db, orgId, groupId, todayIn(ctx.principal.timeZone), visibleStudents(ctx.reach, { groupId }));
  const guardians = await guardiansOf(
    ctx.db,
    orgId,
    students.map((s) => s.id),
  );
  const access = await accessOf(ctx.db, orgId, [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)]);
  const rows: GroupUsage['rows'] = [];
  for (const s of students) {
    rows.push({
      kind: 'student',
      personId: s.person_id,
      fullName: fullName(s),
      studentName: null,
      access: access.get(s.person_id) ?? NO_ACCESS,
    });
    for (const x of guardians.filter((y) => y.student_id === s.id)) {
      rows.push({
        kind: 'guardian',
        personId: x.id,
        fullName: fullName(x),
        studentName: fullName(s),
        access: access.get(x.id) ?? NO_ACCESS,
      });
    }
  }
  const st = rows.filter((r) => r.kind === 'student');
  const gu = rows.filter((r) => r.kind === 'guardian');
  return {
    groupId: g.id,
    groupName: g.name,
    rows,
    summary: {
      students: st.length,
      studentsLoggedIn: st.filter((r) => r.access.lastLoginAt).length,
      guardians: gu.length,
      guardiansLoggedIn: gu.filter((r) => r.access.lastLoginAt).length,
      noLogin: rows.filter((r) => !r.access.login).length,
    },
  };
}

/** The usage of every group within reach, one line each. */
export async function usageSummary(ctx: Ctx) {
  const groups = await activeGroups(ctx.db, ctx.principal.organizationId, await reachedGroupIds(ctx.db, ctx.reach));
  const out = [];
  for (const g of groups) out.push({ groupId: g.id, groupName: g.name, course: g.course, ...(await usageOf(ctx, g.id)).summary });
  return out;
}

export async function usageXlsx(ctx: Ctx, groupId: number) {
  const u = await groupUsage(ctx, groupId, 'group-usage-xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Вход ${u.groupName}`.slice(0, 31));
  ws.columns = [
    { header: 'Кто', key: 'kind', width: 30 },
    { header: 'ФИО', key: 'name', width: 36 },
    { header: 'Обучающийся', key: 'student', width: 36 },
    { header: 'Логин', key: 'login', width: 20 },
    { header: 'Последний вход', key: 'last', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  const tz = ctx.principal.timeZone;
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat('ru-RU', {
      timeZone: tz,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  for (const r of u.rows) {
    ws.addRow({
      kind: r.kind === 'student' ? 'Обучающийся' : 'Родитель (законный представитель)',
      name: r.fullName,
      student: r.studentName ?? '',
      login: r.access.login ?? 'не выдан',
      last: r.access.lastLoginAt ? fmt(r.access.lastLoginAt) : r.access.login ? 'не входил(а)' : '—',
    });
  }
  return { buf: await xlsxBuffer(wb), name: `Вход в журнал ${u.groupName}.xlsx` };
}
