import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueBatch } from '../src/server/archive/batches.js';
import { YEAR_ARCHIVE_KIND } from '../src/server/archive/close.js';
import { PRINT_JOURNALS_KIND } from '../src/server/print/batch.js';
import { nowIso, openDatabase, type Db } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { countRu, decimalRu, NOUNS } from '../src/domain/russian.js';
import { figure } from './lib.js';

// The year-end archive of a college (issue 13 «Speed»): GROUPS groups (74 by default) of 30
// students, 8 subjects a term, 36 lessons a subject and term (576 lessons a group), about a third
// of the cells marked, term grades for everyone; the archive batch (per group the printed journal, an XLSX of every
// subject and the JSON export, kept in the database in chunks) run as the server runs it, with
// the process's memory sampled throughout. `ARCHIVE_GROUPS=10 npm run bench -- archive` for a smaller one.
// `npm run bench -- print-journals`: the same college's printed journals (a PDF per group) in the background.

const GROUPS = Number(process.env.ARCHIVE_GROUPS ?? 74);
const STUDENTS = 30;
const SUBJECTS = 8;
const LESSONS = 36;

async function insertMany(db: Db, table: string, rows: Record<string, unknown>[], chunk = 1000): Promise<number[]> {
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

function rng(seed = 7) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

export async function generate(db: Db) {
  const rnd = rng();
  const now = nowIso();
  const [org] = await insertMany(db, 'organizations', [
    {
      name: 'Колледж замера архива',
      short_name: 'КЗА',
      region: 'Приморский край',
      time_zone: 'Asia/Vladivostok',
      settings: '{}',
      created_at: now,
    },
  ]);
  const base = { organization_id: org };
  const [year] = await insertMany(db, 'academic_years', [
    { ...base, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31', status: 'archived' },
  ]);
  const terms = await insertMany(db, 'terms', [
    { ...base, academic_year_id: year, number: 1, start_date: '2025-09-01', end_date: '2025-12-31' },
    { ...base, academic_year_id: year, number: 2, start_date: '2026-01-12', end_date: '2026-06-30' },
  ]);
  const [program] = await insertMany(db, 'programs', [
    {
      ...base,
      department_id: null,
      code: '43.02.15',
      name: 'Поварское и кондитерское дело',
      qualification: 'Специалист',
      kind: 'specialty',
      duration_terms: 8,
    },
  ]);
  const person = (last: string, i: number) => ({
    ...base,
    last_name: `${last}${i}`,
    first_name: 'Иван',
    middle_name: 'Петрович',
    birth_date: null,
    gender: null,
    snils: null,
    phone: null,
    email: null,
    sort_key: `${last}${String(i).padStart(5, '0')}`,
    created_at: now,
    updated_at: now,
  });
  const teachers = await insertMany(
    db,
    'persons',
    Array.from({ length: 40 }, (_, i) => person('Преподаватель', i)),
  );
  const [user] = await insertMany(db, 'users', [
    { ...base, person_id: teachers[0], login: 'bench', password_hash: 'x', must_change_password: 0, is_active: 1, created_at: now },
  ]);
  const [curriculum] = await insertMany(db, 'curricula', [
    { ...base, program_id: program, intake_year: 2025, name: 'План', status: 'approved' },
  ]);
  const items = await insertMany(
    db,
    'curriculum_items',
    Array.from({ length: SUBJECTS * 2 }, (_, i) => ({
      ...base,
      curriculum_id: curriculum,
      parent_id: null,
      cycle: 'ОП',
      code: `ОП.${String(i + 1).padStart(2, '0')}`,
      name: `Общепрофессиональная дисциплина с длинным названием № ${i + 1}`,
      kind: 'discipline',
      commission_id: null,
      position: i,
    })),
  );
  let lessons = 0;
  let marks = 0;
  for (let g = 0; g < GROUPS; g++) {
    const [group] = await insertMany(db, 'groups', [
      {
        ...base,
        program_id: program,
        name: `ГР-${g + 1}`,
        intake_year: 2025,
        course: 2,
        curator_person_id: teachers[g % 40],
        status: 'active',
        sort_key: `гр${String(g).padStart(4, '0')}`,
      },
    ]);
    const persons = await insertMany(
      db,
      'persons',
      Array.from({ length: STUDENTS }, (_, i) => person('Студент', g * STUDENTS + i)),
    );
    const students = await insertMany(
      db,
      'students',
      persons.map((p) => ({ ...base, person_id: p, status: 'active', record_book_no: null })),
    );
    await insertMany(
      db,
      'group_memberships',
      students.map((s) => ({ ...base, student_id: s, group_id: group, start_date: '2025-09-01', end_date: null })),
    );
    for (const [t, termId] of terms.entries()) {
      const assignments = await insertMany(
        db,
        'assignments',
        Array.from({ length: SUBJECTS }, (_, s) => ({
          ...base,
          term_id: termId,
          group_id: group,
          subgroup_id: null,
          curriculum_item_id: items[t * SUBJECTS + s],
          teacher_person_id: teachers[(g + s) % 40],
          hours: 72,
        })),
      );
      const lessonRows = assignments.flatMap((a, ai) =>
        Array.from({ length: LESSONS }, (_, l) => {
          const d = new Date(`${t ? '2026-01-12' : '2025-09-01'}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() + Math.floor((l * 7 * 16) / LESSONS));
          return {
            ...base,
            assignment_id: a,
            date: d.toISOString().slice(0, 10),
            pair_no: 1 + (ai % 4),
            hours: 2,
            planned_teacher_person_id: teachers[(g + ai) % 40],
            teacher_person_id: teachers[(g + ai) % 40],
            room: null,
            status: 'scheduled',
            source: 'timetable',
            unscheduled_reason: null,
            topic: `Тема занятия № ${l + 1}: практическая работа по разделу`,
            work_done: 'Объяснение нового материала, опрос',
            homework: 'Повторить конспект занятия',
            recorded_at: now,
            recorded_by_user_id: user,
            version: 1,
            created_at: now,
            updated_at: now,
          };
        }),
      );
      const lessonIds = await insertMany(db, 'lessons', lessonRows);
      lessons += lessonIds.length;
      const rows: Record<string, unknown>[] = [];
      for (const l of lessonIds)
        for (const s of students) {
          const x = rnd();
          if (x > 0.35) continue;
          const absence = x < 0.06;
          rows.push({
            ...base,
            lesson_id: l,
            student_id: s,
            kind: absence ? 'absence' : 'grade',
            value: absence ? 'н' : String(2 + Math.floor(rnd() * 4)),
            work_type: absence ? null : 'oral',
            weight: 1,
            hours: absence ? 2 : null,
            comment: null,
            version: 1,
            created_by_user_id: user,
            created_at: now,
            updated_by_user_id: user,
            updated_at: now,
          });
        }
      await insertMany(db, 'marks', rows, 2000);
      marks += rows.length;
      await insertMany(
        db,
        'term_grades',
        assignments.flatMap((a) =>
          students.map((s) => ({
            ...base,
            assignment_id: a,
            student_id: s,
            kind: 'term',
            value: String(3 + Math.floor(rnd() * 3)),
            override_reason: null,
            missing: null,
            version: 1,
            set_by_user_id: user,
            set_at: now,
          })),
        ),
      );
    }
  }
  return { org, year, lessons, marks };
}

interface BatchBench {
  kind: string;
  params: (c: Awaited<ReturnType<typeof generate>>) => unknown;
  /** The figure of the batch's time, e.g. «архив колледжа в фоне». */
  what: string;
}

/** Makes the college, queues one batch of a kind, runs it in a process of its own; figures: time, peak memory, growth. */
async function batchBench(o: BatchBench): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-archive-'));
  const { db, close } = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  try {
    await migrateToLatest(db);
    const t0 = Date.now();
    const c = await generate(db);
    console.log(
      `  колледж: ${GROUPS} групп по ${STUDENTS} обучающихся, ${c.lessons} занятий, ${c.marks} отметок — создан за ${Math.round((Date.now() - t0) / 1000)} с`,
    );
    const batchId = await queueBatch(db, { orgId: c.org, kind: o.kind, params: o.params(c), title: o.what, userId: null });
    // The batch runs in a process of its own, as in a server: its memory is the batch's alone.
    const run = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'archive-run.ts'), join(dir, 'bench.db')], {
        encoding: 'utf8',
      }),
    ) as { seconds: number; rss0: number; peak: number; early: number; late: number };
    const { seconds, rss0, peak, early, late } = run;
    const b = await db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
    if (b.status !== 'done') throw new Error(`Не изготовлено (${o.what}): ${b.error}`);
    const files = await db.selectFrom('batch_files').select(['size']).where('batch_id', '=', batchId).execute();
    const total = files.reduce((n, f) => n + f.size, 0);
    const largest = Math.max(...files.map((f) => f.size));
    // The target is flatness, not a peak (the issue asks for memory that does not grow): the peak is shown for the record.
    // Flat: the memory of the last quarter of the run is no higher than that of the first quarter (plus noise).
    const mb = (x: number) => x / 2 ** 20;
    figure(
      o.what,
      seconds,
      'с',
      { op: '<=', value: 300 },
      `${countRu(GROUPS, NOUNS.group)}, ${countRu(files.length, NOUNS.file)}, ${decimalRu(mb(total), 1)} МБ`,
    );
    figure(
      'пик памяти процесса',
      mb(peak),
      'МБ',
      undefined,
      `до начала ${Math.round(mb(rss0))} МБ; крупнейший файл ${decimalRu(mb(largest), 1)} МБ`,
    );
    figure(
      'рост памяти от первой четверти к последней',
      mb(late - early),
      'МБ',
      { op: '<=', value: 64 },
      'память не растёт с числом групп',
    );
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The year's archive: per group the printed journal, the XLSX and the JSON export. */
export const archiveBench = () =>
  batchBench({ kind: YEAR_ARCHIVE_KIND, params: (c) => ({ yearId: c.year }), what: 'архив колледжа в фоне' });

/** The printed journals of the whole college (issue 13 item 2): a PDF per group, landscape A4. */
export const printJournalsBench = () =>
  batchBench({
    kind: PRINT_JOURNALS_KIND,
    params: (c) => ({ yearId: c.year, termId: null, paper: 'A4' }),
    what: 'печатные журналы колледжа в фоне',
  });
