import type { TermGradeKind } from '../../domain/attestation.js';
import { formatRu } from '../../domain/dates.js';
import { parseWorkTypes, WORK_TYPE_TITLES, type WorkType } from '../../domain/marks.js';
import { resultOf } from '../../domain/performance.js';
import { fullName, shortName } from '../../domain/text.js';
import { termGradesOfAssignments } from '../attestation/queries.js';
import { marksOfAssignments } from '../journal/queries/marks.js';
import { groupRoster, type RosterEntry } from '../people/roster.js';
import type { Db } from '../platform/db.js';
import { notFound } from '../platform/errors.js';
import {
  directorName,
  groupMovement,
  orgName,
  printAssignments,
  printCorrections,
  groupWithProgram,
  printLessons,
  printRemarks,
  yearWithTerms,
  type PrintAssignment,
} from './queries.js';

// What the printed journal shows (decision 027), read for one organization from the journal's own
// tables: the renderer (journal-pdf.ts) only lays it out. Who may print is decided by the caller.

export interface JournalStudent {
  no: number;
  studentId: number;
  fullName: string;
  shortName: string;
  from: string;
  to: string | null;
}

export interface RecordRow {
  date: string;
  hours: string;
  topic: string;
  work: string;
  homework: string;
  teacher: string;
}

export interface JournalSection {
  key: string;
  /** «ОП.01 Основы программирования, 1 семестр, подгруппа 1» */
  title: string;
  teachers: string;
  /** Lesson columns: the date as «дд.мм» and what the record of work says. */
  lessons: { id: number; day: string; record: RecordRow }[];
  students: (JournalStudent & { inList: (date: string) => boolean })[];
  /** `${lessonId}:${studentId}` → «5», «н», «5/4». */
  cells: Map<string, string>;
  /** dates by lesson id (for the roster test of each cell) */
  dates: Map<number, string>;
  grades: Map<number, Partial<Record<TermGradeKind, string>>>;
}

export interface JournalData {
  orgName: string;
  kind: 'group' | 'subject';
  titleLines: string[];
  periodTitle: string;
  from: string;
  to: string;
  /** The group's list (group journal only). */
  students: JournalStudent[];
  movement: string[][];
  sections: JournalSection[];
  /** The сводная ведомость: one column per section with term grades. */
  summary: { head: string[]; body: string[][]; legend: string[] } | null;
  corrections: string[][];
  remarks: string[][];
  director: string | null;
}

const MOVE: Record<string, string> = {
  enrol: 'Зачисление',
  leave: 'Академический отпуск',
  return: 'Выход из академического отпуска',
  expel: 'Отчисление',
  reinstate: 'Восстановление',
  graduate: 'Выпуск',
};

const numbered = (roster: RosterEntry[]): JournalStudent[] =>
  roster.map((r, i) => ({ no: i + 1, studentId: r.studentId, fullName: r.fullName, shortName: r.shortName, from: r.from, to: r.to }));

const sectionTitle = (a: PrintAssignment) =>
  `${a.subject_code} ${a.subject_name}, ${a.term_number} семестр${a.subgroup_name ? `, ${a.subgroup_name.toLowerCase()}` : ''}`;

const teacherName = (x: { t_last: string; t_first: string; t_middle: string | null }) =>
  shortName({ last_name: x.t_last, first_name: x.t_first, middle_name: x.t_middle });

function workText(done: string | null, types: string | null): string {
  const t = parseWorkTypes(types).map((w) => WORK_TYPE_TITLES[w as WorkType] ?? w);
  return [done ?? '', t.length ? `(${t.join(', ')})` : ''].filter(Boolean).join(' ');
}

