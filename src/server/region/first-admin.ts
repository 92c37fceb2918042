import { isTimeZone } from '../../domain/org-ids.js';
import { searchKey } from '../../domain/text.js';
import { hashPassword, temporaryPassword } from '../auth/passwords.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db } from '../platform/db.js';
import { insertOffice, insertStaffUser, loginTaken, officeOfRegion } from './queries.js';

// `ejournal create-regional-admin` (decision 038): the first regional administrator of an empty
// installation, in the regional office of their region (made when missing). The temporary
// password is printed once and changed at the first login.

export interface RegionalAdminInput {
  login: string;
  region: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  timeZone: string;
}

/** What is wrong with the input, in Russian, or null. */
export function regionalAdminProblem(v: RegionalAdminInput): string | null {
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(v.login))
    return `логин «${v.login}»: от 3 до 40 строчных латинских букв, цифр, точек, дефисов или подчёркиваний`;
  if (v.region.trim().length < 3) return '--region: укажите регион, например «Приморский край»';
  if (!v.lastName.trim() || !v.firstName.trim()) return '--last-name и --first-name: укажите фамилию и имя';
  if (!isTimeZone(v.timeZone)) return `--time-zone «${v.timeZone}»: нет такого часового пояса (например, Asia/Vladivostok)`;
  return null;
}

export async function createRegionalAdmin(db: Db, v: RegionalAdminInput): Promise<{ login: string; password: string; office: string }> {
  const problem = regionalAdminProblem(v);
  if (problem) throw new Error(problem);
  const password = temporaryPassword(12);
  const passwordHash = await hashPassword(password);
  const at = nowIso();
  return db.transaction().execute(async (tx) => {
    if (await loginTaken(tx, v.login)) throw new Error(`логин «${v.login}» уже занят`);
    const region = v.region.trim();
    const existing = await officeOfRegion(tx, region);
    const name = existing?.name ?? `Министерство образования (${region})`;
    const officeId = existing?.id ?? (await insertOffice(tx, { name, region, timeZone: v.timeZone, at }));
    const made = await insertStaffUser(tx, officeId, {
      lastName: v.lastName.trim(),
      firstName: v.firstName.trim(),
      middleName: v.middleName?.trim() || null,
      email: null,
      sortKey: searchKey(v.lastName, v.firstName, v.middleName),
      login: v.login,
      passwordHash,
      role: 'regional_admin',
      title: 'Региональный администратор',
      at,
    });
    await audit(tx, {
      organizationId: officeId,
      actorUserId: null,
      action: 'region.regional_admin_created',
      entity: 'user',
      entityId: made.userId,
      after: { login: v.login, region },
      reason: 'ejournal create-regional-admin',
    });
    return { login: v.login, password, office: name };
  });
}
