import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fillDay } from '../src/server/control/fill-service.js';
import { performanceReport } from '../src/server/control/performance-service.js';
import { weeklyData } from '../src/server/control/weekly-service.js';
import { setClock } from '../src/domain/clock.js';
import { loadConfig } from '../src/server/platform/config.js';
import { nowIso, openDatabase, type Db } from '../src/server/platform/db.js';
import type { Principal } from '../src/server/platform/access.js';
import { reachOf } from '../src/server/platform/reach.js';
import type { Ctx } from '../src/server/platform/http.js';
import { NO_DIRECTION } from '../src/server/platform/direction.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { benchPgUrl, figure } from './lib.js';
import { decimalRu, numberRu } from '../src/domain/russian.js';

// The college-wide term performance report (п. 6.2) on a generated college: STUDENTS students
// (2,000 by default) in groups of 25, ten subjects a term, a year of lessons with about 21 marks
// each (grades and absences), term grades for every student and subject; beside a plain scan
// of the marks table. The report is of the second term, with the first beside it; the deputy's
// weekly check and the daily fill list on the same college. Each figure is quoted beside the
// plain scan of the marks table (issue 12, «Speed»). With --pg=postgres://…, BENCH_DATABASE_URL or
// TEST_DATABASE_URL the same runs on PostgreSQL too, in a schema of its own.
// `PERF_STUDENTS=500 npm run bench -- performance` for a smaller one.

const STUDENTS = Number(process.env.PERF_STUDENTS ?? 2000);
const GROUP = 25;
const SUBJECTS = 10;
const LESSONS = 36; // per assignment and term: 72 hours in pairs

async function insertMany<T extends Record<string, unknown>>(db: Db, table: string, rows: T[], chunk = 1000): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r = (await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .returning('id')
      .execute()) as { id: number }[];
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

/** A deterministic pseudo-random sequence, so every run builds the same college. */
function rng(seed = 42) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