async function sectionsOf(
  db: Db,
  orgId: number,
  assignments: PrintAssignment[],
  numberOf: (a: PrintAssignment) => Promise<Map<number, number>>,
) {
  const ids = assignments.map((a) => a.id);
  const [lessons, marks, grades] = await Promise.all([
    printLessons(db, orgId, ids),
    marksOfAssignments(db, orgId, ids),
    termGradesOfAssignments(db, orgId, ids),
  ]);
  const cells = new Map<string, string>();
  for (const m of marks) {
    const k = `${m.lesson_id}:${m.student_id}`;
    const had = cells.get(k);
    cells.set(k, had ? `${had}/${m.value}` : m.value);
  }
  const gradesOf = new Map<string, Partial<Record<TermGradeKind, string>>>();
  for (const g of grades) {
    const k = `${g.assignment_id}:${g.student_id}`;
    gradesOf.set(k, { ...gradesOf.get(k), [g.kind]: g.value });
  }
  const byAssignment = new Map<number, typeof lessons>();
  for (const l of lessons) {
    const list = byAssignment.get(l.assignment_id);
    if (list) list.push(l);
    else byAssignment.set(l.assignment_id, [l]);
  }
  const out: JournalSection[] = [];
  for (const a of assignments) {
    const ls = byAssignment.get(a.id) ?? [];
    const roster = await groupRoster(db, orgId, a.group_id, { from: a.term_start, to: a.term_end }, a.subgroup_id);
    const nos = await numberOf(a);
    const main = teacherName(a);
    const teachers = [main, ...new Set(ls.map(teacherName).filter((n) => n !== main))];
    const students = roster.map((r, i) => ({
      no: nos.get(r.studentId) ?? i + 1,
      studentId: r.studentId,
      fullName: r.fullName,
      shortName: r.shortName,
      from: r.from,
      to: r.to,
      inList: (d: string) => r.from <= d && (r.to === null || r.to >= d),
    }));
    const g = new Map<number, Partial<Record<TermGradeKind, string>>>();
    for (const s of students) {
      const v = gradesOf.get(`${a.id}:${s.studentId}`);
      if (v) g.set(s.studentId, v);
    }
    out.push({
      key: `a${a.id}`,
      title: sectionTitle(a),
      teachers: teachers.length > 1 ? `${main}; замена: ${teachers.slice(1).join(', ')}` : main,
      lessons: ls.map((l) => ({
        id: l.id,
        day: formatRu(l.date).slice(0, 5),
        record: {
          date: formatRu(l.date),
          hours: String(l.hours),
          topic: l.topic ?? '',
          work: workText(l.work_done, l.work_types),
          homework: l.homework ?? '',
          teacher: l.teacher_person_id === l.a_teacher_person_id ? teacherName(l) : `${teacherName(l)} (замена)`,
        },
      })),
      students,
      cells,
      dates: new Map(ls.map((l) => [l.id, l.date])),
      grades: g,
    });
  }
  return out;
}

async function tailOf(db: Db, orgId: number, assignments: PrintAssignment[]) {
  const ids = assignments.map((a) => a.id);
  const titleOf = new Map(
    assignments.map((a) => [a.id, `${a.subject_code}, ${a.term_number} сем.${a.subgroup_name ? `, ${a.subgroup_name}` : ''}`]),
  );
  const [corr, rem, dir] = await Promise.all([printCorrections(db, orgId, ids), printRemarks(db, orgId, ids), directorName(db, orgId)]);
  const STATUS = { open: 'не исправлено', fixed: 'исправлено, ждёт подтверждения', confirmed: 'исправлено' } as const;
  return {
    corrections: corr.map((c) => [
      String(c.id),
      c.decided_at ? formatRu(c.decided_at.slice(0, 10)) : '',
      titleOf.get(c.assignment_id) ?? '',
      formatRu(c.date),
      shortName(c),
      `${c.old_value ?? '—'} → ${c.new_value ?? '—'}`,
      c.reason,
      shortName({ last_name: c.r_last, first_name: c.r_first, middle_name: c.r_middle }),
      c.d_last ? shortName({ last_name: c.d_last, first_name: c.d_first ?? '', middle_name: c.d_middle }) : '',
    ]),
    remarks: rem.map((r) => [
      formatRu(r.created_at.slice(0, 10)),
      `${titleOf.get(r.assignment_id ?? r.lesson_assignment_id ?? 0) ?? ''}${r.lesson_date ? `, занятие ${formatRu(r.lesson_date)}` : ''}`,
      r.text,
      formatRu(r.due_date),
      shortName({ last_name: r.a_last, first_name: r.a_first, middle_name: r.a_middle }),
      STATUS[r.status],
    ]),
    director: dir ? shortName(dir) : null,
  };
}

function summaryOf(sections: JournalSection[], assignments: PrintAssignment[], students: JournalStudent[]): JournalData['summary'] {
  const cols = sections.map((s, i) => ({ s, a: assignments[i] })).filter(({ s }) => s.grades.size > 0);
  if (!cols.length) return null;
  return {
    head: ['№', 'Обучающийся', ...cols.map(({ a }) => `${a.subject_code} (${a.term_number})${a.subgroup_name ? '*' : ''}`)],
    body: students.map((st) => [String(st.no), st.fullName, ...cols.map(({ s }) => resultOf(s.grades.get(st.studentId) ?? {}) ?? '')]),
    legend: cols.map(
      ({ a, s }) =>
        `${a.subject_code} (${a.term_number}) — ${a.subject_name}, ${a.term_number} семестр${a.subgroup_name ? `, ${a.subgroup_name}` : ''}; ${s.teachers}`,
    ),
  };
}

