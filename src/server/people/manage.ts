import { todayIn } from '../../domain/dates.js';
import { type Permission } from '../../domain/permissions.js';
import { fullName } from '../../domain/text.js';
import { forbidden } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { reachOf, type Reach } from '../platform/reach.js';
import { rolesOfPersons, studentsInGroupsOn } from './queries/manage.js';
import { scopesOf } from '../platform/access.js';

/**
 * Whose credentials, contacts and other data a caller may change (decision 013): an org-wide
 * reach anyone of the organization; a curator (п. 3.1, 3.12) only a person whose every role is
 * within the curator's reach — a student in the curator's group today, a guardian of such a
 * student — and who holds no staff role (staff, curators included, are the administrator's).
 * `staff`: beyond reach because of a staff role; `outside`: not of the curator's group.
 */
export async function managedPersons(ctx: Ctx, r: Reach, personIds: number[]): Promise<Map<number, 'ok' | 'staff' | 'outside'>> {
  const out = new Map<number, 'ok' | 'staff' | 'outside'>();
  if (r.all) {
    for (const id of personIds) out.set(id, 'ok');
    return out;
  }
  const facts = await rolesOfPersons(ctx.db, r.orgId, personIds);
  const studentIds = [...facts.students.map((s) => s.id), ...facts.links.map((l) => l.student_id)];
  const mine = await studentsInGroupsOn(ctx.db, r.orgId, [...r.curatorGroupIds], studentIds, todayIn(ctx.principal.timeZone));
  const staff = new Set([...facts.staff.map((x) => x.person_id), ...facts.curators]);
  for (const id of personIds) {
    if (staff.has(id)) {
      out.set(id, 'staff');
      continue;
    }
    const own = facts.students.filter((s) => s.person_id === id);
    const children = facts.links.filter((l) => l.guardian_person_id === id);
    const covered =
      (own.length > 0 || children.length > 0) &&
      own.every((s) => mine.has(s.id)) &&
      (children.length === 0 || children.some((l) => mine.has(l.student_id)));
    out.set(id, covered ? 'ok' : 'outside');
  }
  return out;
}

/** The caller's reach under another permission than the route's (what a card offers to change). */
export const reachFor = (ctx: Ctx, p: Permission) => reachOf(ctx.principal, scopesOf(ctx.principal, p));

/** Whether the caller may change the person under a permission. */
export async function mayManagePerson(ctx: Ctx, p: Permission, personId: number): Promise<boolean> {
  const r = reachFor(ctx, p);
  return r.scopes.length > 0 && (await managedPersons(ctx, r, [personId])).get(personId) === 'ok';
}

/** 403 naming the first person beyond the caller's reach, with what to do instead. */
export async function refuseBeyondReach(
  ctx: Ctx,
  people: { id: number; last_name: string; first_name: string; middle_name: string | null }[],
) {
  const reach = await managedPersons(
    ctx,
    ctx.reach,
    people.map((x) => x.id),
  );
  for (const x of people) {
    const r = reach.get(x.id);
    if (r === 'staff')
      throw forbidden(
        `${fullName(x)}: у этого человека есть роль сотрудника — доступ к журналу и контакты ему меняет только администратор журнала.`,
      );
    if (r !== 'ok')
      throw forbidden(
        `${fullName(x)}: не обучающийся вашей группы и не родитель обучающегося вашей группы — обратитесь к администратору журнала.`,
      );
  }
}
