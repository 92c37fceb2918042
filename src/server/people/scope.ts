import { todayIn } from '../../domain/dates.js';
import type { Scope } from '../../domain/permissions.js';
import { fullName } from '../../domain/text.js';
import { forbidden } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { rolesOfPersons, type StudentScope, studentsInGroupsOn, taughtGroupIds } from './queries/reach.js';

export { inScope, type StudentScope } from './queries/reach.js';

export async function studentScope(ctx: Ctx, scopes: readonly Scope[]): Promise<StudentScope> {
  if (scopes.includes('org')) return { all: true };
  const p = ctx.principal;
  const groupIds = new Set<number>();
  const studentIds = new Set<number>();
  if (scopes.includes('group')) for (const g of p.curatorGroupIds) groupIds.add(g);
  if (scopes.includes('assignment')) {
    for (const g of await taughtGroupIds(ctx.db, p.organizationId, p.personId)) groupIds.add(g);
  }
  if (scopes.includes('self') && p.studentId) studentIds.add(p.studentId);
  if (scopes.includes('linked')) for (const s of p.linkedStudentIds) studentIds.add(s);
  if (scopes.includes('direction')) {
    for (const g of p.direction.groupIds) groupIds.add(g);
    for (const s of p.direction.studentIds) studentIds.add(s);
  }
  return { all: false, groupIds: [...groupIds], studentIds: [...studentIds] };
}

/**
 * Whose credentials, contacts and other data a caller may change (decision 013): an org-wide
 * scope anyone of the organization; a curator (п. 3.1, 3.12) only a person whose every role is
 * within the curator's reach — a student in the curator's group today, a guardian of such a
 * student — and who holds no staff role (staff, curators included, are the administrator's).
 * `staff`: beyond reach because of a staff role; `outside`: not of the curator's group.
 */
export async function reachOf(ctx: Ctx, scopes: readonly Scope[], personIds: number[]): Promise<Map<number, 'ok' | 'staff' | 'outside'>> {
  const out = new Map<number, 'ok' | 'staff' | 'outside'>();
  if (scopes.includes('org')) {
    for (const id of personIds) out.set(id, 'ok');
    return out;
  }
  const p = ctx.principal;
  const facts = await rolesOfPersons(ctx.db, p.organizationId, personIds);
  const studentIds = [...facts.students.map((s) => s.id), ...facts.links.map((l) => l.student_id)];
  const groupIds = scopes.includes('group') ? p.curatorGroupIds : [];
  const mine = await studentsInGroupsOn(ctx.db, p.organizationId, groupIds, studentIds, todayIn(p.timeZone));
  const staff = new Set([...facts.staff.map((r) => r.person_id), ...facts.curators]);
  for (const id of personIds) {
    if (staff.has(id)) {
      out.set(id, 'staff');
      continue;
    }
    const own = facts.students.filter((s) => s.person_id === id);
    const children = facts.links.filter((l) => l.guardian_person_id === id);
    const covered = (own.length > 0 || children.length > 0) && own.every((s) => mine.has(s.id))
      && (children.length === 0 || children.some((l) => mine.has(l.student_id)));
    out.set(id, covered ? 'ok' : 'outside');
  }
  return out;
}

export async function mayManagePerson(ctx: Ctx, scopes: readonly Scope[], personId: number): Promise<boolean> {
  return (await reachOf(ctx, scopes, [personId])).get(personId) === 'ok';
}

/** 403 naming the first person beyond the caller's reach, with what to do instead. */
export async function refuseBeyondReach(ctx: Ctx, scopes: readonly Scope[], people: { id: number; last_name: string; first_name: string; middle_name: string | null }[]) {
  const reach = await reachOf(ctx, scopes, people.map((x) => x.id));
  for (const x of people) {
    const r = reach.get(x.id);
    if (r === 'staff') throw forbidden(`${fullName(x)}: у этого человека есть роль сотрудника — доступ к журналу и контакты ему меняет только администратор журнала.`);
    if (r !== 'ok') throw forbidden(`${fullName(x)}: не обучающийся вашей группы и не родитель обучающегося вашей группы — обратитесь к администратору журнала.`);
  }
}
