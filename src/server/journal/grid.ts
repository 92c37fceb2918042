import type { AssignmentList, Grid, GridMarks } from '../../contracts/journal.js';
import { localDateTime, todayIn } from '../../domain/dates.js';
import { entryWindowAt, entryWindowSettings, type EntryWindow } from '../../domain/journal-window.js';
import { defaultTerm } from '../../domain/terms.js';
import { endedNow } from '../control/fill-queries.js';
import { groupRoster } from '../people/roster.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal, visibleStudents, type JournalTarget } from '../platform/reach.js';
import { onRoster } from './excuses.js';
import { assignmentInfoOf, findAssignment, substitutesIn } from './queries.js';
import { excusesOverlapping } from './queries/excuses.js';
import { gridLessons, gridMarks, journalList, organizationSettings, termsOf, type GridMarkColumns } from './queries/grid.js';
import { scopesOf } from '../platform/access.js';

// The grid: students × lessons of an assignment, like the paper journal; and the list of journals.

async function readableAssignment(ctx: Ctx, id: number) {
  const a = await findAssignment(ctx.db, ctx.principal.organizationId, id);
  if (!a) throw notFound('Журнал не найден.');
  const t: JournalTarget = { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id };
  if (readsJournal(ctx.reach, t)) return a;
  if (ctx.reach.teaches && (await substitutesIn(ctx.db, ctx.principal.organizationId, id, ctx.principal.personId))) return a;
  throw notFound('Журнал не найден.');
}

/** The marks as the grid's columns (contracts/journal GridMarks); marks outside the grid's lessons and students are left out. */
function gridMarksOf(m: GridMarkColumns, lessonAt: Map<number, number>, studentAt: Map<number, number>): GridMarks {
  const out: GridMarks = { id: [], lesson: [], student: [], value: [], workType: [], weight: [], version: [] };
  let last = 0;
  for (let i = 0; i < m.id.length; i++) {
    const l = lessonAt.get(m.lesson_id[i]);
    const s = studentAt.get(m.student_id[i]);
    if (l === undefined || s === undefined) continue;
    out.id.push(m.id[i] - last);
    last = m.id[i];
    out.lesson.push(l);
    out.student.push(s);
    out.value.push(m.value[i]);
    out.workType.push(m.work_type[i]);
    out.weight.push(Number(m.weight[i]));
    out.version.push(m.version[i]);
  }
  return out;
}

export async function grid(ctx: Ctx, assignmentId: number): Promise<Grid> {
  const p = ctx.principal;
  const orgId = p.organizationId;
  const a = await readableAssignment(ctx, assignmentId);
  const target: JournalTarget = { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id };
  const rows = visibleStudents(ctx.reach, target);
  const [lessons, roster, marks, settings] = await Promise.all([
    gridLessons(ctx.db, orgId, assignmentId),
    groupRoster(ctx.db, orgId, a.group_id, { from: a.term_start, to: a.term_end }, a.subgroup_id).then((r) =>
      rows ? r.filter((s) => rows.has(s.studentId)) : r,
    ),
    gridMarks(ctx.db, ctx.engine, orgId, assignmentId),
    organizationSettings(ctx.db, orgId).then(entryWindowSettings),
  ]);
  const excuses = onRoster(
    roster,
    await excusesOverlapping(
      ctx.db,
      orgId,
      roster.map((r) => r.studentId),
      a.term_start,
      a.term_end,
    ),
  );
  const local = localDateTime(p.timeZone);
  const states = new Map<string, EntryWindow['state']>();
  const stateOn = (date: string) => {
    let st = states.get(date);
    if (!st) states.set(date, (st = entryWindowAt(date, local, settings).state));
    return st;
  };
  const writes = scopesOf(p, 'journal:write').includes('assignment');
  const writesAll = writes && a.teacher_person_id === p.personId;
  return {
    assignment: assignmentInfoOf(a),
    canWrite: writesAll || (writes && lessons.some((l) => l.teacher_person_id === p.personId)),
    today: local.date,
    lessons: lessons.map((l) => ({
      id: l.id,
      date: l.date,
      pairNo: l.pair_no,
      hours: l.hours,
      topic: l.topic,
      teacherPersonId: l.teacher_person_id,
      window: stateOn(l.date),
      canWrite: writesAll || (writes && l.teacher_person_id === p.personId),
    })),
    students: roster.map((s) => ({ studentId: s.studentId, fullName: s.fullName, shortName: s.shortName, from: s.from, to: s.to })),
    marks: gridMarksOf(marks, new Map(lessons.map((l, i) => [l.id, i])), new Map(roster.map((s, i) => [s.studentId, i]))),
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
  const rows = await journalList(ctx.db, orgId, {
    termId,
    groupId: q.groupId,
    teacherPersonId: q.mine === '1' ? p.personId : undefined,
    ended,
  });
  const visible = rows.filter((a) =>
    readsJournal(ctx.reach, { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id }),
  );
  return {
    termId,
    items: visible.map((a) => ({ ...assignmentInfoOf(a), lessons: Number(a.lessons ?? 0), recorded: Number(a.recorded ?? 0) })),
  };
}
