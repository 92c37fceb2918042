import type { Tx } from '../platform/db.js';
import type { Random } from './random.js';

// The demo college as it is being built, shared by the area steps (curriculum, timetable, people,
// journal) and the seed that runs them: the steps import this file, never seed.ts.

export const DEMO_TIME_ZONE = 'Asia/Vladivostok';
export const DEMO_PASSWORD = 'demo';
export const DEMO_LOGINS = [
  'admin',
  'director',
  'deputy',
  'methodist',
  'chair',
  'specialist',
  'curator',
  'teacher',
  'student',
  'parent',
  'observer',
] as const;

export interface DemoOptions {
  students: number;
  seed: number;
  /** The calendar date the demo is built around (default: today in the college's time zone). */
  today?: string;
  /** Stop after this step (benchmarks build the college up to its timetable, with no journal yet). */
  through?: DemoStep;
  /** Which college of a demo region this is (1, 2, …; default 1): its name, and a suffix on the fixed logins after the first. */
  college?: number;
}

/** The colleges of a demo region (`demo --colleges N`); beyond the list, numbered. */
export const DEMO_COLLEGES: { name: string; shortName: string }[] = [
  {
    name: 'Краевое государственное автономное профессиональное образовательное учреждение «Колледж технологии и сервиса»',
    shortName: 'КГА ПОУ «КТИС»',
  },
  {
    name: 'Краевое государственное автономное профессиональное образовательное учреждение «Приморский политехнический колледж»',
    shortName: 'КГА ПОУ «ППК»',
  },
  {
    name: 'Краевое государственное бюджетное профессиональное образовательное учреждение «Уссурийский агропромышленный колледж»',
    shortName: 'КГБ ПОУ «УАПК»',
  },
  {
    name: 'Краевое государственное бюджетное профессиональное образовательное учреждение «Находкинский строительный колледж»',
    shortName: 'КГБ ПОУ «НСК»',
  },
  {
    name: 'Краевое государственное автономное профессиональное образовательное учреждение «Артёмовский колледж сервиса и дизайна»',
    shortName: 'КГА ПОУ «АКСД»',
  },
];
export const demoCollege = (n: number) => DEMO_COLLEGES[n - 1] ?? { name: `Демонстрационный колледж № ${n}`, shortName: `Колледж № ${n}` };
/** The fixed logins of the n-th demo college: admin, teacher … for the first; admin2, teacher2 … for the second. */
export const demoLogin = (login: string, n = 1) => (n > 1 ? `${login}${n}` : login);

/** What the demo steps share: each area's step reads it and may add to it. */
export interface DemoWorld {
  tx: Tx;
  rnd: Random;
  orgId: number;
  today: string;
  yearStart: number;
  now: string;
  passwordHash: string;
  termIds: { previous: number[]; current: number[] };
  currentTermId: number;
  programs: { id: number; code: string; abbr: string }[];
  groups: {
    id: number;
    name: string;
    course: number;
    programId: number;
    intakeYear: number;
    curatorPersonId: number;
    subgroupIds: number[];
  }[];
  /**
   * Students per group, with their person ids, the date they joined and, when they left (movement),
   * the last day in the group; a student back in the same group has a second entry.
   */
  studentsByGroup: Map<number, { studentId: number; personId: number; since: string; until?: string | null }[]>;
  teacherPersonIds: number[];
  commissionIds: number[];
  /** The person behind each fixed demo login. */
  fixed: Record<(typeof DEMO_LOGINS)[number], number>;
  /** Teaching load of the current year (curriculum step): the timetable is built from it. */
  assignments: {
    id: number;
    groupId: number;
    subgroupId: number | null;
    subjectId: number;
    teacherPersonId: number;
    termId: number;
    hours: number;
  }[];
}

export type DemoStep = (w: DemoWorld) => Promise<void>;

export const PROGRAMS = [
  {
    code: '43.02.15',
    name: 'Поварское и кондитерское дело',
    qualification: 'Специалист по поварскому и кондитерскому делу',
    abbr: 'ПК',
    kind: 'specialty',
    dept: 0,
  },
  { code: '43.01.09', name: 'Повар, кондитер', qualification: 'Повар. Кондитер', abbr: 'ПВ', kind: 'profession', dept: 0 },
  { code: '43.02.14', name: 'Гостиничное дело', qualification: 'Специалист по гостеприимству', abbr: 'ГД', kind: 'specialty', dept: 1 },
  { code: '43.02.13', name: 'Технология парикмахерского искусства', qualification: 'Технолог', abbr: 'ТП', kind: 'specialty', dept: 1 },
  {
    code: '43.02.16',
    name: 'Туризм и гостеприимство',
    qualification: 'Специалист по туризму и гостеприимству',
    abbr: 'ТГ',
    kind: 'specialty',
    dept: 1,
  },
];

export async function insertMany<T extends Record<string, unknown>>(tx: Tx, table: string, rows: T[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r = await (tx as any)
      .insertInto(table)
      .values(rows.slice(i, i + 400))
      .returning('id')
      .execute();
    for (const x of r as { id: number }[]) ids.push(x.id);
  }
  return ids;
}

/** The demo's marks, each with its creation in the marks' history, as a teacher's entry leaves it. */
export async function insertDemoMarks(tx: Tx, orgId: number, marks: Record<string, unknown>[]): Promise<number[]> {
  const markIds = await insertMany(tx, 'marks', marks);
  await insertMany(
    tx,
    'mark_events',
    marks.map((m, i) => ({
      organization_id: orgId,
      mark_id: markIds[i],
      lesson_id: m.lesson_id,
      student_id: m.student_id,
      kind: m.kind,
      action: 'create',
      old_value: null,
      new_value: m.value,
      old_work_type: null,
      new_work_type: m.work_type,
      old_weight: null,
      new_weight: m.weight,
      reason: null,
      correction_request_id: null,
      user_id: m.created_by_user_id,
      at: m.created_at,
      op_id: null,
    })),
  );
  return markIds;
}
