import type { z } from 'zod';
import type { StaffCreate, StaffQuery, StaffRoleInput } from '../../contracts/people.js';
import { NOT_GRANTED_BY_COLLEGE, NOT_GRANTED_MESSAGE } from '../../domain/roles.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { type Db, nowIso, type Tx } from '../platform/db.js';
import { conflict, fieldError, forbidden } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { accessOf, listDetail, NO_ACCESS, personOf, personValues, who } from './persons.js';
import { insertPerson } from './queries/persons.js';
import { commissionExists, curatedGroups, insertStaffRoles, replaceStaffRoles, staffPage, staffRolesOf } from './queries/staff.js';
import { refuseBeyondReach } from './manage.js';
import { logViews } from './view-log.js';

export async function listStaff(ctx: Ctx, f: z.infer<typeof StaffQuery>) {
  if (!ctx.reach.all) throw forbidden('Список сотрудников доступен администрации колледжа.');
  const orgId = ctx.principal.organizationId;
  const { total, rows } = await staffPage(ctx.db, orgId, f);
  const ids = rows.map((r) => r.id);
  const [roles, curated, access] = await Promise.all([
    staffRolesOf(ctx.db, orgId, ids),
    curatedGroups(ctx.db, orgId, ids),
    accessOf(ctx.db, orgId, ids),
  ]);
  await logViews(ctx, 'staff', ids, await listDetail(ctx, f));
  return {
    items: rows.map((r) => ({
      personId: r.id,
      fullName: fullName(r),
      phone: r.phone,
      email: r.email,
      roles: roles
        .filter((x) => x.person_id === r.id)
        .map((x) => ({ role: x.role as StaffRoleName, title: x.title, commissionName: x.name })),
      curatorOf: curated.filter((g) => g.curator_person_id === r.id).map((g) => g.name),
      access: access.get(r.id) ?? NO_ACCESS,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}
type StaffRoleName = z.infer<typeof StaffRoleInput>['role'];
/** Only a chair keeps a commission. */
const roleRows = (roles: z.infer<typeof StaffRoleInput>[]) =>
  roles.map((r) => ({ role: r.role, title: r.title, commissionId: r.role === 'chair' ? r.commissionId : null }));

/** `held`: the roles the person holds now; of the roles a college does not grant, only those stay. */
async function checkRoles(db: Db | Tx, orgId: number, roles: z.infer<typeof StaffRoleInput>[], held: string[] = []) {
  for (const r of roles) {
    if (NOT_GRANTED_BY_COLLEGE.includes(r.role) && !held.includes(r.role)) throw forbidden(NOT_GRANTED_MESSAGE);
    if (r.role === 'chair') {
      if (!r.commissionId) throw fieldError('roles', 'Для председателя ПЦК выберите комиссию.');
      if (!(await commissionExists(db, orgId, r.commissionId))) throw fieldError('roles', 'Выберите ПЦК из списка.');
    }
  }
}

export async function createStaff(ctx: Ctx, input: z.infer<typeof StaffCreate>) {
  const orgId = ctx.principal.organizationId;
  await checkRoles(ctx.db, orgId, input.roles);
  const values = personValues(input);
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const personId = await insertPerson(tx, orgId, values, now);
    await insertStaffRoles(tx, orgId, personId, roleRows(input.roles));
    await audit(tx, {
      ...who(ctx),
      action: 'people.staff_created',
      entity: 'person',
      entityId: personId,
      after: { ...values, roles: input.roles },
    });
    return { personId };
  });
}

export async function setStaffRoles(ctx: Ctx, personId: number, roles: z.infer<typeof StaffRoleInput>[]) {
  const orgId = ctx.principal.organizationId;
  await refuseBeyondReach(ctx, [await personOf(ctx.db, orgId, personId)]);
  const held = (await staffRolesOf(ctx.db, orgId, [personId])).map((r) => r.role);
  await checkRoles(ctx.db, orgId, roles, held);
  if (personId === ctx.principal.personId && !roles.some((r) => r.role === 'admin'))
    throw conflict('Нельзя снять роль администратора с самого себя: попросите другого администратора.');
  await ctx.db.transaction().execute(async (tx) => {
    const before = await replaceStaffRoles(tx, orgId, personId, roleRows(roles));
    await audit(tx, { ...who(ctx), action: 'people.staff_roles_changed', entity: 'person', entityId: personId, before, after: roles });
  });
  return { ok: true as const };
}
