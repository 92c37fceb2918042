import { scopesFor, type Permission, type Scope } from '../../domain/permissions.js';
import type { Role, StaffRole } from '../../domain/roles.js';
import { STAFF_ROLES } from '../../domain/roles.js';
import type { Db } from './db.js';
import { loadDirection, NO_DIRECTION, type Direction } from './direction.js';
import { forbidden } from './errors.js';

/** Who is calling: the person behind a session with everything their roles are scoped to. */
export interface Principal {
  userId: number;
  personId: number;
  organizationId: number;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  roles: Role[];
  /** Groups this person is the curator of. */
  curatorGroupIds: number[];
  /** Subject commissions this person chairs. */
  commissionIds: number[];
  /** The student record when the person is a student. */
  studentId: number | null;
  /** Students linked to this person as a guardian. */
  linkedStudentIds: number[];
  /** A specialist's direction of work: the groups and students they follow (п. 2.6). */
  direction: Direction;
  mustChangePassword: boolean;
  timeZone: string;
  region: string;
}

/** Loads a user's roles and scopes; null when the user is missing or disabled. */
export async function loadPrincipal(db: Db, userId: number): Promise<Principal | null> {
  const u = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([
      'users.id as userId',
      'users.person_id as personId',
      'users.organization_id as organizationId',
      'users.login',
      'users.must_change_password',
      'users.is_active',
      'persons.last_name',
      'persons.first_name',
      'persons.middle_name',
      'organizations.time_zone',
      'organizations.region',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!u || !u.is_active) return null;
  const [staff, curated, student, links] = await Promise.all([
    db.selectFrom('staff_roles').select(['role', 'commission_id']).where('person_id', '=', u.personId).execute(),
    db.selectFrom('groups').select('id').where('curator_person_id', '=', u.personId).where('status', '=', 'active').execute(),
    db.selectFrom('students').select('id').where('person_id', '=', u.personId).executeTakeFirst(),
    db.selectFrom('guardian_links').select('student_id').where('guardian_person_id', '=', u.personId).execute(),
  ]);
  const roles = new Set<Role>();
  for (const s of staff) if ((STAFF_ROLES as readonly string[]).includes(s.role)) roles.add(s.role as StaffRole);
  if (curated.length) roles.add('curator');
  if (student) roles.add('student');
  if (links.length) roles.add('guardian');
  const direction = roles.has('specialist') ? await loadDirection(db, u.organizationId, u.personId) : NO_DIRECTION;
  return {
    userId: u.userId,
    personId: u.personId,
    organizationId: u.organizationId,
    login: u.login,
    lastName: u.last_name,
    firstName: u.first_name,
    middleName: u.middle_name,
    roles: [...roles],
    curatorGroupIds: curated.map((g) => g.id),
    commissionIds: staff.filter((s) => s.role === 'chair' && s.commission_id != null).map((s) => s.commission_id!),
    studentId: student?.id ?? null,
    linkedStudentIds: links.map((l) => l.student_id),
    direction,
    mustChangePassword: u.must_change_password === 1,
    timeZone: u.time_zone,
    region: u.region,
  };
}

/** The one authorization check: the scopes the principal holds for a permission, or 403. */
export function authorize(p: Principal, permission: Permission): Scope[] {
  const scopes = scopesFor(p.roles, permission);
  if (!scopes.length) throw forbidden();
  return scopes;
}
