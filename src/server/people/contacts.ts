import type { z } from 'zod';
import type { ContactChangesQuery } from '../../contracts/people.js';
import { fullName, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { cleanPerson, listDetail, orgSettings, parseSettings, personOf, who } from './persons.js';
import { contactChangeById, contactChangesPage, decideContactChangeRow, insertContactChange } from './queries/contacts.js';
import { orgSettingsText, saveOrgSettingsText, studentOfPerson, updatePersonRow } from './queries/persons.js';
import { refuseBeyondReach } from './manage.js';
import { logViews } from './view-log.js';

// Contacts kept by curators (п. 3.12), approved by the administrator when the college asks for it.

export async function changeContacts(ctx: Ctx, personId: number, input: { phone?: string | null; email?: string | null }) {
  const orgId = ctx.principal.organizationId;
  const person = await personOf(ctx.db, orgId, personId);
  await refuseBeyondReach(ctx, [person]);
  const c = cleanPerson({ snils: null, phone: input.phone ?? null, email: input.email ?? null });
  const before: Record<string, string | null> = {};
  const after: Record<string, string | null> = {};
  if (input.phone !== undefined && c.phone !== person.phone) {
    before.phone = person.phone;
    after.phone = c.phone;
  }
  if (input.email !== undefined && c.email !== person.email) {
    before.email = person.email;
    after.email = c.email;
  }
  if (!Object.keys(after).length) return { status: 'unchanged' as const, message: 'Контакты не изменились.' };
  const settings = await orgSettings(ctx.db, orgId);
  const pending = !ctx.reach.all && settings.contactChangesNeedApproval;
  const student = await studentOfPerson(ctx.db, orgId, personId);
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await insertContactChange(tx, orgId, {
      person_id: personId,
      student_id: student?.id ?? null,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
      status: pending ? 'pending' : 'applied',
      requested_by_user_id: ctx.principal.userId,
      requested_at: now,
      decided_by_user_id: null,
      decided_at: null,
      decision_note: null,
    });
    if (!pending) await updatePersonRow(tx, orgId, personId, after, now);
    await audit(tx, {
      ...who(ctx),
      action: pending ? 'people.contacts_requested' : 'people.contacts_changed',
      entity: 'person',
      entityId: personId,
      before,
      after,
    });
  });
  return pending
    ? { status: 'pending' as const, message: 'Изменение отправлено администратору журнала на утверждение.' }
    : { status: 'applied' as const, message: `Контакты изменены: ${fullName(person)}.` };
}

export async function listContactChanges(ctx: Ctx, f: z.infer<typeof ContactChangesQuery>) {
  const orgId = ctx.principal.organizationId;
  const { total, rows } = await contactChangesPage(ctx.db, orgId, { ...f, requestedBy: ctx.reach.all ? null : ctx.principal.userId });
  await logViews(
    ctx,
    'contact-changes',
    rows.map((r) => r.person_id),
    await listDetail(ctx, f),
  );
  const nm = (l: string | null, fn: string | null, m: string | null) =>
    l ? shortName({ last_name: l, first_name: fn ?? '', middle_name: m }) : null;
  return {
    items: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: fullName(r),
      studentId: r.student_id,
      groupName: r.group_name ?? null,
      before: JSON.parse(r.before) as Record<string, string | null>,
      after: JSON.parse(r.after) as Record<string, string | null>,
      status: r.status,
      requestedBy: nm(r.r_last, r.r_first, r.r_middle),
      requestedAt: r.requested_at,
      decidedBy: nm(r.d_last, r.d_first, r.d_middle),
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export async function decideContactChange(ctx: Ctx, id: number, input: { approve: boolean; note: string | null }) {
  const orgId = ctx.principal.organizationId;
  const c = await contactChangeById(ctx.db, orgId, id);
  if (!c) throw notFound('Заявка на изменение контактов не найдена.');
  await refuseBeyondReach(ctx, [await personOf(ctx.db, orgId, c.person_id)]);
  if (c.status !== 'pending') throw conflict('Заявка уже рассмотрена.');
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await decideContactChangeRow(tx, orgId, id, { approve: input.approve, userId: ctx.principal.userId, at: now, note: input.note });
    if (input.approve) await updatePersonRow(tx, orgId, c.person_id, JSON.parse(c.after) as Record<string, string | null>, now);
    await audit(tx, {
      ...who(ctx),
      action: input.approve ? 'people.contacts_approved' : 'people.contacts_rejected',
      entity: 'person',
      entityId: c.person_id,
      before: JSON.parse(c.before),
      after: JSON.parse(c.after),
      reason: input.note,
    });
  });
  return { ok: true as const };
}

export async function getSettings(ctx: Ctx) {
  return orgSettings(ctx.db, ctx.principal.organizationId);
}

export async function saveSettings(ctx: Ctx, input: { contactChangesNeedApproval: boolean }) {
  const orgId = ctx.principal.organizationId;
  const s = parseSettings(await orgSettingsText(ctx.db, orgId));
  const before = { contactChangesNeedApproval: s.contactChangesNeedApproval === true };
  await ctx.db.transaction().execute(async (tx) => {
    await saveOrgSettingsText(tx, orgId, JSON.stringify({ ...s, ...input }));
    await audit(tx, { ...who(ctx), action: 'people.settings_changed', entity: 'organization', entityId: orgId, before, after: input });
  });
  return input;
}
