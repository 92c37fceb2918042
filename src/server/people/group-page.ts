import type { GroupPage, GroupUsage } from '../../contracts/people.js';
import { academicYearStart, todayIn } from '../../domain/dates.js';
import { scopesFor, type Scope } from '../../domain/permissions.js';
import { fullName } from '../../domain/text.js';
import { ExcelJS, xlsxBuffer } from '../platform/documents.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { accessOf, NO_ACCESS, orgSettings, relationTitle } from './persons.js';
import { reachOf } from './scope.js';
import { logViews } from './view-log.js';
import { directionGroupIds, directionReach } from '../platform/direction.js';
import { activeGroups, groupWithProgram, leftGroup, subgroupMembersOn, subgroupsOfGroup } from './queries/group-page.js';
import { groupOf } from './queries/movement.js';
import { guardiansOf, studentsOn } from './queries/persons.js';
import { teachesGroup } from './queries/reach.js';

/**
 * A group the caller may see: any (org), the curator's own, one the teacher teaches, or one of a
 * specialist's direction (п. 2.6).
 */
export async function groupInScope(ctx: Ctx, scopes: readonly Scope[], groupId: number) {
  const orgId = ctx.principal.organizationId;
  const g = await groupWithProgram(ctx.db, orgId, groupId);
  if (!g) throw notFound('Группа не найдена.');
  let visible = scopes.includes('org') || (scopes.includes('group') && ctx.principal.curatorGroupIds.includes(groupId)) || !!directionReach(scopes, ctx.principal.direction, groupId);
  if (!visible && scopes.includes('assignment')) {
    visible = await teachesGroup(ctx.db, orgId, ctx.principal.personId, groupId);
  }
  if (!visible) throw notFound('Группа не найдена или недоступна вам.');
  return g;
}

/** The students of a group the caller sees: all (null), or only a specialist's single students. */
function rowsOf(ctx: Ctx, scopes: readonly Scope[], groupId: number): Set<number> | null {
  const p = ctx.principal;
  if (scopes.includes('org') || (scopes.includes('group') && p.curatorGroupIds.includes(groupId)) || scopes.includes('assignment')) return null;
  const reach = directionReach(scopes, p.direction, groupId);
  return reach instanceof Set ? reach : null;
}

export async function groupPage(ctx: Ctx, scopes: Scope[], groupId: number, date?: string): Promise<GroupPage> {
  const orgId = ctx.principal.organizationId;
  const g = await groupInScope(ctx, scopes, groupId);
  const day = date ?? todayIn(ctx.principal.timeZone);
  const yearStart = `${academicYearStart(day)}-09-01`;
  const only = rowsOf(ctx, scopes, groupId);
  const [students, subgroups, left, settings] = await Promise.all([
    studentsOn(ctx.db, orgId, groupId, day, only),
    subgroupsOfGroup(ctx.db, orgId, groupId),
    leftGroup(ctx.db, orgId, groupId, yearStart, day).then((r) => (only ? r.filter((x) => only.has(x.id)) : r)),
    orgSettings(ctx.db, orgId),
  ]);
  const guardians = await guardiansOf(ctx.db, orgId, students.map((s) => s.id));
  const access = await accessOf(ctx.db, orgId, [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)]);
  const subMembers = await subgroupMembersOn(ctx.db, orgId, subgroups.map((x) => x.id), day);
  await logViews(ctx, 'group-page', [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)], `${g.name} на ${day.split('-').reverse().join('.')}`);
  const roles = ctx.principal.roles;
  const manage = (p: 'people:contacts' | 'people:credentials') => {
    const sc = scopesFor(roles, p);
    return sc.includes('org') || (sc.includes('group') && ctx.principal.curatorGroupIds.includes(groupId));
  };
  const contacts = manage('people:contacts');
  const reach = contacts || manage('people:credentials')
    ? await reachOf(ctx, [...scopesFor(roles, 'people:contacts'), ...scopesFor(roles, 'people:credentials')], [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)])
    : new Map<number, string>();
  const canManage = (personId: number) => reach.get(personId) === 'ok';
  return {
    group: {
      id: g.id, name: g.name, course: g.course, intakeYear: g.intake_year, status: g.status, programCode: g.code, programName: g.program_name,
      curatorPersonId: g.curator_person_id, curatorName: g.last_name ? fullName({ last_name: g.last_name, first_name: g.first_name ?? '', middle_name: g.middle_name }) : null,
    },
    date: day,
    subgroups: subgroups.map((x) => ({ ...x, studentIds: subMembers.filter((m) => m.subgroup_id === x.id).map((m) => m.student_id) })),
    students: students.map((s) => ({
      id: s.id, personId: s.person_id, fullName: fullName(s), birthDate: s.birth_date, phone: s.phone, email: s.email, subgroup: s.subgroup ?? null,
      access: access.get(s.person_id) ?? NO_ACCESS,
      canManage: canManage(s.person_id),
      guardians: guardians.filter((x) => x.student_id === s.id).map((x) => ({
        personId: x.id, fullName: fullName(x), relation: relationTitle(x.relation), phone: x.phone, email: x.email, access: access.get(x.id) ?? NO_ACCESS, canManage: canManage(x.id),
      })),
    })),
    left: left.map((l) => ({ id: l.id, fullName: fullName(l), from: l.start_date, to: l.end_date! })),
    can: {
      contacts,
      contactsNeedApproval: contacts && !scopesFor(roles, 'people:contacts').includes('org') && settings.contactChangesNeedApproval,
      credentials: manage('people:credentials'),
      movement: scopesFor(roles, 'people:movement').includes('org'),
      editGroup: scopesFor(roles, 'structure:write').includes('org'),
    },
  };
}

