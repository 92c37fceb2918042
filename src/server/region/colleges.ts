import type { z } from 'zod';
import type { College, CollegeAdminInput, CollegeInput } from '../../contracts/region.js';
import { loginBase, uniqueLogin } from '../../domain/people.js';
import { fullName, searchKey } from '../../domain/text.js';
import { hashPassword, temporaryPassword } from '../auth/passwords.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { organizationCounts } from '../structure/queries.js';
import * as q from './queries.js';

// The regional administrator keeps the colleges of their region (issue 15 item 1, decision 038):
// creates them, appoints each one's first administrator, suspends and re-activates them. Every
// action is audited under the college it concerns. Nothing here reads a college's pupils.

type Row = NonNullable<Awaited<ReturnType<typeof q.collegeOfRegion>>>;

const who = (ctx: Ctx, orgId: number) => ({ organizationId: orgId, actorUserId: ctx.principal.userId, ip: ctx.ip });

async function present(ctx: Ctx, rows: Row[]): Promise<College[]> {
  const ids = rows.map((r) => r.id);
  const [counts, admins] = await Promise.all([organizationCounts(ctx.db, ids), q.adminsOf(ctx.db, ids)]);
  const accounts = (orgId: number, role: 'admin' | 'observer') =>
    admins
      .filter((a) => a.organization_id === orgId && a.role === role)
      .map((a) => ({ fullName: fullName(a), login: a.login, lastLoginAt: a.last_login_at }));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    inn: r.inn,
    ogrn: r.ogrn,
    timeZone: r.time_zone,
    region: r.region,
    status: r.status === 'suspended' ? 'suspended' : 'active',
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at,
    createdAt: r.created_at,
    students: counts.get(r.id)?.students ?? 0,
    groups: counts.get(r.id)?.groups ?? 0,
    admins: accounts(r.id, 'admin'),
    observers: accounts(r.id, 'observer'),
  }));
}

async function collegeOf(ctx: Ctx, id: number): Promise<Row> {
  const row = await q.collegeOfRegion(ctx.db, ctx.principal.region, id);
  if (!row) throw notFound('Колледж не найден в вашем регионе.');
  return row;
}

export async function listColleges(ctx: Ctx) {
  return { region: ctx.principal.region, colleges: await present(ctx, await q.collegesOfRegion(ctx.db, ctx.principal.region)) };
}

export async function createCollege(ctx: Ctx, input: z.output<typeof CollegeInput>): Promise<College> {
  const region = ctx.principal.region;
  if (await q.collegeNamed(ctx.db, region, input.name)) throw fieldError('name', 'Колледж с таким наименованием в регионе уже есть.');
  const at = nowIso();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await q.insertCollege(tx, { ...input, region, at });
    await audit(tx, {
      ...who(ctx, id),
      action: 'region.college_created',
      entity: 'organization',
      entityId: id,
      after: { ...input, region },
    });
    return id;
  });
  return (await present(ctx, [await collegeOf(ctx, id)]))[0];
}

export async function setStatus(ctx: Ctx, id: number, status: 'active' | 'suspended', reason: string): Promise<College> {
  const row = await collegeOf(ctx, id);
  if (row.status === status)
    throw conflict(status === 'suspended' ? 'Работа колледжа уже приостановлена.' : 'Колледж уже работает: возобновлять нечего.');
  await ctx.db.transaction().execute(async (tx) => {
    await q.setCollegeStatus(tx, ctx.principal.region, id, { status, reason, at: nowIso() });
    // A suspended college's users leave at once; the session check refuses any that raced this.
    if (status === 'suspended') await q.deleteOrganizationSessions(tx, id);
    await audit(tx, {
      ...who(ctx, id),
      action: status === 'suspended' ? 'region.college_suspended' : 'region.college_activated',
      entity: 'organization',
      entityId: id,
      before: { status: row.status },
      after: { status },
      reason,
    });
  });
  return (await present(ctx, [await collegeOf(ctx, id)]))[0];
}

/**
 * Appoints an administrator of the college's journal, or a regional observer whose account the
 * college hosts (a college's own administrator does not grant that role): a login and a temporary
 * password, shown once (as for staff, п. 3.1).
 */
export async function appointAdmin(ctx: Ctx, id: number, input: z.output<typeof CollegeAdminInput>) {
  const college = await collegeOf(ctx, id);
  if (college.status === 'suspended') throw conflict('Работа колледжа приостановлена: сначала возобновите её.');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const at = nowIso();
  const name = { last_name: input.lastName, first_name: input.firstName, middle_name: input.middleName };
  return ctx.db.transaction().execute(async (tx) => {
    const base = loginBase(name);
    const taken = await q.loginsLike(tx, base);
    const login = uniqueLogin(base, (l) => taken.has(l));
    const made = await q.insertStaffUser(tx, id, {
      lastName: input.lastName,
      firstName: input.firstName,
      middleName: input.middleName,
      email: input.email,
      sortKey: searchKey(input.lastName, input.firstName, input.middleName),
      login,
      passwordHash,
      role: input.role,
      title: null,
      at,
    });
    await audit(tx, {
      ...who(ctx, id),
      action: input.role === 'admin' ? 'region.admin_appointed' : 'region.observer_appointed',
      entity: 'user',
      entityId: made.userId,
      after: { personId: made.personId, login, fullName: fullName(name) },
    });
    return { personId: made.personId, fullName: fullName(name), login, password };
  });
}
