import { scopesFor, type Permission, type Scope } from '../../domain/permissions.js';
import type { Role, StaffRole } from '../../domain/roles.js';
import { REGIONAL_ROLE, STAFF_ROLES } from '../../domain/roles.js';
import { sql, type Db } from './db.js';
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
  /**
   * A service account's token (decision 039): the permissions it was given, each with its scope,
   * held instead of what roles grant (its roles are none). Absent for a person.
   */
  grants?: Partial<Record<Permission, Scope[]>>;
  serviceAccount?: { id: number; readOnly: boolean };
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
      'organizations.kind',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!u || !u.is_active) return null;
  // What the person is beside their account, in one statement (it runs on every request):
  // staff roles, curated groups, the student record, linked children.
  const orgId = u.organizationId;
  const person = u.personId;
  const facts = await db
    .selectFrom('staff_roles')
    .select([sql<string>`'staff'`.as('kind'), 'role as role', 'commission_id as id'])
    .where('organization_id', '=', orgId)
    .where('person_id', '=', person)
    .unionAll(
      db
        .selectFrom('groups')
        .select([sql<string>`'curated'`.as('kind'), sql<string>`''`.as('role'), 'id'])
        .where('organization_id', '=', orgId)
        .where('curator_person_id', '=', person)
        .where('status', '=', 'active'),
    )
    .unionAll(
      db
        .selectFrom('students')
        .select([sql<string>`'student'`.as('kind'), sql<string>`''`.as('role'), 'id'])
        .where('organization_id', '=', orgId)
        .where('person_id', '=', person),
    )
    .unionAll(
      db
        .selectFrom('guardian_links')
        .select([sql<string>`'child'`.as('kind'), sql<string>`''`.as('role'), 'student_id as id'])
        .where('organization_id', '=', orgId)
        .where('guardian_person_id', '=', person),
    )
    .execute();
  const of = (kind: string) => facts.filter((f) => f.kind === kind);
  const staff = of('staff');
  const curated = of('curated').map((f) => f.id!);
  const student = of('student')[0]?.id ?? null;
  const links = of('child').map((f) => f.id!);
  const roles = new Set<Role>();
  // A regional office's staff hold the regional role only; a college's, the college's roles only (decision 038).
  const office = u.kind === 'region';
  for (const s of staff) {
    if (office) {
      if (s.role === REGIONAL_ROLE) roles.add(REGIONAL_ROLE);
    } else if ((STAFF_ROLES as readonly string[]).includes(s.role)) roles.add(s.role as StaffRole);
  }
  if (curated.length) roles.add('curator');
  if (student !== null) roles.add('student');
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
    curatorGroupIds: curated,
    commissionIds: staff.filter((s) => s.role === 'chair' && s.id != null).map((s) => s.id!),
    studentId: student,
    linkedStudentIds: links,
    direction,
    mustChangePassword: u.must_change_password === 1,
    timeZone: u.time_zone,
    region: u.region,
  };
}

/** The scopes a principal holds for a permission: a person's by their roles, a token's as it was given. */
export function scopesOf(p: Principal, permission: Permission): Scope[] {
  return p.grants ? (p.grants[permission] ?? []) : scopesFor(p.roles, permission);
}

/** The one authorization check: the scopes the principal holds for a permission, or 403. */
export function authorize(p: Principal, permission: Permission): Scope[] {
  const scopes = scopesOf(p, permission);
  if (!scopes.length) throw forbidden();
  return scopes;
}