// ── Usage (п. 3.7): who of the group's students and guardians has logged in, and when last ──

export async function groupUsage(ctx: Ctx, scopes: Scope[], groupId: number, screen: 'group-usage' | 'group-usage-xlsx' = 'group-usage'): Promise<GroupUsage> {
  const u = await usageOf(ctx, scopes, groupId);
  await logViews(ctx, screen, u.rows.map((r) => r.personId), u.groupName);
  return u;
}

async function usageOf(ctx: Ctx, scopes: Scope[], groupId: number): Promise<GroupUsage> {
  const orgId = ctx.principal.organizationId;
  const reach = directionReach(scopes, ctx.principal.direction, groupId);
  if (!scopes.includes('org') && !ctx.principal.curatorGroupIds.includes(groupId) && !reach) throw notFound('Группа не найдена или недоступна вам.');
  const g = await groupOf(ctx.db, orgId, groupId);
  if (!g) throw notFound('Группа не найдена.');
  const students = await studentsOn(ctx.db, orgId, groupId, todayIn(ctx.principal.timeZone), rowsOf(ctx, scopes, groupId));
  const guardians = await guardiansOf(ctx.db, orgId, students.map((s) => s.id));
  const access = await accessOf(ctx.db, orgId, [...students.map((s) => s.person_id), ...guardians.map((x) => x.id)]);
  const rows: GroupUsage['rows'] = [];
  for (const s of students) {
    rows.push({ kind: 'student', personId: s.person_id, fullName: fullName(s), studentName: null, access: access.get(s.person_id) ?? NO_ACCESS });
    for (const x of guardians.filter((y) => y.student_id === s.id)) {
      rows.push({ kind: 'guardian', personId: x.id, fullName: fullName(x), studentName: fullName(s), access: access.get(x.id) ?? NO_ACCESS });
    }
  }
  const st = rows.filter((r) => r.kind === 'student');
  const gu = rows.filter((r) => r.kind === 'guardian');
  return {
    groupId: g.id, groupName: g.name, rows,
    summary: {
      students: st.length, studentsLoggedIn: st.filter((r) => r.access.lastLoginAt).length,
      guardians: gu.length, guardiansLoggedIn: gu.filter((r) => r.access.lastLoginAt).length,
      noLogin: rows.filter((r) => !r.access.login).length,
    },
  };
}

/** The usage of every group in scope, one line each. */
export async function usageSummary(ctx: Ctx, scopes: Scope[]) {
  const orgId = ctx.principal.organizationId;
  const only = scopes.includes('org') ? null
    : [...ctx.principal.curatorGroupIds, ...(scopes.includes('direction') ? directionGroupIds(ctx.principal.direction) : [])];
  const groups = await activeGroups(ctx.db, orgId, only);
  const out = [];
  for (const g of groups) out.push({ groupId: g.id, groupName: g.name, course: g.course, ...(await usageOf(ctx, scopes, g.id)).summary });
  return out;
}

export async function usageXlsx(ctx: Ctx, scopes: Scope[], groupId: number) {
  const u = await groupUsage(ctx, scopes, groupId, 'group-usage-xlsx');
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
  const fmt = (iso: string) => new Intl.DateTimeFormat('ru-RU', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  for (const r of u.rows) {
    ws.addRow({
      kind: r.kind === 'student' ? 'Обучающийся' : 'Родитель (законный представитель)',
      name: r.fullName, student: r.studentName ?? '', login: r.access.login ?? 'не выдан',
      last: r.access.lastLoginAt ? fmt(r.access.lastLoginAt) : r.access.login ? 'не входил(а)' : '—',
    });
  }
  return { buf: await xlsxBuffer(wb), name: `Вход в журнал ${u.groupName}.xlsx` };
}
