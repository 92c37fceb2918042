import { academicYearStart, addDays, todayIn } from '../../domain/dates.js';
import { compareRu, fullName, searchKey } from '../../domain/text.js';
import { hashPassword } from '../auth/passwords.js';
import { curriculumDemo } from '../curriculum/demo.js';
import { timetableDemo } from '../timetable/demo.js';
import { archiveDemo } from '../archive/demo.js';
import { journalDemo } from '../journal/demo.js';
import { peopleDemo } from '../people/demo.js';
import { planDemo } from '../control/plan-demo.js';
import { seedRegionOffice } from '../region/demo.js';
import { giaDemo } from '../gia/demo.js';
import { nowIso, type Db } from '../platform/db.js';
import { randomFamily, randomName, type GeneratedName } from './names.js';
import { Random } from './random.js';
import {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_TIME_ZONE,
  demoCollege,
  demoLogin,
  insertMany,
  PROGRAMS,
  type DemoOptions,
  type DemoStep,
  type DemoWorld,
} from './world.js';

export { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TIME_ZONE, demoLogin, type DemoOptions, type DemoWorld } from './world.js';

function personRow(
  w: Pick<DemoWorld, 'orgId' | 'now'>,
  n: GeneratedName,
  extra: Partial<{ birth_date: string; phone: string; email: string; snils: string }> = {},
) {
  return {
    organization_id: w.orgId,
    last_name: n.last_name,
    first_name: n.first_name,
    middle_name: n.middle_name,
    gender: n.gender,
    birth_date: extra.birth_date ?? null,
    phone: extra.phone ?? null,
    email: extra.email ?? null,
    snils: extra.snils ?? null,
    sort_key: searchKey(n.last_name, n.first_name, n.middle_name),
    created_at: w.now,
    updated_at: w.now,
  };
}

const phone = (rnd: Random) => `+7 (9${rnd.int(10, 99)}) ${rnd.int(100, 999)}-${rnd.int(10, 99)}-${rnd.int(10, 99)}`;
function snils(rnd: Random): string {
  const d = Array.from({ length: 9 }, () => rnd.int(0, 9));
  let sum = d.reduce((s, x, i) => s + x * (9 - i), 0) % 101;
  if (sum === 100) sum = 0;
  const n = d.join('');
  return `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6, 9)} ${String(sum).padStart(2, '0')}`;
}

