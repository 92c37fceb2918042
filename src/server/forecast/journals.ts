import { isPassFailForm, programTermNo } from '../../domain/curriculum.js';
import { parseWorkTypes } from '../../domain/marks.js';
import type { StudentJournal } from '../../domain/term-forecast.js';
import { fullName } from '../../domain/text.js';
import type { Db } from '../platform/db.js';
import {
  excusesOf,
  heldLessons,
  itemForms,
  journalMarks,
  rosters,
  type Scope,
  scopedAssignments,
  studentTermGrades,
  subgroupRosters,
  termOf,
} from './queries.js';

// The journal of a term in scope, up to a date, as one StudentJournal per student × subject: the
// input of the forecast (today) and of the training rows (a past term, as of its middle).

export interface SubjectJournals {
  assignmentId: number;
  groupId: number;
  groupName: string;
  groupSort: string;
  curatorPersonId: number | null;
  subject: { id: number; code: string; name: string };
  passFail: boolean;
  students: {
    studentId: number;
    name: string;
    sortKey: string;
    journal: StudentJournal;
    /** The term grade given by `asOf`. */
    given: string | null;
    /** The term grade as it stands now, whenever given: the label of a training row, never a feature. */
    final: string | null;
  }[];
}

export interface TermJournals {
  term: { id: number; number: number; startDate: string; endDate: string; yearName: string };
  asOf: string;
  subjects: SubjectJournals[];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** Everything the forecast reads of a term in scope, cut at `asOf` (the term's end at the latest). */
export async function termJournals(db: Db, orgId: number, termId: number, asOf: string, scope: Scope): Promise<TermJournals | null> {
  const term = await termOf(db, orgId, termId);
  if (!term) return null;
  const cut = asOf < term.end_date ? asOf : term.end_date;
  const [assignments, forms, members, subMembers, lessons, marks, excuses, grades] = await Promise.all([
    scopedAssignments(db, orgId, termId, scope),
    itemForms(db, orgId, termId, scope),
    rosters(db, orgId, termId, term, scope),
    subgroupRosters(db, orgId, termId, scope),
    heldLessons(db, orgId, termId, cut, scope),
    journalMarks(db, orgId, termId, cut, scope),
    excusesOf(db, orgId, termId, scope),
    studentTermGrades(db, orgId, termId, term.end_date, scope),
  ]);
  const yearStart = Number(term.year_start.slice(0, 4));
  const formOf = new Map(forms.map((f) => [`${f.curriculum_item_id}:${f.term_no}`, f.attestation_form]));
  const membersOf = new Map<number, typeof members>();
  for (const m of members) push(membersOf, m.group_id, m);
  const inSubgroup = new Map<number, typeof subMembers>();
  for (const m of subMembers) push(inSubgroup, m.subgroup_id, m);
  const lessonsOf = new Map<number, { id: number; date: string; hours: number; workTypes: string[] }[]>();
  for (const l of lessons)
    push(lessonsOf, l.assignment_id, { id: l.id, date: l.date, hours: Number(l.hours), workTypes: parseWorkTypes(l.work_types) });
  const marksOf = new Map<string, typeof marks>();
  for (const m of marks) push(marksOf, `${m.assignment_id}:${m.student_id}`, m);
  const excusesOfStudent = new Map<number, { fromDate: string; toDate: string }[]>();
  // An excuse counts from the day it was entered: a later справка is later data.
  for (const e of excuses)
    if (e.created_at.slice(0, 10) <= cut) push(excusesOfStudent, e.student_id, { fromDate: e.from_date, toDate: e.to_date });
  const earlierOf = new Map<number, { value: string; setAt: string }[]>();
  const given = new Map<string, string>();
  const final = new Map<string, string>();
  for (const g of grades) {
    if (g.term_id === termId) {
      final.set(`${g.assignment_id}:${g.student_id}`, g.value);
      if (g.set_at.slice(0, 10) <= cut) given.set(`${g.assignment_id}:${g.student_id}`, g.value);
    } else push(earlierOf, g.student_id, { value: g.value, setAt: g.set_at });
  }

  const subjects: SubjectJournals[] = [];
  for (const a of assignments) {
    const form = formOf.get(`${a.curriculum_item_id}:${programTermNo(a.intake_year, yearStart, term.number)}`) ?? null;
    const subs = a.subgroup_id !== null ? (inSubgroup.get(a.subgroup_id) ?? []) : null;
    const aLessons = lessonsOf.get(a.id) ?? [];
    const seen = new Set<number>();
    const students: SubjectJournals['students'] = [];
    for (const m of membersOf.get(a.group_id) ?? []) {
      if (seen.has(m.student_id)) continue;
      const until = m.end_date ?? '9999-12-31';
      if (m.start_date > cut || until < term.start_date) continue;
      if (subs && !subs.some((x) => x.student_id === m.student_id && x.start_date <= cut && (!x.end_date || x.end_date >= term.start_date)))
        continue;
      seen.add(m.student_id);
      const own = marksOf.get(`${a.id}:${m.student_id}`) ?? [];
      students.push({
        studentId: m.student_id,
        name: fullName({ last_name: m.last_name, first_name: m.first_name, middle_name: m.middle_name }),
        sortKey: m.sort_key,
        given: given.get(`${a.id}:${m.student_id}`) ?? null,
        final: final.get(`${a.id}:${m.student_id}`) ?? null,
        journal: {
          marks: own
            .filter((x) => x.kind === 'grade')
            .map((x) => ({ lessonId: x.lesson_id, date: x.date, value: x.value, weight: Number(x.weight) })),
          absences: own.filter((x) => x.kind === 'absence').map((x) => ({ date: x.date, value: x.value, hours: x.hours })),
          excuses: excusesOfStudent.get(m.student_id) ?? [],
          lessons: aLessons.filter((l) => l.date >= m.start_date && l.date <= until),
          earlier: earlierOf.get(m.student_id) ?? [],
        },
      });
    }
    subjects.push({
      assignmentId: a.id,
      groupId: a.group_id,
      groupName: a.group_name,
      groupSort: a.group_sort,
      curatorPersonId: a.curator_person_id,
      subject: { id: a.curriculum_item_id, code: a.code, name: a.name },
      passFail: isPassFailForm(form),
      students,
    });
  }
  return {
    term: { id: term.id, number: term.number, startDate: term.start_date, endDate: term.end_date, yearName: term.year_name },
    asOf: cut,
    subjects,
  };
}
