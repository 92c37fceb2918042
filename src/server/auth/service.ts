import { now } from '../../domain/clock.js';
import type { Me } from '../../contracts/auth.js';
import { abilitiesOf } from '../../domain/permissions.js';
import { withBackupAbilities } from '../backup/access.js';
import { ROLE_TITLES } from '../../domain/roles.js';
import { fullName } from '../../domain/text.js';
import type { Principal } from '../platform/access.js';
import { audit } from '../platform/audit.js';
import type { Config } from '../platform/config.js';
import { nowIso, type Db } from '../platform/db.js';
import { fieldError, HttpError } from '../platform/errors.js';
import { createSession, deleteUserSessions } from '../platform/sessions.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import {
  deleteAttempt,
  failuresSince,
  insertAttempt,
  markAttemptSucceeded,
  meFacts,
  setPassword,
  touchLastLogin,
  userByLogin,
  userPassword,
} from './queries.js';

// Compared against when the login is unknown, so that a missing user takes as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export async function login(db: Db, config: Config, input: { login: string; password: string }, meta: { ip: string; userAgent?: string }) {
  const loginKey = input.login.trim().toLowerCase();
  const user = await userByLogin(db, loginKey);
  // The attempt is counted before the password is checked, so parallel guesses cannot all slip
  // under the limit: each sees every attempt inserted before its own count (decision 014).
  const attemptId = await insertAttempt(db, { organizationId: user?.organization_id ?? null, login: loginKey, ip: meta.ip, at: nowIso() });
  // Attempts are stamped with nowIso(), so the window is measured on the same clock.
  const since = new Date(now().getTime() - config.loginWindowMinutes * 60_000).toISOString();
  const failures = await failuresSince(db, since, loginKey, meta.ip);
  // An address with many failures (guessing across logins) gets one try per login; a user with
  // no failures of their own still gets in from it (a college behind one NAT address).
  const noisyAddress = failures.ip - 1 >= config.loginMaxFailures * 10;
  if (failures.login > (noisyAddress ? 1 : config.loginMaxFailures)) {
    await deleteAttempt(db, attemptId);
    await audit(db, {
      organizationId: null,
      actorUserId: null,
      action: 'auth.login_throttled',
      entity: 'user',
      entityId: loginKey,
      ip: meta.ip,
    });
    throw new HttpError(
      429,
      'too_many_attempts',
      `Слишком много неудачных попыток входа. Повторите через ${config.loginWindowMinutes} мин. или обратитесь к администратору.`,
    );
  }
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await (dummyHash ??= hashPassword('not-a-password-1')), input.password), false);
  if (user && ok) await markAttemptSucceeded(db, attemptId);
  const suspended = user?.org_status === 'suspended';
  if (!user || !ok || !user.is_active || suspended) {
    await audit(db, {
      organizationId: user?.organization_id ?? null,
      actorUserId: null,
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user?.id ?? loginKey,
      ip: meta.ip,
    });
    throw new HttpError(
      401,
      'invalid_credentials',
      !user || !ok
        ? 'Неверный логин или пароль.'
        : suspended
          ? 'Работа колледжа в журнале приостановлена региональным администратором. Данные сохранены; возобновить работу может только он — обратитесь к администрации колледжа.'
          : 'Учётная запись отключена. Обратитесь к администратору журнала.',
    );
  }
  await touchLastLogin(db, user.organization_id, user.id, nowIso());
  return { ...(await createSession(db, config, user, meta)), userId: user.id };
}

export async function changePassword(
  db: Db,
  p: Principal,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  ip: string,
) {
  const user = await userPassword(db, p.organizationId, p.userId);
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    throw fieldError('currentPassword', 'Текущий пароль указан неверно.');
  const problem = passwordProblem(input.newPassword, user.login);
  if (problem) throw fieldError('newPassword', problem);
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'Новый пароль должен отличаться от текущего.');
  await setPassword(db, p.organizationId, p.userId, await hashPassword(input.newPassword), nowIso());
  // Other sessions may have been opened with the old password: end them.
  await deleteUserSessions(db, p.userId, sessionId);
  await audit(db, {
    organizationId: p.organizationId,
    actorUserId: p.userId,
    action: 'auth.password_changed',
    entity: 'user',
    entityId: p.userId,
    ip,
  });
}

export async function buildMe(db: Db, config: Config, p: Principal, session: { csrfToken: string; expiresAt: string }): Promise<Me> {
  const { org, groups, commissions, children, directionGroups, directionStudents } = await meFacts(db, p.organizationId, {
    curatorGroupIds: p.curatorGroupIds,
    commissionIds: p.commissionIds,
    linkedStudentIds: p.linkedStudentIds,
    directionGroupIds: p.direction.groupIds,
    directionStudentIds: p.direction.studentIds,
  });
  return {
    user: { id: p.userId, login: p.login, mustChangePassword: p.mustChangePassword },
    person: {
      id: p.personId,
      lastName: p.lastName,
      firstName: p.firstName,
      middleName: p.middleName,
      fullName: fullName({ last_name: p.lastName, first_name: p.firstName, middle_name: p.middleName }),
    },
    organization: { id: org.id, name: org.name, shortName: org.short_name, timeZone: org.time_zone, region: org.region },
    roles: p.roles.map((role) => ({
      role,
      title: ROLE_TITLES[role],
      scope:
        role === 'curator'
          ? groups.map((g) => ({ kind: 'group' as const, id: g.id, name: g.name }))
          : role === 'chair'
            ? commissions.map((c) => ({ kind: 'commission' as const, id: c.id, name: c.name }))
            : role === 'guardian'
              ? children.map((c) => ({ kind: 'student' as const, id: c.id, name: fullName(c) }))
              : role === 'specialist'
                ? [
                    ...directionGroups.map((g) => ({ kind: 'group' as const, id: g.id, name: g.name })),
                    ...directionStudents.map((c) => ({ kind: 'student' as const, id: c.id, name: fullName(c) })),
                  ]
                : [],
    })),
    abilities: await withBackupAbilities(db, abilitiesOf(p.roles)),
    csrfToken: session.csrfToken,
    session: { expiresAt: session.expiresAt, idleMinutes: config.sessionIdleMinutes },
  };
}
