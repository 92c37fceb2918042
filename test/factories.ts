import type { Role, StaffRole } from '../src/domain/roles.js';
import { searchKey } from '../src/domain/text.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { nowIso, type Db } from '../src/server/platform/db.js';

// Test data is built here: each builder creates the parents it needs unless they are given.

let counter = 0;
const next = () => ++counter;
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};
export const TEST_PASSWORD = 'secret-123';

export async function buildOrganization(db: Db, o: Partial<{ name: string; region: string; timeZone: string; settings: object }> = {}) {
  const n = next();
  const org = await db
    .insertInto('organizations')
    .values({
      name: o.name ?? `Колледж №${n}`,
      short_name: `К${n}`,
      region: o.region ?? 'Приморский край',
      time_zone: o.timeZone ?? 'Asia/Vladivostok',
      settings: JSON.stringify(o.settings ?? {}),
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: org.id };
}

export async function buildAcademicYear(db: Db, orgId: number, startYear = 2026) {
  const y = await db
    .insertInto('academic_years')
    .values({
      organization_id: orgId,
      name: `${startYear}/${startYear + 1}`,
      start_date: `${startYear}-09-01`,
      end_date: `${startYear + 1}-08-31`,
      status: 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const terms = await db
    .insertInto('terms')
    .values([
      { organization_id: orgId, academic_year_id: y.id, number: 1, start_date: `${startYear}-09-01`, end_date: `${startYear}-12-31` },
      {
        organization_id: orgId,
        academic_year_id: y.id,
        number: 2,
        start_date: `${startYear + 1}-01-12`,
        end_date: `${startYear + 1}-06-30`,
      },
    ])
    .returning('id')
    .execute();
  return { id: y.id, termIds: terms.map((t) => t.id) };
}

export async function buildPerson(
  db: Db,
  orgId: number,
  p: Partial<{
    lastName: string;
    firstName: string;
    middleName: string | null;
    gender: 'm' | 'f' | null;
    birthDate: string;
    snils: string;
    phone: string;
    email: string;
  }> = {},
) {
  const n = next();
  const last = p.lastName ?? `Тестов${n}`;
  const first = p.firstName ?? 'Иван';
  const middle = p.middleName === undefined ? 'Петрович' : p.middleName;
  const r = await db
    .insertInto('persons')
    .values({
      organization_id: orgId,
      last_name: last,
      first_name: first,
      middle_name: middle,
      birth_date: p.birthDate ?? null,
      gender: p.gender ?? null,
      snils: p.snils ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      sort_key: searchKey(last, first, middle),
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id };
}

/** A person with a login (password TEST_PASSWORD unless given) and staff roles. */
export async function buildUser(
  db: Db,
  o: {
    orgId?: number;
    roles?: StaffRole[];
    login?: string;
    password?: string;
    mustChangePassword?: boolean;
    personId?: number;
    commissionId?: number;
    lastName?: string;
    firstName?: string;
    middleName?: string;
    gender?: 'm' | 'f';
  } = {},
) {
  const orgId = o.orgId ?? (await buildOrganization(db)).id;
  const personId =
    o.personId ??
    (await buildPerson(db, orgId, { lastName: o.lastName, firstName: o.firstName, middleName: o.middleName, gender: o.gender })).id;
  const login = o.login ?? `user${next()}`;
  const u = await db
    .insertInto('users')
    .values({
      organization_id: orgId,
      person_id: personId,
      login,
      password_hash: await hashOf(o.password ?? TEST_PASSWORD),
      must_change_password: o.mustChangePassword ? 1 : 0,
      is_active: 1,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const role of o.roles ?? []) {
    await db
      .insertInto('staff_roles')
      .values({
        organization_id: orgId,
        person_id: personId,
        role,
        commission_id: role === 'chair' ? (o.commissionId ?? null) : null,
        title: null,
      })
      .execute();
  }
  return { id: u.id, personId, orgId, login, password: o.password ?? TEST_PASSWORD };
}

export async function buildProgram(db: Db, orgId: number, p: Partial<{ code: string; name: string }> = {}) {
  const n = next();
  const r = await db
    .insertInto('programs')
    .values({
      organization_id: orgId,
      department_id: null,
      code: p.code ?? `43.02.${String(n % 100).padStart(2, '0')}-${n}`,
      name: p.name ?? `Специальность ${n}`,
      qualification: 'Специалист',
      kind: 'specialty',
      duration_terms: 8,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id };
}

export async function buildGroup(
  db: Db,
  o: { orgId?: number; name?: string; course?: number; curatorPersonId?: number | null; programId?: number } = {},
) {
  const orgId = o.orgId ?? (await buildOrganization(db)).id;
  const programId = o.programId ?? (await buildProgram(db, orgId)).id;
  const name = o.name ?? `ГР-${next()}`;
  const course = o.course ?? 1;
  const r = await db
    .insertInto('groups')
    .values({
      organization_id: orgId,
      program_id: programId,
      name,
      intake_year: 2026 - course + 1,
      course,
      curator_person_id: o.curatorPersonId ?? null,
      status: 'active',
      sort_key: searchKey(name),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, orgId, programId, name };
}

export async function buildSubgroup(db: Db, group: { id: number; orgId: number }, name = 'Подгруппа 1') {
  const r = await db
    .insertInto('subgroups')
    .values({ organization_id: group.orgId, group_id: group.id, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id };
}

/** A student in a group from a date (default 2026-09-01), optionally with a login. */
export async function buildStudent(
  db: Db,
  group: { id: number; orgId: number },
  o: { lastName?: string; firstName?: string; since?: string; withLogin?: boolean; subgroupId?: number } = {},
) {
  const person = await buildPerson(db, group.orgId, { lastName: o.lastName, firstName: o.firstName ?? 'Анна', middleName: 'Сергеевна' });
  const s = await db
    .insertInto('students')
    .values({ organization_id: group.orgId, person_id: person.id, status: 'active', record_book_no: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const since = o.since ?? '2026-09-01';
  await db
    .insertInto('group_memberships')
    .values({ organization_id: group.orgId, student_id: s.id, group_id: group.id, start_date: since, end_date: null })
    .execute();
  if (o.subgroupId)
    await db
      .insertInto('subgroup_memberships')
      .values({ organization_id: group.orgId, student_id: s.id, subgroup_id: o.subgroupId, start_date: since, end_date: null })
      .execute();
  const user = o.withLogin ? await buildUser(db, { orgId: group.orgId, personId: person.id }) : null;
  return { id: s.id, personId: person.id, user };
}

/** A guardian with a login, linked to the given students. */
export async function buildGuardian(db: Db, orgId: number, studentIds: number[]) {
  const user = await buildUser(db, { orgId });
  for (const sid of studentIds) {
    await db
      .insertInto('guardian_links')
      .values({ organization_id: orgId, guardian_person_id: user.personId, student_id: sid, relation: 'parent' })
      .execute();
  }
  return user;
}

/** One user for every role of DOMAIN.md in one organization (curator, student, guardian included). */
export async function buildRoleUsers(
  db: Db,
  orgId: number,
): Promise<Record<Role, { id: number; login: string; password: string; personId: number }>> {
  const out = {} as Record<Role, { id: number; login: string; password: string; personId: number }>;
  for (const role of ['admin', 'director', 'deputy', 'methodist', 'chair', 'specialist', 'teacher', 'observer'] as const) {
    out[role] = await buildUser(db, { orgId, roles: [role] });
  }
  const curator = await buildUser(db, { orgId });
  const group = await buildGroup(db, { orgId, curatorPersonId: curator.personId });
  out.curator = curator;
  const student = await buildStudent(db, group, { withLogin: true });
  out.student = student.user!;
  out.guardian = await buildGuardian(db, orgId, [student.id]);
  out.regional_admin = await buildRegionalAdmin(
    db,
    (await db.selectFrom('organizations').select('region').where('id', '=', orgId).executeTakeFirstOrThrow()).region,
  );
  return out;
}

/** A regional administrator (decision 038): a user of the region's office, which is made when missing. */
export async function buildRegionalAdmin(db: Db, region = 'Приморский край', o: { login?: string; password?: string } = {}) {
  const office =
    (await db.selectFrom('organizations').select('id').where('region', '=', region).where('kind', '=', 'region').executeTakeFirst()) ??
    (await db
      .insertInto('organizations')
      .values({
        name: `Министерство образования (${region})`,
        short_name: 'Минобр',
        region,
        time_zone: 'Asia/Vladivostok',
        kind: 'region',
        settings: '{}',
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const u = await buildUser(db, { orgId: office.id, login: o.login, password: o.password });
  await db
    .insertInto('staff_roles')
    .values({ organization_id: office.id, person_id: u.personId, role: 'regional_admin', commission_id: null, title: null })
    .execute();
  return { ...u, orgId: office.id };
}

/** A curriculum with one item (a subject) for a group's program. */
export async function buildSubject(
  db: Db,
  orgId: number,
  o: { programId?: number; code?: string; name?: string; commissionId?: number | null } = {},
) {
  const programId = o.programId ?? (await buildProgram(db, orgId)).id;
  const cur = await db
    .insertInto('curricula')
    .values({ organization_id: orgId, program_id: programId, intake_year: 2026, name: 'Учебный план', status: 'approved' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('curriculum_items')
    .values({
      organization_id: orgId,
      curriculum_id: cur.id,
      parent_id: null,
      cycle: 'ОП',
      code: o.code ?? `ОП.${String(next()).padStart(2, '0')}`,
      name: o.name ?? 'Основы микробиологии',
      kind: 'discipline',
      commission_id: o.commissionId ?? null,
      position: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: item.id, curriculumId: cur.id };
}

/** A teacher's assignment: group (or subgroup) × subject × term; builds what is not given. */
export async function buildAssignment(
  db: Db,
  o: {
    orgId?: number;
    group?: { id: number; orgId: number; programId?: number };
    subgroupId?: number | null;
    teacherPersonId?: number;
    termId?: number;
    subjectId?: number;
    hours?: number;
  } = {},
) {
  const group = o.group ?? (await buildGroup(db, { orgId: o.orgId }));
  const orgId = group.orgId;
  const termId = o.termId ?? (await buildAcademicYear(db, orgId)).termIds[0];
  const teacherPersonId = o.teacherPersonId ?? (await buildUser(db, { orgId, roles: ['teacher'] })).personId;
  const subjectId = o.subjectId ?? (await buildSubject(db, orgId, { programId: group.programId })).id;
  const a = await db
    .insertInto('assignments')
    .values({
      organization_id: orgId,
      term_id: termId,
      group_id: group.id,
      subgroup_id: o.subgroupId ?? null,
      curriculum_item_id: subjectId,
      teacher_person_id: teacherPersonId,
      hours: o.hours ?? 72,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: a.id, orgId, groupId: group.id, termId, teacherPersonId, subjectId };
}

/** A lesson of an assignment on a date (the planned teacher teaches unless a substitute is given). */
export async function buildLesson(
  db: Db,
  a: { id: number; orgId: number; teacherPersonId: number },
  o: { date: string; pairNo?: number; hours?: number; teacherPersonId?: number; topic?: string | null },
) {
  const now = nowIso();
  const l = await db
    .insertInto('lessons')
    .values({
      organization_id: a.orgId,
      assignment_id: a.id,
      date: o.date,
      pair_no: o.pairNo ?? 1,
      hours: o.hours ?? 2,
      planned_teacher_person_id: a.teacherPersonId,
      teacher_person_id: o.teacherPersonId ?? a.teacherPersonId,
      room: '101',
      status: 'scheduled',
      source: 'timetable',
      unscheduled_reason: null,
      topic: o.topic ?? null,
      work_done: null,
      homework: null,
      recorded_at: o.topic ? now : null,
      recorded_by_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: l.id, date: o.date };
}

/** A current mark with its creating event, as the journal writes them. */
export async function buildMark(
  db: Db,
  o: {
    orgId: number;
    lessonId: number;
    studentId: number;
    userId: number;
    value: string;
    kind?: 'grade' | 'absence';
    workType?: string | null;
    weight?: number;
    hours?: number | null;
  },
) {
  const now = nowIso();
  const kind = o.kind ?? (/^[2-5]$|^зач$|^незач$/.test(o.value) ? 'grade' : 'absence');
  const m = await db
    .insertInto('marks')
    .values({
      organization_id: o.orgId,
      lesson_id: o.lessonId,
      student_id: o.studentId,
      kind,
      value: o.value,
      work_type: kind === 'grade' ? (o.workType ?? 'oral') : null,
      weight: o.weight ?? 1,
      hours: kind === 'absence' ? (o.hours ?? 2) : null,
      comment: null,
      version: 1,
      created_by_user_id: o.userId,
      created_at: now,
      updated_by_user_id: o.userId,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mark_events')
    .values({
      organization_id: o.orgId,
      mark_id: m.id,
      lesson_id: o.lessonId,
      student_id: o.studentId,
      kind,
      action: 'create',
      old_value: null,
      new_value: o.value,
      old_work_type: null,
      new_work_type: kind === 'grade' ? (o.workType ?? 'oral') : null,
      old_weight: null,
      new_weight: o.weight ?? 1,
      reason: null,
      correction_request_id: null,
      user_id: o.userId,
      at: now,
    })
    .execute();
  return { id: m.id };
}
