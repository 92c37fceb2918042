import type { Writable } from 'node:stream';
import { ARCHIVE_EXPORT_SCHEMA_ID, type ExportSubject } from '../../contracts/archive-export.js';
import { TERM_GRADE_KIND_TITLES, TERM_GRADE_KINDS } from '../../domain/attestation.js';
import { formatRu } from '../../domain/dates.js';
import { fullName } from '../../domain/text.js';
import { nowIso, type Db } from '../platform/db.js';
import { ExcelJS, PDF_TYPE, spreadsheetText, XLSX_TYPE } from '../platform/documents.js';
import { writeGroupJournal } from '../print/journal-pdf.js';
import { termGradesOfAssignments } from '../attestation/queries.js';
import { marksOfAssignments } from '../journal/queries/marks.js';
import { groupWithProgram } from '../print/queries.js';
import { archiveYear, correctionsOf, lessonsOf, studentsOfYear, subjectsOfYear } from './export-queries.js';

// The per-group parts of a year's archive (decision 028). Each writes one file to a stream, a
// subject at a time; the printed journal (PDF, decision 027) page by page.

export interface GroupYear {
  groupId: number;
  yearId: number;
}

export interface GroupPart {
  name: string;
  contentType: string;
  write(db: Db, orgId: number, p: GroupYear, out: Writable): Promise<unknown>;
}

async function context(db: Db, orgId: number, p: GroupYear) {
  const year = await archiveYear(db, orgId, p.yearId);
  if (!year) throw new Error(`Учебный год ${p.yearId} не найден`);
  const group = await groupWithProgram(db, orgId, p.groupId);
  if (!group) throw new Error(`Группа ${p.groupId} не найдена`);
  const students = await studentsOfYear(db, orgId, p.groupId, year.start_date, year.end_date);
  const subjects = await subjectsOfYear(db, orgId, p.groupId, p.yearId);
  return { year, group, students, subjects };
}

/** One subject's records: read when its turn comes. */
async function subjectRecords(db: Db, orgId: number, s: Awaited<ReturnType<typeof subjectsOfYear>>[number]): Promise<ExportSubject> {
  const ids = s.assignments.map((a) => a.id);
  const [lessons, marks, termGrades, corrections] = await Promise.all([
    lessonsOf(db, orgId, ids),
    marksOfAssignments(db, orgId, ids),
    termGradesOfAssignments(db, orgId, ids),
    correctionsOf(db, orgId, ids),
  ]);
  return {
    code: s.code,
    name: s.name,
    assignments: s.assignments,
    lessons,
    marks: marks.map((m) => ({
      lessonId: m.lesson_id,
      studentId: m.student_id,
      kind: m.kind as 'grade' | 'absence',
      value: m.value,
      workType: m.work_type,
      weight: m.weight,
      hours: m.hours,
    })),
    termGrades: termGrades.map((g) => ({
      assignmentId: g.assignment_id,
      studentId: g.student_id,
      kind: g.kind,
      value: g.value,
      setAt: g.set_at,
    })),
    corrections: corrections.map((c) => ({
      ...c,
      kind: c.kind as 'grade' | 'absence',
      status: c.status as 'pending' | 'approved' | 'rejected',
    })),
  };
}

/** Writes and waits when the stream asks to (flat memory on a slow consumer). */
function writeTo(out: Writable, s: string): Promise<void> {
  return out.write(s) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));
}

/** The JSON export of everything recorded for the group that year (contracts/archive-export.ts). */
export async function writeGroupExport(db: Db, orgId: number, p: GroupYear, out: Writable): Promise<void> {
  const { year, group, students, subjects } = await context(db, orgId, p);
  const head = {
    schema: ARCHIVE_EXPORT_SCHEMA_ID,
    madeAt: nowIso(),
    organization: { name: year.org_name, shortName: year.org_short },
    year: { id: year.id, name: year.name, startDate: year.start_date, endDate: year.end_date },
    group: {
      id: group.id,
      name: group.name,
      course: group.course,
      intakeYear: group.intake_year,
      program: { code: group.code, name: group.program_name },
      curator: group.last_name
        ? fullName({ last_name: group.last_name, first_name: group.first_name ?? '', middle_name: group.middle_name })
        : null,
    },
    students,
  };
  await writeTo(out, `${JSON.stringify(head).slice(0, -1)},"subjects":[`);
  for (const [i, s] of subjects.entries()) {
    await writeTo(out, (i ? ',' : '') + JSON.stringify(await subjectRecords(db, orgId, s)));
  }
  await writeTo(out, ']}\n');
  out.end();
}