/** The foundation step: the college, its years, programs, staff, groups, students and guardians. */
async function seedCollege(w: DemoWorld, opts: DemoOptions): Promise<void> {
  const { tx, rnd } = w;
  const y = w.yearStart;
  const years = [
    { name: `${y - 1}/${y}`, start: `${y - 1}-09-01`, end: `${y}-08-31`, status: 'archived' },
    { name: `${y}/${y + 1}`, start: `${y}-09-01`, end: `${y + 1}-08-31`, status: 'open' },
  ];
  for (const [i, yr] of years.entries()) {
    const [yearId] = await insertMany(tx, 'academic_years', [
      { organization_id: w.orgId, name: yr.name, start_date: yr.start, end_date: yr.end, status: yr.status },
    ]);
    const sy = Number(yr.start.slice(0, 4));
    const termIds = await insertMany(tx, 'terms', [
      { organization_id: w.orgId, academic_year_id: yearId, number: 1, start_date: `${sy}-09-01`, end_date: `${sy}-12-31` },
      { organization_id: w.orgId, academic_year_id: yearId, number: 2, start_date: `${sy + 1}-01-12`, end_date: `${sy + 1}-06-30` },
    ]);
    if (i === 0) w.termIds.previous = termIds;
    else w.termIds.current = termIds;
  }
  w.currentTermId = w.today >= `${y + 1}-01-01` ? w.termIds.current[1] : w.termIds.current[0];

  const deptIds = await insertMany(tx, 'departments', [
    { organization_id: w.orgId, name: 'Отделение общественного питания' },
    { organization_id: w.orgId, name: 'Отделение сервиса и туризма' },
  ]);
  const programIds = await insertMany(
    tx,
    'programs',
    PROGRAMS.map((p) => ({
      organization_id: w.orgId,
      department_id: deptIds[p.dept],
      code: p.code,
      name: p.name,
      qualification: p.qualification,
      kind: p.kind,
      duration_terms: 8,
    })),
  );
  w.programs = PROGRAMS.map((p, i) => ({ id: programIds[i], code: p.code, abbr: p.abbr }));

  // Staff: the fixed control roles, then teachers (the fixed chair, curator and teacher among them).
  const groupCount = Math.max(PROGRAMS.length * 4, Math.round(opts.students / 27));
  const teacherCount = Math.max(12, Math.round(opts.students / 14));
  const fixedNames: [(typeof DEMO_LOGINS)[number], GeneratedName][] = [
    ['admin', { last_name: 'Гаврилова', first_name: 'Ирина', middle_name: 'Сергеевна', gender: 'f' }],
    ['director', { last_name: 'Склянчук', first_name: 'Виктор', middle_name: 'Николаевич', gender: 'm' }],
    ['deputy', { last_name: 'Королёва', first_name: 'Наталья', middle_name: 'Петровна', gender: 'f' }],
    ['methodist', { last_name: 'Семёнова', first_name: 'Ольга', middle_name: 'Фёдоровна', gender: 'f' }],
    ['specialist', { last_name: 'Ёлкина', first_name: 'Алёна', middle_name: 'Игоревна', gender: 'f' }],
    ['observer', { last_name: 'Римский-Корсаков', first_name: 'Андрей', middle_name: 'Юрьевич', gender: 'm' }],
    ['chair', { last_name: 'Петрова-Водкина', first_name: 'Елена', middle_name: 'Александровна', gender: 'f' }],
    ['curator', { last_name: 'Ковалёв', first_name: 'Пётр', middle_name: 'Ильич', gender: 'm' }],
    ['teacher', { last_name: 'Андреева', first_name: 'Мария', middle_name: 'Владимировна', gender: 'f' }],
  ];
  const staffNames = [...fixedNames.map(([, n]) => n)];
  for (let i = staffNames.length; i < fixedNames.length - 3 + teacherCount; i++)
    staffNames.push(randomName(rnd, rnd.chance(0.7) ? 'f' : 'm'));
  const staffIds = await insertMany(
    tx,
    'persons',
    staffNames.map((n) => personRow(w, n, { phone: phone(rnd) })),
  );
  const fixed: Partial<DemoWorld['fixed']> = {};
  fixedNames.forEach(([login], i) => (fixed[login] = staffIds[i]));
  const teacherIds = staffIds.slice(6); // chair, curator, teacher, then the rest
  w.teacherPersonIds = teacherIds;

  w.commissionIds = await insertMany(tx, 'subject_commissions', [
    { organization_id: w.orgId, name: 'ПЦК общеобразовательных и общих гуманитарных дисциплин', chair_person_id: teacherIds[3] ?? null },
    { organization_id: w.orgId, name: 'ПЦК поварского и кондитерского дела', chair_person_id: fixed.chair! },
    { organization_id: w.orgId, name: 'ПЦК сервиса, туризма и гостеприимства', chair_person_id: teacherIds[4] ?? null },
  ]);
  const roleRows: { organization_id: number; person_id: number; role: string; commission_id: number | null; title: string | null }[] = [
    { organization_id: w.orgId, person_id: fixed.admin!, role: 'admin', commission_id: null, title: 'Администратор электронного журнала' },
    { organization_id: w.orgId, person_id: fixed.director!, role: 'director', commission_id: null, title: 'Директор' },
    {
      organization_id: w.orgId,
      person_id: fixed.deputy!,
      role: 'deputy',
      commission_id: null,
      title: 'Заместитель директора по учебно-производственной работе',
    },
    {
      organization_id: w.orgId,
      person_id: fixed.methodist!,
      role: 'methodist',
      commission_id: null,
      title: 'Заведующая учебно-методической службой',
    },
    { organization_id: w.orgId, person_id: fixed.specialist!, role: 'specialist', commission_id: null, title: 'Социальный педагог' },
    { organization_id: w.orgId, person_id: fixed.observer!, role: 'observer', commission_id: null, title: 'Специалист министерства' },
    { organization_id: w.orgId, person_id: fixed.chair!, role: 'chair', commission_id: w.commissionIds[1], title: null },
    ...[teacherIds[3], teacherIds[4]]
      .filter((x) => x !== undefined)
      .map((pid, i) => ({
        organization_id: w.orgId,
        person_id: pid,
        role: 'chair',
        commission_id: w.commissionIds[i === 0 ? 0 : 2],
        title: null,
      })),
    ...teacherIds.map((pid) => ({
      organization_id: w.orgId,
      person_id: pid,
      role: 'teacher',
      commission_id: null,
      title: 'Преподаватель',
    })),
  ];
  await insertMany(tx, 'staff_roles', roleRows);

  // Groups over four courses, programs in turn; the fixed curator takes a second-course ПК group.
  const specs: { programIdx: number; course: number }[] = [];
  for (let i = 0; i < groupCount; i++) specs.push({ programIdx: Math.floor(i / 4) % PROGRAMS.length, course: 1 + (i % 4) });
  const seen = new Map<string, number>();
  const curatorPool = teacherIds.filter((id) => id !== fixed.curator && id !== fixed.chair && id !== fixed.teacher);
  const groupRows = specs.map((s, i) => {
    const intake = y - s.course + 1;
    const base = `${PROGRAMS[s.programIdx].abbr}-${String(intake % 100).padStart(2, '0')}`;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    const name = k === 0 ? base : `${base}${'абвгдежз'[k]}`;
    const curator = s.programIdx === 0 && s.course === 2 && k === 0 ? fixed.curator! : curatorPool[i % curatorPool.length];
    return {
      organization_id: w.orgId,
      program_id: programIds[s.programIdx],
      name,
      intake_year: intake,
      course: s.course,
      curator_person_id: curator,
      status: 'active',
      sort_key: searchKey(name),
    };
  });
  const groupIds = await insertMany(tx, 'groups', groupRows);
  const subgroupIds = await insertMany(
    tx,
    'subgroups',
    groupIds.flatMap((gid) => [
      { organization_id: w.orgId, group_id: gid, name: 'Иностранный язык, подгруппа 1' },
      { organization_id: w.orgId, group_id: gid, name: 'Иностранный язык, подгруппа 2' },
    ]),
  );
  w.groups = groupRows.map((g, i) => ({
    id: groupIds[i],
    name: g.name,
    course: g.course,
    programId: g.program_id,
    intakeYear: g.intake_year,
    curatorPersonId: g.curator_person_id,
    subgroupIds: [subgroupIds[2 * i], subgroupIds[2 * i + 1]],
  }));

  // Students, spread evenly; siblings share a surname and their guardians.
  const studentNames: { name: GeneratedName; family: [string, string]; groupIdx: number; birth: string; siblingOf: number | null }[] = [];
  for (let i = 0; i < opts.students; i++) {
    const groupIdx = i % groupCount;
    const g = w.groups[groupIdx];
    const age = 15 + g.course + (rnd.chance(0.2) ? 1 : 0);
    const birth = `${y - age}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const siblingOf = i > groupCount * 2 && rnd.chance(0.04) ? rnd.int(0, i - groupCount - 1) : null;
    const family = siblingOf !== null ? studentNames[siblingOf].family : randomFamily(rnd);
    studentNames.push({ name: randomName(rnd, rnd.chance(0.55) ? 'f' : 'm', family), family, groupIdx, birth, siblingOf });
  }
  // The fixed student is in the curator's group; the fixed parent's second child is in a first-course group.
  const curatorGroupIdx = w.groups.findIndex((g) => g.curatorPersonId === fixed.curator);
  const studentIdx = studentNames.findIndex((s) => s.groupIdx === curatorGroupIdx);
  const siblingIdx = studentNames.findIndex((s, i) => i > studentIdx && w.groups[s.groupIdx].course === 1 && s.siblingOf === null);
  const levkin: [string, string] = ['Лёвкин', 'Лёвкина'];
  studentNames[studentIdx] = {
    ...studentNames[studentIdx],
    family: levkin,
    name: { last_name: 'Лёвкина', first_name: 'Дарья', middle_name: 'Андреевна', gender: 'f' },
  };
  studentNames[siblingIdx] = {
    ...studentNames[siblingIdx],
    family: levkin,
    name: { last_name: 'Лёвкин', first_name: 'Артём', middle_name: 'Андреевич', gender: 'm' },
  };
  // The fixed parent has exactly these two children.
  studentNames.forEach((s, i) => {
    if (s.siblingOf === studentIdx || s.siblingOf === siblingIdx) s.siblingOf = null;
    if (i === siblingIdx) s.siblingOf = studentIdx;
  });

  const personIds = await insertMany(
    tx,
    'persons',
    studentNames.map((s) =>
      personRow(w, s.name, { birth_date: s.birth, phone: rnd.chance(0.8) ? phone(rnd) : undefined, snils: snils(rnd) }),
    ),
  );
  const studentIds = await insertMany(
    tx,
    'students',
    personIds.map((pid, i) => ({
      organization_id: w.orgId,
      person_id: pid,
      status: 'active',
      record_book_no: `${w.groups[studentNames[i].groupIdx].intakeYear % 100}-${String(i + 1).padStart(4, '0')}`,
    })),
  );
  fixed.student = personIds[studentIdx];
  w.studentsByGroup = new Map(w.groups.map((g) => [g.id, []]));
  const memberships = studentNames.map((s, i) => {
    const g = w.groups[s.groupIdx];
    // A few joined later in the year (transfers in); the rest from the intake date.
    const since = rnd.chance(0.03) && w.today > `${y}-10-01` ? addDays(`${y}-09-01`, rnd.int(10, 40)) : `${g.intakeYear}-09-01`;
    w.studentsByGroup.get(g.id)!.push({ studentId: studentIds[i], personId: personIds[i], since });
    return { organization_id: w.orgId, student_id: studentIds[i], group_id: g.id, start_date: since, end_date: null };
  });
  await insertMany(tx, 'group_memberships', memberships);
  // Language subgroups as a college splits them: the first half of the group's list (by name) and the second.
  const half = new Map<number, number>();
  w.groups.forEach((_, gi) => {
    const list = studentNames
      .map((s, i) => ({ s, i }))
      .filter((x) => x.s.groupIdx === gi)
      .sort((x, y) => compareRu(fullName(x.s.name), fullName(y.s.name)) || x.i - y.i);
    list.forEach((x, k) => half.set(x.i, k < Math.ceil(list.length / 2) ? 0 : 1));
  });
  await insertMany(
    tx,
    'subgroup_memberships',
    studentNames.map((s, i) => ({
      organization_id: w.orgId,
      student_id: studentIds[i],
      subgroup_id: w.groups[s.groupIdx].subgroupIds[half.get(i)!],
      start_date: memberships[i].start_date,
      end_date: null,
    })),
  );

  // Guardians: a mother for most, a father for some; siblings share them.
  const guardianOf: number[][] = [];
  const guardianRows: ReturnType<typeof personRow>[] = [];
  const guardianPlan: { studentIdx: number; relation: string; guardianIdx: number }[] = [];
  studentNames.forEach((s, i) => {
    if (s.siblingOf !== null && guardianOf[s.siblingOf]?.length) {
      guardianOf[i] = guardianOf[s.siblingOf];
      for (const gi of guardianOf[i]) guardianPlan.push({ studentIdx: i, relation: 'parent', guardianIdx: gi });
      return;
    }
    const family = s.family;
    const own: number[] = [];
    const addGuardian = (gender: 'm' | 'f', relation: string) => {
      const n = randomName(rnd, gender, family);
      guardianRows.push(
        personRow(w, n, { phone: phone(rnd), email: rnd.chance(0.5) ? `parent${guardianRows.length + 1}@example.ru` : undefined }),
      );
      own.push(guardianRows.length - 1);
      guardianPlan.push({ studentIdx: i, relation, guardianIdx: guardianRows.length - 1 });
    };
    if (i === studentIdx || rnd.chance(0.9)) addGuardian('f', 'mother');
    if (i !== studentIdx && (rnd.chance(0.4) || own.length === 0)) addGuardian('m', 'father');
    guardianOf[i] = own;
  });
  const guardianIds = await insertMany(tx, 'persons', guardianRows);
  await insertMany(
    tx,
    'guardian_links',
    guardianPlan.map((g) => ({
      organization_id: w.orgId,
      guardian_person_id: guardianIds[g.guardianIdx],
      student_id: studentIds[g.studentIdx],
      relation: g.relation,
    })),
  );
  fixed.parent = guardianIds[guardianOf[studentIdx][0]];
  w.fixed = fixed as DemoWorld['fixed'];

  await insertMany(
    tx,
    'users',
    DEMO_LOGINS.map((login) => ({
      organization_id: w.orgId,
      person_id: w.fixed[login],
      login: demoLogin(login, opts.college),
      password_hash: w.passwordHash,
      must_change_password: 0,
      is_active: 1,
      created_at: w.now,
    })),
  );
}

/**
 * Steps of the other areas, run after the college itself, in this order:
 * curriculum (plans, load, КТП) → timetable (bells, week, lessons) → people (movement history,
 * which keeps the fixed logins' groups whole) → journal (recorded lessons, grades, absences) → control
 * (the year's plan of intra-college control) → archive (the previous year's journals, closed) → gia (the
 * graduates' state final attestation). Each lives
 * in its area's demo.ts.
 */
const DEMO_STEPS: DemoStep[] = [curriculumDemo, timetableDemo, peopleDemo, journalDemo, planDemo, archiveDemo, giaDemo];

/** Creates the demo college; returns the new organization's id. */
export async function seedDemo(db: Db, opts: DemoOptions): Promise<{ orgId: number; students: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = opts.today ?? todayIn(DEMO_TIME_ZONE);
  return db.transaction().execute(async (tx) => {
    const [orgId] = await insertMany(tx, 'organizations', [
      {
        name: demoCollege(opts.college ?? 1).name,
        short_name: demoCollege(opts.college ?? 1).shortName,
        region: 'Приморский край',
        time_zone: DEMO_TIME_ZONE,
        settings: '{}',
        created_at: nowIso(),
      },
    ]);
    const w = {
      tx,
      rnd: new Random(opts.seed),
      orgId,
      today,
      yearStart: academicYearStart(today),
      now: nowIso(),
      passwordHash,
      termIds: { previous: [], current: [] },
      currentTermId: 0,
      programs: [],
      groups: [],
      studentsByGroup: new Map(),
      teacherPersonIds: [],
      commissionIds: [],
      fixed: {} as DemoWorld['fixed'],
      assignments: [],
    } satisfies DemoWorld as DemoWorld;
    await seedCollege(w, opts);
    if ((opts.college ?? 1) === 1)
      await seedRegionOffice(tx, { region: 'Приморский край', timeZone: DEMO_TIME_ZONE, passwordHash, now: w.now });
    for (const step of DEMO_STEPS) {
      await step(w);
      if (step === opts.through) break;
    }
    return { orgId, students: opts.students };
  });
}

/** Seeds the demo college on a database that has no organization yet (the first start); null otherwise. */
export async function seedDemoIfEmpty(db: Db, opts: DemoOptions): Promise<{ orgId: number; students: number } | null> {
  const existing = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return existing ? null : seedDemo(db, opts);
}