/** Everything one group's journal of a year (or of one term of it) shows. */
export async function groupJournalData(
  db: Db,
  orgId: number,
  o: { groupId: number; yearId: number; termId?: number },
): Promise<JournalData> {
  const [g, y, org] = await Promise.all([groupWithProgram(db, orgId, o.groupId), yearWithTerms(db, orgId, o.yearId), orgName(db, orgId)]);
  if (!g) throw notFound('Группа не найдена.');
  if (!y) throw notFound('Учебный год не найден.');
  const terms = o.termId === undefined ? y.terms : y.terms.filter((t) => t.id === o.termId);
  if (!terms.length) throw notFound('Семестр не найден в этом учебном году.');
  const from = o.termId === undefined ? y.start_date : terms[0].start_date;
  const to = o.termId === undefined ? y.end_date : terms[0].end_date;
  const periodTitle = o.termId === undefined ? `${y.name} учебный год` : `${terms[0].number} семестр ${y.name} учебного года`;
  const list = numbered(await groupRoster(db, orgId, g.id, { from, to }));
  const noOf = new Map(list.map((s) => [s.studentId, s.no]));
  const assignments = await printAssignments(db, orgId, { groupId: g.id, termIds: terms.map((t) => t.id) });
  const sections = await sectionsOf(db, orgId, assignments, () => Promise.resolve(noOf));
  const moves = await groupMovement(db, orgId, g.id, from, to);
  const movement = moves.map((m) => {
    const what =
      m.kind === 'transfer'
        ? m.to_group_id === g.id
          ? `Перевод из группы ${m.from_group ?? '—'}`
          : `Перевод в группу ${m.to_group ?? '—'}`
        : (MOVE[m.kind] ?? m.kind);
    return [
      noOf.has(m.student_id) ? String(noOf.get(m.student_id)) : '',
      fullName(m),
      what,
      formatRu(m.effective_date),
      m.order_no ?? '',
      m.reason ?? '',
    ];
  });
  const curator = g.last_name ? fullName({ last_name: g.last_name, first_name: g.first_name ?? '', middle_name: g.middle_name }) : '—';
  return {
    orgName: org,
    kind: 'group',
    titleLines: [
      `группы ${g.name}`,
      `${g.program_kind === 'profession' ? 'Профессия' : 'Специальность'} ${g.code} ${g.program_name}`,
      `Курс ${g.course}`,
      periodTitle,
      `Куратор: ${curator}`,
    ],
    periodTitle,
    from,
    to,
    students: list,
    movement,
    sections,
    summary: summaryOf(sections, assignments, list),
    ...(await tailOf(db, orgId, assignments)),
  };
}

/** A teacher's part: the journal of some assignments (one subject of a group, or several terms of it). */
export async function subjectJournalData(db: Db, orgId: number, o: { assignmentIds: number[] }): Promise<JournalData> {
  const [assignments, org] = await Promise.all([printAssignments(db, orgId, { ids: o.assignmentIds }), orgName(db, orgId)]);
  if (!assignments.length || assignments.length !== new Set(o.assignmentIds).size) throw notFound('Журнал не найден.');
  const lists = new Map<string, Promise<Map<number, number>>>();
  // Students keep the numbers of their group's list for the term.
  const numberOf = (a: PrintAssignment) => {
    const k = `${a.group_id}:${a.term_id}`;
    let p = lists.get(k);
    if (!p) {
      p = groupRoster(db, orgId, a.group_id, { from: a.term_start, to: a.term_end }).then(
        (r) => new Map(numbered(r).map((s) => [s.studentId, s.no])),
      );
      lists.set(k, p);
    }
    return p;
  };
  const sections = await sectionsOf(db, orgId, assignments, numberOf);
  const from = assignments.map((a) => a.term_start).sort()[0];
  const to = assignments
    .map((a) => a.term_end)
    .sort()
    .at(-1)!;
  const groups = [...new Set(assignments.map((a) => a.group_name))].join(', ');
  const subjects = [...new Set(assignments.map((a) => `${a.subject_code} ${a.subject_name}`))].join('; ');
  const terms = [...new Set(assignments.map((a) => a.term_number))].join(', ');
  const periodTitle = `${terms} семестр (${formatRu(from)} — ${formatRu(to)})`;
  return {
    orgName: org,
    kind: 'subject',
    titleLines: [`группы ${groups}`, subjects, periodTitle, `Преподаватель: ${[...new Set(sections.map((s) => s.teachers))].join('; ')}`],
    periodTitle,
    from,
    to,
    students: [],
    movement: [],
    sections,
    summary: null,
    ...(await tailOf(db, orgId, assignments)),
  };
}