async function generate(db: Db) {
  const rnd = rng();
  const now = nowIso();
  const [org] = await insertMany(db, 'organizations', [
    { name: 'Колледж замера', short_name: 'КЗ', region: 'Приморский край', time_zone: 'Asia/Vladivostok', settings: '{}', created_at: now },
  ]);
  const base = { organization_id: org };
  const [year] = await insertMany(db, 'academic_years', [
    { ...base, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31', status: 'open' },
  ]);
  const terms = await insertMany(db, 'terms', [
    { ...base, academic_year_id: year, number: 1, start_date: '2026-09-01', end_date: '2026-12-31' },
    { ...base, academic_year_id: year, number: 2, start_date: '2027-01-12', end_date: '2027-06-30' },
  ]);
  const depts = await insertMany(
    db,
    'departments',
    [1, 2, 3].map((i) => ({ ...base, name: `Отделение ${i}`, head_person_id: null })),
  );
  const comms = await insertMany(
    db,
    'subject_commissions',
    [1, 2, 3, 4].map((i) => ({ ...base, name: `ПЦК ${i}`, chair_person_id: null })),
  );
  const programs = await insertMany(
    db,
    'programs',
    [0, 1, 2, 3].map((i) => ({
      ...base,
      department_id: depts[i % 3],
      code: `43.02.1${i}`,
      name: `Специальность ${i}`,
      qualification: 'Специалист',
      kind: 'specialty',
      duration_terms: 8,
    })),
  );
  const person = (last: string, i: number) => ({
    ...base,
    last_name: `${last}${i}`,
    first_name: 'Иван',
    middle_name: null,
    birth_date: null,
    gender: null,
    snils: null,
    phone: null,
    email: null,
    sort_key: `${last}${String(i).padStart(5, '0')}`,
    created_at: now,
    updated_at: now,
  });
  const teacherPersons = await insertMany(
    db,
    'persons',
    Array.from({ length: 60 }, (_, i) => person('Преподаватель', i)),
  );
  const curricula = await insertMany(
    db,
    'curricula',
    programs.map((p) => ({ ...base, program_id: p, intake_year: 2026, name: 'План', status: 'approved' })),
  );
  const items: number[][] = [];
  for (const [ci, c] of curricula.entries()) {
    items.push(
      await insertMany(
        db,
        'curriculum_items',
        Array.from({ length: SUBJECTS * 2 }, (_, i) => ({
          ...base,
          curriculum_id: c,
          parent_id: null,
          cycle: 'ОП',
          code: `ОП.${String(i + 1).padStart(2, '0')}`,
          name: `Дисциплина ${ci}-${i}`,
          kind: 'discipline',
          commission_id: comms[i % 4],
          position: i,
        })),
      ),
    );
  }
  const groupCount = Math.ceil(STUDENTS / GROUP);
  const groups = await insertMany(
    db,
    'groups',
    Array.from({ length: groupCount }, (_, g) => ({
      ...base,
      program_id: programs[g % 4],
      name: `ГР-${g + 1}`,
      intake_year: 2026,
      course: 1,
      curator_person_id: null,
      status: 'active',
      sort_key: `гр${String(g).padStart(4, '0')}`,
    })),
  );
  const studentPersons = await insertMany(
    db,
    'persons',
    Array.from({ length: STUDENTS }, (_, i) => person('Студент', i)),
  );
  const students = await insertMany(
    db,
    'students',
    studentPersons.map((p) => ({ ...base, person_id: p, status: 'active', record_book_no: null })),
  );
  await insertMany(
    db,
    'group_memberships',
    students.map((s, i) => ({
      ...base,
      student_id: s,
      group_id: groups[Math.floor(i / GROUP)],
      start_date: '2026-09-01',
      end_date: i % 97 === 0 ? '2026-11-15' : null,
    })),
  );
  const [user] = await insertMany(db, 'users', [
    { ...base, person_id: teacherPersons[0], login: 'bench', password_hash: 'x', must_change_password: 0, is_active: 1, created_at: now },
  ]);

  let marks = 0;
  const termDays = [
    ['2026-09-01', 120],
    ['2027-01-12', 150],
  ] as const;
  for (const [t, termId] of terms.entries()) {
    const assignments = await insertMany(
      db,
      'assignments',
      groups.flatMap((g, gi) =>
        Array.from({ length: SUBJECTS }, (_, s) => ({
          ...base,
          term_id: termId,
          group_id: g,
          subgroup_id: null,
          curriculum_item_id: items[gi % 4][t * SUBJECTS + s],
          teacher_person_id: teacherPersons[(gi * 3 + s) % 60],
          hours: 72,
        })),
      ),
    );
    for (const [ai, a] of assignments.entries()) {
      const gi = Math.floor(ai / SUBJECTS);
      const roster = students.slice(gi * GROUP, gi * GROUP + GROUP);
      const lessonIds = await insertMany(
        db,
        'lessons',
        Array.from({ length: LESSONS }, (_, l) => {
          const d = new Date(`${termDays[t][0]}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() + Math.floor((l * termDays[t][1]) / LESSONS));
          return {
            ...base,
            assignment_id: a,
            date: d.toISOString().slice(0, 10),
            pair_no: 1 + (ai % 4),
            hours: 2,
            planned_teacher_person_id: teacherPersons[0],
            teacher_person_id: teacherPersons[0],
            room: null,
            status: 'held',
            source: 'timetable',
            unscheduled_reason: null,
            topic: `Тема ${l + 1}`,
            work_done: null,
            homework: null,
            recorded_at: now,
            recorded_by_user_id: user,
            version: 1,
            created_at: now,
            updated_at: now,
          };
        }),
      );
      const rows = [];
      for (const l of lessonIds) {
        for (const s of roster) {
          const x = rnd();
          if (x < 0.68)
            rows.push({
              ...base,
              lesson_id: l,
              student_id: s,
              kind: 'grade',
              value: String(2 + Math.floor(rnd() * 4)),
              work_type: 'oral',
              weight: 1,
              hours: null,
              comment: null,
              version: 1,
              created_by_user_id: user,
              created_at: now,
              updated_by_user_id: user,
              updated_at: now,
            });
          else if (x < 0.86)
            rows.push({
              ...base,
              lesson_id: l,
              student_id: s,
              kind: 'absence',
              value: ['н', 'н', 'б', 'уп'][Math.floor(rnd() * 4)],
              work_type: null,
              weight: 1,
              hours: 2,
              comment: null,
              version: 1,
              created_by_user_id: user,
              created_at: now,
              updated_by_user_id: user,
              updated_at: now,
            });
        }
      }
      await insertMany(db, 'marks', rows, 2000);
      marks += rows.length;
      const grades = ['5', '4', '4', '3', '3', '3', '2', 'н/а', 'осв.', '5'];
      await insertMany(
        db,
        'term_grades',
        roster.map((s) => ({
          ...base,
          assignment_id: a,
          student_id: s,
          kind: 'term',
          value: grades[Math.floor(rnd() * grades.length)],
          override_reason: null,
          missing: null,
          version: 1,
          set_by_user_id: user,
          set_at: now,
        })),
      );
    }
  }
  await insertMany(
    db,
    'absence_excuses',
    students
      .filter((_, i) => i % 5 === 0)
      .map((s) => ({
        ...base,
        student_id: s,
        from_date: '2026-10-05',
        to_date: '2026-10-16',
        reason: 'Болезнь',
        document: null,
        created_by_user_id: user,
        created_at: now,
        revoked_at: null,
        revoked_by_user_id: null,
      })),
  );
  return { org, termId: terms[1], marks };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(runs: number, f: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}
const ms = (x: number) => `${Math.round(x)} мс`;

async function run(url: string, engine: string, schema?: string) {
  const { db, engine: kind, close } = openDatabase(url, { schema });
  try {
    await migrateToLatest(db, schema);
    let t = performance.now();
    const w = await generate(db);
    const absences = await db
      .selectFrom('marks')
      .select((eb) => eb.fn.sum<number>('hours').as('h'))
      .where('organization_id', '=', w.org)
      .where('kind', '=', 'absence')
      .executeTakeFirstOrThrow();
    console.log(
      `${engine}: колледж из ${STUDENTS} студентов, ${w.marks} отметок (${Number(absences.h)} ч пропусков) построен за ${Math.round((performance.now() - t) / 1000)} с`,
    );
    const principal: Principal = {
      userId: 1,
      personId: 1,
      organizationId: w.org,
      login: 'bench',
      lastName: 'Замер',
      firstName: 'Замер',
      middleName: null,
      roles: ['director'],
      curatorGroupIds: [],
      commissionIds: [],
      studentId: null,
      linkedStudentIds: [],
      mustChangePassword: false,
      direction: NO_DIRECTION,
      timeZone: 'Asia/Vladivostok',
      region: 'Приморский край',
    };
    const ctx: Ctx = {
      db,
      reports: db,
      engine: kind,
      config: loadConfig(),
      ip: '127.0.0.1',
      principal,
      reach: reachOf(principal, ['org']),
    };
    t = performance.now();
    const r = await performanceReport(ctx, { termId: w.termId });
    const first = Math.round(performance.now() - t);
    const scan = await timed(3, () =>
      db.selectFrom('marks').select(['student_id', 'lesson_id', 'value', 'hours']).where('organization_id', '=', w.org).execute(),
    );
    const report = await timed(3, () => performanceReport(ctx, { termId: w.termId }));
    const beside = `простой просмотр ${w.marks} отметок — ${ms(scan)}`;
    console.log(
      `${engine}: отчёт об успеваемости колледжа за 2-й семестр (с 1-м рядом): ${ms(report)} (первый ${first} мс; цель ≤ 1000 мс), групп ${r.sections.groups.length}, студентов ${r.sections.students.length}`,
    );
    console.log(
      `${engine}: простой просмотр таблицы отметок (${numberRu(w.marks)} строк): ${ms(scan)}; отчёт / просмотр = ${decimalRu(report / scan, 2)}`,
    );
    figure(`${engine}: простой просмотр таблицы отметок`, scan, 'мс');
    figure(`${engine}: отчёт об успеваемости колледжа за семестр`, report, 'мс', { op: '<=', value: 1000 }, beside);
    figure(`${engine}: отчёт / простой просмотр отметок`, report / scan, '×');
    // The deputy's weekly check (п. 5.2) of a week in the middle of the 2nd term, made on the Monday after.
    setClock('2027-03-22T03:00:00Z');
    try {
      const week = await weeklyData(db, { id: w.org, timeZone: principal.timeZone }, '2027-03-15');
      const weekly = await timed(3, () => weeklyData(db, { id: w.org, timeZone: principal.timeZone }, '2027-03-15'));
      console.log(
        `${engine}: еженедельный контроль за 15–21.03.2027: ${ms(weekly)} (цель ≤ 1000 мс), групп ${week.groups.length}, оценок ${week.totals.grades}`,
      );
      figure(`${engine}: еженедельный контроль`, weekly, 'мс', { op: '<=', value: 1000 }, beside);
      figure(`${engine}: еженедельный контроль / простой просмотр отметок`, weekly / scan, '×');
      // The daily fill list (п. 3.8) of Monday 15 March on the same college (every assignment has a lesson that day), a week after.
      const org = { id: w.org, timeZone: principal.timeZone };
      const day = await fillDay(db, org, '2027-03-15', () => true);
      const daily = await timed(9, () => fillDay(db, org, '2027-03-15', () => true));
      console.log(`${engine}: контроль заполнения за 15.03.2027: ${decimalRu(daily, 1)} мс (цель ≤ 100 мс), занятий ${day.counts.lessons}`);
      figure(`${engine}: контроль заполнения за день`, daily, 'мс', { op: '<=', value: 100 }, beside);
      figure(`${engine}: контроль заполнения за день / простой просмотр отметок`, daily / scan, '×');
    } finally {
      setClock(null);
    }
  } finally {
    await close();
  }
}

export async function performanceBench() {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-perf-'));
  try {
    await run(`sqlite:${join(dir, 'perf.db')}`, 'SQLite');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = benchPgUrl();
  if (!pgUrl) return;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    await run(pgUrl, 'PostgreSQL', schema);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
