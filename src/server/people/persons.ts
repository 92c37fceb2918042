import type { Access, PersonFields } from '../../contracts/people.js';
import { inferSex } from '../../domain/name-cases.js';
import { isEmail, normalizePhone, normalizeSnils } from '../../domain/people.js';
import { type Permission } from '../../domain/permissions.js';
import { fullName, searchKey } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { type Db, nowIso, type Tx } from '../platform/db.js';
import { fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { groupName, orgSettingsText, personById, updatePersonRow, usersOfPersons } from './queries/persons.js';
import { refuseBeyondReach } from './manage.js';
import { scopesOf } from '../platform/access.js';

const RELATIONS: Record<string, string> = {
  mother: 'мать',
  father: 'отец',
  guardian: 'опекун',
  parent: 'родитель',
  other: 'законный представитель',
};
export const relationTitle = (r: string) => RELATIONS[r] ?? r;
/** The search and page of a list, as the view log shows them. */
export async function listDetail(ctx: Ctx, f: { page: number; q?: string; groupId?: number }) {
  const g = f.groupId ? await groupName(ctx.db, ctx.principal.organizationId, f.groupId) : undefined;
  return [g ? `группа ${g}` : '', f.q ? `поиск «${f.q}»` : '', `стр. ${f.page}`].filter(Boolean).join(', ');
}

/** Contacts and documents as stored: СНИЛС and phones normalized, e-mail checked. */
export function cleanPerson(p: Pick<PersonFields, 'snils' | 'phone' | 'email'>) {
  const out = { snils: null as string | null, phone: null as string | null, email: null as string | null };
  if (p.snils) {
    const r = normalizeSnils(p.snils);
    if ('error' in r) throw fieldError('snils', r.error);
    out.snils = r.value;
  }
  if (p.phone) {
    const r = normalizePhone(p.phone);
    if ('error' in r) throw fieldError('phone', r.error);
    out.phone = r.value;
  }
  if (p.email) {
    if (!isEmail(p.email)) throw fieldError('email', 'Эл. почта в виде name@example.ru.');
    out.email = p.email.toLowerCase();
  }
  return out;
}

export function personValues(p: PersonFields) {
  const c = cleanPerson(p);
  return {
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: p.birthDate,
    ...c,
    gender: p.gender ?? inferSex({ last_name: p.lastName, first_name: p.firstName, middle_name: p.middleName }),
    sort_key: searchKey(p.lastName, p.firstName, p.middleName),
  };
}

export const hasOrg = (ctx: Ctx, p: Permission) => scopesOf(ctx.principal, p).includes('org');

/** Full edit of a person's data by the administrator. */
export async function updatePerson(ctx: Ctx, personId: number, input: PersonFields) {
  const orgId = ctx.principal.organizationId;
  const before = await personOf(ctx.db, orgId, personId);
  await refuseBeyondReach(ctx, [before]);
  const values = personValues(input);
  await ctx.db.transaction().execute(async (tx) => {
    await updatePersonRow(tx, orgId, personId, values, nowIso());
    await audit(tx, {
      ...who(ctx),
      action: 'people.person_updated',
      entity: 'person',
      entityId: personId,
      before: personDto(before),
      after: values,
    });
  });
  return personDto(await personOf(ctx.db, orgId, personId));
}

/** A person of the caller's organization, or 404. */
export async function personOf(db: Db | Tx, orgId: number, personId: number) {
  const p = await personById(db, orgId, personId);
  if (!p) throw notFound('Человек не найден.');
  return p;
}

export function personDto(p: {
  id: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  gender: string | null;
  birth_date: string | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
}) {
  return {
    id: p.id,
    lastName: p.last_name,
    firstName: p.first_name,
    middleName: p.middle_name,
    fullName: fullName(p),
    gender: p.gender === 'm' || p.gender === 'f' ? (p.gender as 'm' | 'f') : null,
    birthDate: p.birth_date,
    snils: p.snils,
    phone: p.phone,
    email: p.email,
  };
}

/** Login and last login of each person (п. 3.7). */
export async function accessOf(db: Db | Tx, orgId: number, personIds: number[]): Promise<Map<number, Access>> {
  const out = new Map<number, Access>();
  for (const r of await usersOfPersons(db, orgId, personIds)) {
    out.set(r.person_id, { login: r.login, lastLoginAt: r.last_login_at, mustChangePassword: r.must_change_password === 1 });
  }
  return out;
}
export const NO_ACCESS: Access = { login: null, lastLoginAt: null, mustChangePassword: false };

export async function orgSettings(db: Db | Tx, orgId: number): Promise<{ contactChangesNeedApproval: boolean }> {
  const s = parseSettings(await orgSettingsText(db, orgId));
  return { contactChangesNeedApproval: s.contactChangesNeedApproval === true };
}

/** The organization's settings as stored; broken JSON reads as none. */
export function parseSettings(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export const who = (ctx: Ctx) => ({ organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, ip: ctx.ip });
