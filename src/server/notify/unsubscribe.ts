import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { kindTitle } from '../../domain/notify-kinds.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { HttpError } from '../platform/errors.js';
import { insertOptOut, notifySecret, organizationExists, personName } from './queries.js';

// Every e-mail ends with a link that unsubscribes its recipient from that kind of e-mail (or from
// all of them) without logging in. The link carries (organization, person, kind) signed with the
// organization's secret (HMAC-SHA-256), kept in the database so every server process signs alike.

const b64 = (s: string) => Buffer.from(s).toString('base64url');

async function sign(db: Db | Tx, payload: string, orgId: number): Promise<string> {
  const secret = await notifySecret(db, orgId, randomBytes(32).toString('base64url'));
  return createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 32);
}

/** The token of an unsubscribe link for a person and a kind of notice. */
export async function unsubscribeToken(db: Db | Tx, orgId: number, personId: number, kind: string): Promise<string> {
  const payload = b64(JSON.stringify([orgId, personId, kind]));
  return `${payload}.${await sign(db, payload, orgId)}`;
}

const badToken = () =>
  new HttpError(400, 'validation', 'Ссылка для отписки повреждена или неполна. Откройте её из письма ещё раз.', {
    token: 'Ссылка повреждена',
  });

/** Whom and what a token names; 400 when it is not one we signed. */
export async function readToken(db: Db, token: string): Promise<{ orgId: number; personId: number; kind: string }> {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) throw badToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badToken();
  const [orgId, personId, kind] = parsed as unknown[];
  if (!Number.isInteger(orgId) || !Number.isInteger(personId) || typeof kind !== 'string') throw badToken();
  if (!(await organizationExists(db, orgId as number))) throw badToken();
  const expected = Buffer.from(await sign(db, payload, orgId as number));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badToken();
  return { orgId: orgId as number, personId: personId as number, kind };
}

/** What the unsubscribe page shows before the person confirms. */
export async function describeUnsubscribe(db: Db, token: string) {
  const t = await readToken(db, token);
  const p = await personName(db, t.orgId, t.personId);
  if (!p) throw badToken();
  return { kind: t.kind, kindTitle: kindTitle(t.kind), email: maskEmail(p.email) };
}

/** Records the opt-out named by the token (or from every kind of e-mail). */
export async function unsubscribe(db: Db, token: string, all: boolean) {
  const t = await readToken(db, token);
  const kind = all ? '*' : t.kind;
  await insertOptOut(db, t.orgId, t.personId, kind, nowIso());
  return { kind, kindTitle: kindTitle(kind) };
}

/** «iv***@mail.ru»: enough for the person to recognise the address, not enough to harvest it. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [user, domain] = email.split('@');
  if (!domain) return null;
  return `${user!.slice(0, 2)}***@${domain}`;
}
