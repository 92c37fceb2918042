import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { addDays } from '../src/domain/dates.js';
import { nowIso, openDatabase, type Db } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { groupJournalData } from '../src/server/print/journal-data.js';
import { renderJournal, writeGroupJournal } from '../src/server/print/journal-pdf.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildOrganization,
  buildProgram,
  buildStudent,
  buildSubject,
  buildUser,
} from '../test/factories.js';
import { figure } from './lib.js';

// The printed journal of one group's year (issue 13): 35 students, 15 subjects in both terms
// (about 1,400 lessons with topics, work and homework), a mark or an absence for about a quarter of
// the students on every lesson, term grades. The PDF is written to a sink that counts its bytes;
// target: ≤ 5 s and ≤ 5 MB. Memory: the process's growth while it is drawn.

const STUDENTS = 35;
const SUBJECTS = 15;
const LESSONS = 47; // per assignment and term: 15 × 2 × 47 = 1,410

async function insertMany(db: Db, table: string, rows: Record<string, unknown>[], chunk = 500): Promise<number[]> {
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

function rng(seed = 13) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

async function generate(db: Db) {
  const rnd = rng();
  const now = nowIso();
  const org = await buildOrganization(db, {
    name: 'Государственное бюджетное профессиональное образовательное учреждение «Колледж замера»',
  });
  const orgId = org.id;
  const year = await buildAcademicYear(db, orgId, 2026);
  await buildUser(db, { orgId, roles: ['director'], lastName: 'Директорова' });
  const curator = await buildUser(db, { orgId, lastName: 'Куратова' });
  const program = await buildProgram(db, orgId, { code: '09.02.07', name: 'Информационные системы и программирование' });
  const group = await buildGroup(db, { orgId, name: 'ИС-21', course: 2, curatorPersonId: curator.personId, programId: program.id });
  const students: number[] = [];
  for (let i = 0; i < STUDENTS; i++) students.push((await buildStudent(db, group, { lastName: `Обучающийся${i + 1}` })).id);
  const user = await buildUser(db, { orgId, roles: ['teacher'] });
  let lessons = 0;
  let marks = 0;
  for (let s = 0; s < SUBJECTS; s++) {
    const teacher = await buildUser(db, { orgId, roles: ['teacher'], lastName: `Преподаватель${s + 1}` });
    const subject = await buildSubject(db, orgId, {
      programId: program.id,
      code: `ОП.${String(s + 1).padStart(2, '0')}`,
      name:
        s % 3 === 0 ? 'Основы алгоритмизации и программирования с элементами проектирования информационных систем' : `Дисциплина ${s + 1}`,
    });
    for (const [t, termId] of year.termIds.entries()) {
      const a = await buildAssignment(db, {
        group: { ...group, programId: program.id },
        termId,
        teacherPersonId: teacher.personId,
        subjectId: subject.id,
      });
      const start = t === 0 ? '2026-09-01' : '2027-01-12';
      const rows = Array.from({ length: LESSONS }, (_, i) => ({
        organization_id: orgId,
        assignment_id: a.id,
        date: addDays(start, Math.floor(i * 2.5)),
        pair_no: 1 + (s % 4),
        hours: 2,
        planned_teacher_person_id: teacher.personId,
        teacher_person_id: i === 7 ? user.personId : teacher.personId,
        room: '101',
        status: 'scheduled',
        source: 'timetable',
        unscheduled_reason: null,
        topic: `Тема ${i + 1}. ${i % 4 === 0 ? 'Линейные алгоритмы: ввод и вывод данных, присваивание, арифметические выражения и стандартные функции' : 'Практическое занятие'}`,
        work_done: i % 5 === 0 ? 'Практическая работа по составлению программ' : null,
        work_types: i % 5 === 0 ? JSON.stringify(['practical']) : null,
        homework: i % 2 === 0 ? 'Повторить конспект, решить задачи 1–5' : null,
        recorded_at: now,
        recorded_by_user_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      }));
      const ids = await insertMany(db, 'lessons', rows);
      lessons += ids.length;
      const markRows: Record<string, unknown>[] = [];
      for (const lessonId of ids)
        for (const st of students) {
          if (rnd() > 0.25) continue;
          const absent = rnd() < 0.3;
          markRows.push({
            organization_id: orgId,
            lesson_id: lessonId,
            student_id: st,
            kind: absent ? 'absence' : 'grade',
            value: absent ? 'н' : ['5', '4', '3', '2'][Math.floor(rnd() * 4)],
            work_type: absent ? null : 'oral',
            weight: 1,
            hours: absent ? 2 : null,
            comment: null,
            version: 1,
            created_by_user_id: user.id,
            created_at: now,
            updated_by_user_id: user.id,
            updated_at: now,
          });
        }
      await insertMany(db, 'marks', markRows);
      marks += markRows.length;
      await insertMany(
        db,
        'term_grades',
        students.map((st) => ({
          organization_id: orgId,
          assignment_id: a.id,
          student_id: st,
          kind: 'term',
          value: ['5', '4', '3'][Math.floor(rnd() * 3)],
          override_reason: null,
          missing: null,
          version: 1,
          set_by_user_id: user.id,
          set_at: now,
        })),
      );
    }
  }
  return { orgId, groupId: group.id, yearId: year.id, lessons, marks };
}

export async function printBench() {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-print-'));
  const { db, close } = openDatabase(`sqlite:${join(dir, 'print.db')}`);
  try {
    await migrateToLatest(db);
    const w = await generate(db);
    console.log(`Группа: ${STUDENTS} обучающихся, ${SUBJECTS} дисциплин, занятий ${w.lessons}, отметок ${w.marks}`);
    let bytes = 0;
    const sink = () =>
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          cb();
        },
      });
    await writeGroupJournal(db, w.orgId, { groupId: w.groupId, yearId: w.yearId, paper: 'A4' }, sink()); // warm-up
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const probe = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    bytes = 0;
    const t = performance.now();
    const { pages } = await writeGroupJournal(db, w.orgId, { groupId: w.groupId, yearId: w.yearId, paper: 'A4' }, sink());
    const ms = performance.now() - t;
    clearInterval(probe);
    figure('журнал группы за год (PDF, A4): время', ms / 1000, 'с', { op: '<=', value: 5 });
    figure('журнал группы за год (PDF, A4): размер', bytes / 2 ** 20, 'МБ', { op: '<=', value: 5 });
    figure('журнал группы за год: страниц', pages, 'стр.');
    figure('журнал группы за год: рост памяти процесса', (peak - rss0) / 2 ** 20, 'МБ');
    const t1 = performance.now();
    const data = await groupJournalData(db, w.orgId, { groupId: w.groupId, yearId: w.yearId });
    const t2 = performance.now();
    await renderJournal(data, 'A4', sink());
    figure('из них чтение данных', (t2 - t1) / 1000, 'с');
    figure('из них вёрстка и запись PDF (два прохода)', (performance.now() - t2) / 1000, 'с');
    bytes = 0;
    const t3 = performance.now();
    await writeGroupJournal(db, w.orgId, { groupId: w.groupId, yearId: w.yearId, paper: 'A3' }, sink());
    figure('журнал группы за год (PDF, A3): время', (performance.now() - t3) / 1000, 'с', { op: '<=', value: 5 });
    figure('журнал группы за год (PDF, A3): размер', bytes / 2 ** 20, 'МБ', { op: '<=', value: 5 });
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}