const SHEET_NAME_BAD = /[[\]:*?/\\]/g;
function sheetName(used: Set<string>, code: string, name: string): string {
  const base = `${code} ${name}`.replace(SHEET_NAME_BAD, ' ').slice(0, 31).trim();
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(n.toLowerCase());
  return n;
}

/**
 * The group's journal as a workbook, one sheet per subject: students × lessons with marks and
 * absences as in the grid, then the term, exam and final grades of each term; the lessons' topics
 * below. Written with the streaming writer, a sheet at a time.
 */
export async function writeGroupJournalXlsx(db: Db, orgId: number, p: GroupYear, out: Writable): Promise<void> {
  const { year, group, students, subjects } = await context(db, orgId, p);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 6 } },
  } as never);
  wb.creator = 'ejournal';
  const used = new Set<string>();
  if (!subjects.length) {
    const ws = wb.addWorksheet('Журнал');
    ws.addRow([spreadsheetText(`${group.name}, ${year.name}: занятий не было`)]).commit();
    ws.commit();
  }
  for (const s of subjects) {
    const r = await subjectRecords(db, orgId, s);
    const ws = wb.addWorksheet(sheetName(used, s.code, s.name));
    const terms = [...new Set(s.assignments.map((a) => a.term))].sort((a, b) => a - b);
    const termOf = new Map(s.assignments.map((a) => [a.id, a.term]));
    const gradeCols = terms.flatMap((t) =>
      TERM_GRADE_KINDS.filter((k) => r.termGrades.some((g) => termOf.get(g.assignmentId) === t && g.kind === k)).map((k) => ({ t, k })),
    );
    const teachers = [...new Set(s.assignments.map((a) => a.teacher))].join(', ');
    ws.addRow([spreadsheetText(`${group.name} · ${s.code} ${s.name}`), spreadsheetText(`${year.name} · ${teachers}`)]).commit();
    const header = ws.addRow([
      '№',
      'Обучающийся',
      ...r.lessons.map((l) => `${formatRu(l.date).slice(0, 5)}${l.pairNo ? ` (${l.pairNo})` : ''}`),
      ...gradeCols.map((c) => `${c.t} сем.: ${TERM_GRADE_KIND_TITLES[c.k]}`),
    ]);
    header.font = { bold: true };
    header.commit();
    const cell = new Map<string, string[]>();
    for (const m of r.marks) {
      const key = `${m.lessonId}:${m.studentId}`;
      cell.set(key, [...(cell.get(key) ?? []), m.value]);
    }
    const grade = new Map(r.termGrades.map((g) => [`${termOf.get(g.assignmentId)}:${g.kind}:${g.studentId}`, g.value]));
    students.forEach((st, i) =>
      ws
        .addRow([
          i + 1,
          spreadsheetText(st.name),
          // An empty cell is left out of the file (null), not written as empty text.
          ...r.lessons.map((l) => cell.get(`${l.id}:${st.id}`)?.join(' ') ?? null),
          ...gradeCols.map((c) => grade.get(`${c.t}:${c.k}:${st.id}`) ?? null),
        ])
        .commit(),
    );
    ws.addRow([]).commit();
    const topics = ws.addRow(['', 'Дата', 'Часы', 'Тема', 'Выполненная работа', 'Домашнее задание', 'Преподаватель']);
    topics.font = { bold: true };
    topics.commit();
    for (const l of r.lessons)
      ws.addRow([
        '',
        formatRu(l.date),
        l.hours,
        spreadsheetText(l.status === 'cancelled' ? 'занятие отменено' : (l.topic ?? '')),
        spreadsheetText(l.workDone ?? ''),
        spreadsheetText(l.homework ?? ''),
        spreadsheetText(l.substitute ? `${l.teacher} (замена)` : l.teacher),
      ]).commit();
    ws.commit();
  }
  await wb.commit();
}

/** The files each group gets in its year's archive, in this order. */
export const GROUP_PARTS: GroupPart[] = [
  { name: 'journal.xlsx', contentType: XLSX_TYPE, write: writeGroupJournalXlsx },
  { name: 'export.json', contentType: 'application/json', write: writeGroupExport },
  // The printed journal of the whole year, landscape A4: the document п. 5.5 archives.
  { name: 'journal.pdf', contentType: PDF_TYPE, write: (db, orgId, p, out) => writeGroupJournal(db, orgId, { ...p, paper: 'A4' }, out) },
];
