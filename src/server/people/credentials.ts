import type { CredentialsResult } from '../../contracts/people.js';
import { logViews } from './view-log.js';
import { loginBase, uniqueLogin } from '../../domain/people.js';
import { fullName } from '../../domain/text.js';
import { hashPassword, temporaryPassword } from '../auth/passwords.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { createPdf, pdfBuffer } from '../platform/documents.js';
import type { Ctx } from '../platform/http.js';
import { personOf, who } from './persons.js';
import { refuseBeyondReach } from './manage.js';
import { childrenNames, insertUser, loginsLike, resetPassword, studentGroupOfPerson } from './queries/credentials.js';
import { groupName as groupNameOf, orgShortName, usersOfPersons } from './queries/persons.js';

interface Slip {
  fullName: string;
  role: string;
  login: string;
  password: string;
}

/** What a person is in the college, for the slip: a student of a group, a guardian of a child, staff. */
async function roleLine(ctx: Ctx, personId: number): Promise<string> {
  const orgId = ctx.principal.organizationId;
  const st = await studentGroupOfPerson(ctx.db, orgId, personId);
  if (st) return st.name ? `Обучающийся, группа ${st.name}` : 'Обучающийся';
  const kids = await childrenNames(ctx.db, orgId, personId);
  if (kids.length) return `Родитель (законный представитель): ${kids.map((k) => `${k.last_name} ${k.first_name}`).join(', ')}`;
  return 'Сотрудник';
}

/**
 * Issues logins and temporary passwords (п. 3.1), or resets passwords when asked. Passwords are
 * returned once, with the slips to print, and are never stored in clear.
 */
export async function issueCredentials(
  ctx: Ctx,
  input: { personIds: number[]; reset: boolean; groupId: number | null },
  site: string,
): Promise<CredentialsResult> {
  const orgId = ctx.principal.organizationId;
  const ids = [...new Set(input.personIds)];
  const people = [];
  for (const id of ids) people.push(await personOf(ctx.db, orgId, id));
  await refuseBeyondReach(ctx, people);
  const users = await usersOfPersons(ctx.db, orgId, ids);
  const userOf = new Map(users.map((u) => [u.person_id, u]));
  const skipped: CredentialsResult['skipped'] = [];
  const todo = people.filter((p) => {
    if (userOf.has(p.id) && !input.reset) {
      skipped.push({
        personId: p.id,
        fullName: fullName(p),
        reason: `Логин уже выдан (${userOf.get(p.id)!.login}). Чтобы выдать новый пароль, сбросьте его.`,
      });
      return false;
    }
    return true;
  });
  const passwords = todo.map(() => temporaryPassword());
  const hashes = await Promise.all(passwords.map((pw) => hashPassword(pw)));
  const now = nowIso();
  const roles = new Map<number, string>();
  for (const p of todo) roles.set(p.id, await roleLine(ctx, p.id));
  const issued: CredentialsResult['issued'] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const used = new Set<string>();
    for (const [i, p] of todo.entries()) {
      const existing = userOf.get(p.id);
      let login: string;
      if (existing) {
        login = existing.login;
        await resetPassword(tx, orgId, existing.id, hashes[i], now);
        await audit(tx, {
          ...who(ctx),
          action: 'people.password_reset',
          entity: 'user',
          entityId: existing.id,
          after: { personId: p.id, login },
        });
      } else {
        const base = loginBase(p);
        const taken = await loginsLike(tx, base);
        login = uniqueLogin(base, (l) => taken.has(l) || used.has(l));
        const userId = await insertUser(tx, orgId, { personId: p.id, login, passwordHash: hashes[i], now });
        await audit(tx, {
          ...who(ctx),
          action: 'people.credentials_issued',
          entity: 'user',
          entityId: userId,
          after: { personId: p.id, login },
        });
      }
      used.add(login);
      issued.push({ personId: p.id, fullName: fullName(p), role: roles.get(p.id)!, login, password: passwords[i], reset: !!existing });
    }
  });
  const orgName = await orgShortName(ctx.db, orgId);
  const groupName = input.groupId ? ((await groupNameOf(ctx.db, orgId, input.groupId)) ?? '') : '';
  const pdf = issued.length ? (await slipsPdf(orgName, groupName, site, issued)).toString('base64') : null;
  await logViews(
    ctx,
    'credentials',
    issued.map((x) => x.personId),
    groupName || null,
  );
  return { issued, skipped, slipsPdfBase64: pdf, slipsFileName: `Доступ к журналу${groupName ? ` ${groupName}` : ''}.pdf` };
}

/** A4 sheets of slips, two columns, with dashed cut lines; Cyrillic throughout. */
export async function slipsPdf(orgName: string, groupName: string, site: string, slips: Slip[]): Promise<Buffer> {
  const doc = createPdf({ margin: 28, info: { Title: `Доступ к электронному журналу ${groupName}`.trim() } });
  const W = doc.page.width - 56;
  const H = doc.page.height - 56;
  const cols = 2;
  const rows = 5;
  const w = W / cols;
  const h = H / rows;
  slips.forEach((s, i) => {
    const k = i % (cols * rows);
    if (i > 0 && k === 0) doc.addPage();
    if (k === 0) {
      doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#888');
      for (let c = 1; c < cols; c++)
        doc
          .moveTo(28 + c * w, 28)
          .lineTo(28 + c * w, 28 + H)
          .stroke();
      for (let r = 1; r < rows; r++)
        doc
          .moveTo(28, 28 + r * h)
          .lineTo(28 + W, 28 + r * h)
          .stroke();
      doc.undash().restore();
    }
    const x = 28 + (k % cols) * w + 12;
    const y = 28 + Math.floor(k / cols) * h + 10;
    const tw = w - 24;
    doc
      .fillColor('#555')
      .font('regular')
      .fontSize(8)
      .text(`${orgName} · Электронный журнал`, x, y, { width: tw, ellipsis: true, lineBreak: false });
    doc
      .fillColor('#000')
      .font('bold')
      .fontSize(11)
      .text(s.fullName, x, y + 14, { width: tw, ellipsis: true, lineBreak: false });
    doc
      .font('regular')
      .fontSize(8)
      .text(s.role, x, y + 30, { width: tw, height: 20, ellipsis: true });
    doc
      .fontSize(10)
      .text('Логин:', x, y + 54)
      .font('bold')
      .fontSize(12)
      .text(s.login, x + 62, y + 53);
    doc
      .font('regular')
      .fontSize(10)
      .text('Пароль:', x, y + 74)
      .font('bold')
      .fontSize(12)
      .text(s.password, x + 62, y + 73);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#333')
      .text(`Вход: ${site}`, x, y + 96, { width: tw, ellipsis: true, lineBreak: false })
      .text('При первом входе смените временный пароль. Никому не передавайте логин и пароль.', x, y + 108, { width: tw });
  });
  return pdfBuffer(doc);
}
