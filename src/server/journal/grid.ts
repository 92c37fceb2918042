import type { AssignmentList, Grid } from '../../contracts/journal.js';
import { localDateTime, todayIn } from '../../domain/dates.js';
import { absenceTotals } from '../../domain/journal-stats.js';
import { entryWindowAt, entryWindowSettings, type EntryWindow } from '../../domain/journal-window.js';
import { averages } from '../../domain/marks.js';
import { scopesFor } from '../../domain/permissions.js';
import { defaultTerm } from '../../domain/terms.js';
import { endedNow } from '../control/fill-queries.js';
import { groupRoster } from '../people/roster.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal, visibleStudents, type JournalTarget } from '../platform/reach.js';
import { writesLesson } from './access.js';
import { onRoster } from './excuses.js';
import { assignmentInfoOf, findAssignment, substitutesIn } from './queries.js';
import { excusesOverlapping } from './queries/excuses.js';
import { gridLessons, gridMarks, journalList, organizationSettings, termsOf } from './queries/grid.js';

// The grid: students × lessons of an assignment, like the paper journal; and the list of journals.

async function readableAssignment(ctx: Ctx, id: number) {
  const a = await findAssignment(ctx.db, ctx.principal.organizationId, id);
  if (!a) throw notFound('Журнал не найден.');
  const t: JournalTarget = { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id };
  if (readsJournal(ctx.reach, t)) return a;
  if (ctx.reach.teaches && (await substitutesIn(ctx.db, ctx.principal.organizationId, id, ctx.principal.personId))) return a;
  throw notFound('Журнал не найден.');
}

export async function grid(ctx: Ctx, assignmentId: number): Promise<Grid> {
  const orgId = ctx.principal.organizationId;
  const a = await readableAssignment(ctx, assignmentId);
  const target: JournalTarget = { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id };
  const rows = visibleStudents(ctx.reach, target);
  const settings = entryWindowSettings(await organizationSettings(ctx.db, orgId));
  const local = localDateTime(ctx.principal.timeZone);
  const [lessons, roster, marks] = await Promise.all([
    gridLessons(ctx.db, orgId, assignmentId),
    groupRoster(ctx.db, orgId, a.group_id, { from: a.term_start, to: a.term_end }, a.subgroup_id).then((r) => (rows ? r.filter((s) => rows.has(s.studentId)) : r)),
    gridMarks(ctx.db, orgId, assignmentId).then((m) => (rows ? m.filter((x) => rows.has(x.student_id)) : m)),
  ]);
  const excuses = onRoster(roster, await excusesOverlapping(ctx.db, orgId, roster.map((r) => r.studentId), a.term_start, a.term_end));
  const byStudent = new Map<number, typeof marks>();
  for (const m of marks) {
    let list = byStudent.get(m.student_id);
    if (!list) byStudent.set(m.student_id, (list = []));
    list.push(m);
  }
  const isTeacher = a.teacher_person_id === ctx.principal.personId;
  const states = new Map<string, EntryWindow['state']>();
  const stateOn = (date: string) => {
    let st = states.get(date);
    if (!st) states.set(date, (st = entryWindowAt(date, local, settings).state));
    return st;
  };
  return {
    assignment: assignmentInfoOf(a),
    canWrite: scopesFor(ctx.principal.roles, 'journal:write').includes('assignment') && (isTeacher || lessons.some((l) => l.teacher_person_id === ctx.principal.personId)),
    today: local.date,
    lessons: lessons.map((l) => ({
      id: l.id, date: l.date, pairNo: l.pair_no, hours: l.hours, topic: l.topic, teacherPersonId: l.teacher_person_id, window: stateOn(l.date),
      canWrite: writesLesson(ctx.principal, { ...target, lessonTeacherPersonId: l.teacher_person_id }),
    })),
    students: roster.map((s) => {
      const own = byStudent.get(s.studentId) ?? [];
      const ex = excuses.filter((e) => e.student_id === s.studentId).map((e) => ({ fromDate: e.from_date, toDate: e.to_date }));
      return {
        studentId: s.studentId, fullName: s.fullName, shortName: s.shortName, from: s.from, to: s.to,
        averages: averages(own.filter((m) => m.kind === 'grade').map((m) => ({ value: m.value, weight: Number(m.weight) }))),
        absences: absenceTotals(own.filter((m) => m.kind === 'absence'), ex),
      };
    }),
    marks: marks.map((m) => ({ id: m.id, lessonId: m.lesson_id, studentId: m.student_id, kind: m.kind, value: m.value, workType: m.work_type, weight: Number(m.weight), version: m.version })),
    excuses: excuses.map((e) => ({ studentId: e.student_id, fromDate: e.from_date, toDate: e.to_date, reason: e.reason })),
  };
}

export async function assignments(ctx: Ctx, q: { termId?: number; groupId?: number; mine?: '1' | '0' }): Promise<AssignmentList> {
  const orgId = ctx.principal.organizationId;
  const p = ctx.principal;
  let termId = q.termId ?? null;
  if (!termId) {
    const terms = (await termsOf(ctx.db, orgId)).map((t) => ({ id: t.id, startDate: t.start_date, endDate: t.end_date }));
    termId = defaultTerm(terms, todayIn(p.timeZone))?.id ?? null;
  }
  if (!termId) return { termId: null, items: [] };
  const ended = await endedNow(ctx.db, orgId, p.timeZone);
  const rows = await journalList(ctx.db, orgId, { termId, groupId: q.groupId, teacherPersonId: q.mine === '1' ? p.personId : undefined, ended });
  const visible = rows.filter((a) => readsJournal(ctx.reach, { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id }));
  return { termId, items: visible.map((a) => ({ ...assignmentInfoOf(a), lessons: Number(a.lessons ?? 0), recorded: Number(a.recorded ?? 0) })) };
}
