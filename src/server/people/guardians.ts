import type { z } from 'zod';
import type { GuardianLinkBody, GuardiansQuery } from '../../contracts/people.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { type Db, nowIso, type Tx } from '../platform/db.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { accessOf, hasOrg, listDetail, NO_ACCESS, personDto, personOf, personValues, relationTitle, who } from './persons.js';
import {
  childrenOfGuardians,
  deleteGuardianLink,
  guardianInReach,
  guardianLinkById,
  guardianLinkExists,
  guardiansPage,
  insertGuardianLink,
} from './queries/guardians.js';
import { insertPerson } from './queries/persons.js';
import { studentRow } from './queries/students.js';
import { mayManagePerson, refuseBeyondReach } from './manage.js';
import { logViews } from './view-log.js';

async function childrenOf(db: Db | Tx, orgId: number, guardianIds: number[]) {
  if (!guardianIds.length) return new Map<number, { studentId: number; fullName: string; groupName: string | null; relation: string }[]>();
  const rows = await childrenOfGuardians(db, orgId, guardianIds);
  const out = new Map<number, { studentId: number; fullName: string; groupName: string | null; relation: string }[]>();
  for (const r of rows) {
    const list = out.get(r.guardian_person_id) ?? [];
    list.push({ studentId: r.id, fullName: fullName(r), groupName: r.name, relation: relationTitle(r.relation) });
    out.set(r.guardian_person_id, list);
  }
  return out;
}

export async function listGuardians(ctx: Ctx, f: z.infer<typeof GuardiansQuery>) {
  const orgId = ctx.principal.organizationId;
  const { total, rows } = await guardiansPage(ctx.db, orgId, ctx.reach, f);
  const [kids, access] = await Promise.all([
    childrenOf(
      ctx.db,
      orgId,
      rows.map((r) => r.id),
    ),
    accessOf(
      ctx.db,
      orgId,
      rows.map((r) => r.id),
    ),
  ]);
  await logViews(
    ctx,
    'guardians',
    rows.map((r) => r.id),
    await listDetail(ctx, f),
  );
  return {
    items: rows.map((r) => ({
      personId: r.id,
      fullName: fullName(r),
      phone: r.phone,
      email: r.email,
      children: kids.get(r.id) ?? [],
      access: access.get(r.id) ?? NO_ACCESS,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export async function guardianCard(ctx: Ctx, personId: number) {
  const orgId = ctx.principal.organizationId;
  const visible = ctx.principal.personId === personId || (await guardianInReach(ctx.db, orgId, ctx.reach, personId));
  if (!visible) throw notFound('Родитель не найден или недоступен вам.');
  const person = await personOf(ctx.db, orgId, personId);
  const [kids, access, contacts, credentials] = await Promise.all([
    childrenOf(ctx.db, orgId, [personId]),
    accessOf(ctx.db, orgId, [personId]),
    mayManagePerson(ctx, 'people:contacts', personId),
    mayManagePerson(ctx, 'people:credentials', personId),
  ]);
  await logViews(ctx, 'guardian-card', [personId], fullName(person));
  return {
    person: { ...personDto(person), snils: null },
    children: kids.get(personId) ?? [],
    access: access.get(personId) ?? NO_ACCESS,
    can: { editPerson: hasOrg(ctx, 'people:write'), editContacts: contacts, credentials },
  };
}

export async function linkGuardian(ctx: Ctx, studentId: number, input: z.infer<typeof GuardianLinkBody>) {
  const orgId = ctx.principal.organizationId;
  const s = await studentRow(ctx.db, orgId, studentId);
  if (!s) throw notFound('Обучающийся не найден.');
  const concerned = [s.person_id, ...(input.guardianPersonId ? [input.guardianPersonId] : [])];
  await refuseBeyondReach(ctx, await Promise.all(concerned.map((id) => personOf(ctx.db, orgId, id))));
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    let guardianId = input.guardianPersonId;
    if (guardianId) await personOf(tx, orgId, guardianId);
    else guardianId = await insertPerson(tx, orgId, personValues(input), now);
    if (await guardianLinkExists(tx, orgId, guardianId, studentId)) throw conflict('Этот родитель уже связан с обучающимся.');
    const linkId = await insertGuardianLink(tx, orgId, guardianId, studentId, input.relation);
    await audit(tx, {
      ...who(ctx),
      action: 'people.guardian_linked',
      entity: 'student',
      entityId: studentId,
      after: { guardianPersonId: guardianId, relation: input.relation },
    });
    return { linkId, personId: guardianId };
  });
}

export async function unlinkGuardian(ctx: Ctx, linkId: number) {
  const orgId = ctx.principal.organizationId;
  const link = await guardianLinkById(ctx.db, orgId, linkId);
  if (!link) throw notFound('Связь не найдена.');
  await refuseBeyondReach(ctx, [await personOf(ctx.db, orgId, link.guardian_person_id)]);
  await ctx.db.transaction().execute(async (tx) => {
    await deleteGuardianLink(tx, orgId, linkId);
    await audit(tx, {
      ...who(ctx),
      action: 'people.guardian_unlinked',
      entity: 'student',
      entityId: link.student_id,
      before: { guardianPersonId: link.guardian_person_id, relation: link.relation },
    });
  });
}
