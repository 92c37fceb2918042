import { countRu, NOUNS } from '../../domain/russian.js';
import type {
  AssignmentList, Mark, CorrectionList, CreateCorrectionBody, CreateExcuseBody, CreateMarkBody, ExcuseCheck, ExcuseList, Grid, History, LessonDetail,
  MarkWriteResult, RecordLessonBody, TodayResponse, UpdateMarkBody,
} from '../../contracts/journal.js';
import { tooLargeMessage, UPLOAD_LIMITS } from '../../contracts/limits.js';
import { addDays, localDateTime, todayIn, formatRu } from '../../domain/dates.js';
import { DEFAULT_WEIGHTS } from '../../domain/journal-input.js';
import { absenceTotals, coveredBy } from '../../domain/journal-stats.js';
import { coversPeriod, spansRu } from '../../domain/periods.js';
import { entryWindowAt, entryWindowSettings, type EntryWindow } from '../../domain/journal-window.js';
import { averages, isAbsenceCode, parseWorkTypes, type WorkType } from '../../domain/marks.js';
import type { Scope } from '../../domain/permissions.js';
import { scopesFor } from '../../domain/permissions.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, lockForTransaction, nowIso, type Tx } from '../platform/db.js';
import { badRequest, conflict, fieldError, forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { endedLessonSql, endedNow } from '../control/fill-queries.js';
import { lessonPlanForAssignment } from '../curriculum/plan-lookup.js';
import { groupRoster, type RosterEntry } from '../people/roster.js';
import { readsByRole, substitutesIn, visibleRows, writesLesson, type JournalTarget } from './access.js';
import {
  absencesOfStudent, assignmentInfoOf, cellHasEvents, excusesOverlapping, findAssignment, findLesson, findMark, lessonSummaryOf, lessonsBase, markOf, marksOfAssignment, membershipsIn,
  marksOfLesson, studentInLesson, studentName, userNames, type LessonRow, type MarkRow,
} from './queries.js';

const MAX_GRADES_PER_CELL = 6;
/** The first half of the advisory-lock key that serializes a student's справки (cells use lesson ids). */
const EXCUSE_LOCK = 0;
/** The reason an undo (Ctrl+Z in the grid) writes on its events, so the history tells it apart. */
export const UNDO_REASON = 'Отмена предыдущего действия (Ctrl+Z)';
const undoReason = (undo: boolean | string | undefined) => (undo ? UNDO_REASON : null);

const targetOfLesson = (l: LessonRow): JournalTarget => ({
  groupId: l.group_id, commissionId: l.commission_id, assignmentTeacherPersonId: l.a_teacher_person_id, lessonTeacherPersonId: l.teacher_person_id,
});

/** The caller may write the lesson: its teacher or substitute, and it is not cancelled. */
const canWriteLesson = (ctx: Ctx, l: LessonRow) => l.status !== 'cancelled' && writesLesson(ctx.principal, targetOfLesson(l));

/** The entry window of a lesson, by the settings of its organization (read with the lesson). */
const windowFor = (ctx: Ctx, l: LessonRow): EntryWindow => entryWindowAt(l.date, localDateTime(ctx.principal.timeZone), entryWindowSettings(l.org_settings));

/** Only the справки of the days each student was on the roster (decision 013). */
function onRoster<T extends { student_id: number; from_date: string; to_date: string }>(roster: RosterEntry[], rows: T[]): T[] {
  const span = new Map(roster.map((r) => [r.studentId, r]));
  return rows.filter((r) => {
    const e = span.get(r.student_id);
    return !!e && r.to_date >= e.from && (e.to === null || r.from_date <= e.to);
  });
}

/** A lesson the caller may read (404 otherwise). */
async function readableLesson(ctx: Ctx, scopes: readonly Scope[], id: number): Promise<LessonRow> {
  const l = await findLesson(ctx.db, ctx.principal.organizationId, id);
  if (!l || !readsByRole(ctx.principal, scopes, targetOfLesson(l))) throw notFound('Занятие не найдено.');
  return l;
}

/** A lesson the caller may write: 404 when it is not theirs to see, 403 when only to read. */
export async function writableLesson(ctx: Ctx, id: number): Promise<LessonRow> {
  const l = await findLesson(ctx.db, ctx.principal.organizationId, id);
  const readScopes = scopesFor(ctx.principal.roles, 'journal:read');
  if (!l || !(readsByRole(ctx.principal, readScopes, targetOfLesson(l)) || writesLesson(ctx.principal, targetOfLesson(l)))) throw notFound('Занятие не найдено.');
  if (!writesLesson(ctx.principal, targetOfLesson(l))) throw forbidden('Журнал этого занятия ведёт преподаватель нагрузки или заменяющий его преподаватель.');
  if (l.status === 'cancelled') throw new HttpError(409, 'lesson_cancelled', `Занятие ${formatRu(l.date)} отменено: отметки в нём не ведутся.`);
  return l;
}

function refuseUnlessOpen(w: EntryWindow) {
  if (w.state === 'open') return;
  throw new HttpError(403, w.state === 'closed' ? 'entry_closed' : 'entry_future', w.message!, undefined, { window: w });
}

// ——— The teacher's day and the lesson ———

export async function teacherDay(ctx: Ctx, date?: string): Promise<TodayResponse> {
  const day = date ?? todayIn(ctx.principal.timeZone);
  const rows = await lessonsBase(ctx.db, ctx.principal.organizationId)
    .where('l.teacher_person_id', '=', ctx.principal.personId).where('l.date', '=', day)
    .orderBy('l.pair_no').orderBy('l.id').execute();
  const counts = await markCounts(ctx, rows.map((r) => r.id));
  let next: TodayResponse['next'] = null;
  if (!rows.length) {
    const first = await ctx.db.selectFrom('lessons').select('date').where('organization_id', '=', ctx.principal.organizationId)
      .where('teacher_person_id', '=', ctx.principal.personId).where('date', '>', day).where('date', '<=', addDays(day, 14)).where('status', '!=', 'cancelled')
      .orderBy('date').limit(1).executeTakeFirst();
    if (first) {
      const later = await lessonsBase(ctx.db, ctx.principal.organizationId).where('l.teacher_person_id', '=', ctx.principal.personId).where('l.date', '=', first.date)
        .orderBy('l.pair_no').orderBy('l.id').execute();
      next = { date: first.date, lessons: later.map((r) => lessonSummaryOf(r, canWriteLesson(ctx, r))) };
    }
  }
  return { date: day, lessons: rows.map((r) => lessonSummaryOf(r, canWriteLesson(ctx, r), counts.get(r.id) ?? 0)), next };
}

async function markCounts(ctx: Ctx, lessonIds: number[]) {
  if (!lessonIds.length) return new Map<number, number>();
  const rows = await ctx.db.selectFrom('marks').select(['lesson_id']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', ctx.principal.organizationId).where('lesson_id', 'in', lessonIds).groupBy('lesson_id').execute();
  return new Map(rows.map((r) => [r.lesson_id, Number(r.n)]));
}

export async function lessonDetail(ctx: Ctx, scopes: readonly Scope[], id: number): Promise<LessonDetail> {
  const orgId = ctx.principal.organizationId;
  const l = await readableLesson(ctx, scopes, id);
  const rows = visibleRows(ctx.principal, scopes, targetOfLesson(l));
  const [roster, marks, files, window, pending] = await Promise.all([
    groupRoster(ctx.db, orgId, l.group_id, { from: l.date, to: l.date }, l.subgroup_id).then((r) => (rows ? r.filter((s) => rows.has(s.studentId)) : r)),
    marksOfLesson(ctx.db, orgId, id),
    ctx.db.selectFrom('lesson_files').select(['id', 'file_name', 'content_type', 'size']).where('organization_id', '=', orgId).where('lesson_id', '=', id).orderBy('id').execute(),
    windowFor(ctx, l),
    ctx.db.selectFrom('correction_requests').select(['student_id']).where('organization_id', '=', orgId).where('lesson_id', '=', id).where('status', '=', 'pending').execute(),
  ]);
  const excuses = await excusesOverlapping(ctx.db, orgId, roster.map((r) => r.studentId), l.date, l.date);
  return {
    ...lessonSummaryOf(l, canWriteLesson(ctx, l), rows ? marks.filter((m) => rows.has(m.student_id)).length : marks.length),
    workDone: l.work_done,
    workTypes: parseWorkTypes(l.work_types),
    homework: l.homework,
    version: l.version,
    recordedAt: l.recorded_at,
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size })),
    ...(l.topic ? { proposedTopic: null, proposedHomework: null } : await proposal(ctx, l).then((p) => ({ proposedTopic: p.topic, proposedHomework: p.homework }))),
    window,
    students: roster.map((s) => {
      const e = excuses.find((x) => x.student_id === s.studentId);
      return {
        studentId: s.studentId,
        fullName: s.fullName,
        shortName: s.shortName,
        marks: marks.filter((m) => m.student_id === s.studentId).map(markOf),
        excuse: e ? { id: e.id, reason: e.reason, document: e.document } : null,
        pendingCorrections: pending.filter((p) => p.student_id === s.studentId).length,
      };
    }),
  };
}


/**
 * The next topic of the lesson plan (КТП): the topic after the one last recorded, or, when the
 * recorded topics do not follow the plan, the topic the hours taught so far have reached.
 */
async function proposal(ctx: Ctx, l: LessonRow): Promise<{ topic: string | null; homework: string | null }> {
  const plan = await lessonPlanForAssignment(ctx.db, ctx.principal.organizationId, l.assignment_id);
  if (!plan?.items.length) return { topic: null, homework: null };
  const before = await ctx.db.selectFrom('lessons').select(['topic', 'hours'])
    .where('organization_id', '=', ctx.principal.organizationId).where('assignment_id', '=', l.assignment_id).where('recorded_at', 'is not', null)
    .where((eb) => eb.or([eb('date', '<', l.date), eb.and([eb('date', '=', l.date), eb('pair_no', '<', l.pair_no ?? 0)])]))
    .orderBy('date').orderBy('pair_no').execute();
  let next: (typeof plan.items)[number] | undefined;
  const last = before.at(-1)?.topic?.trim().toLowerCase();
  const idx = last ? plan.items.findIndex((i) => i.topic.trim().toLowerCase() === last) : -1;
  if (idx >= 0) next = plan.items[idx + 1];
  else {
    let taught = before.reduce((sum, x) => sum + x.hours, 0);
    next = plan.items.find((i) => (taught -= i.hours) < 0);
  }
  return { topic: next?.topic ?? null, homework: next?.selfStudyTask ?? null };
}

export async function recordLesson(ctx: Ctx, id: number, body: RecordLessonBody) {
  const l = await writableLesson(ctx, id);
  if (l.date > todayIn(ctx.principal.timeZone)) {
    throw new HttpError(403, 'entry_future', `Занятие ${formatRu(l.date)} ещё не наступило: его записывают в день проведения.`);
  }
  const next = { topic: body.topic, work_done: body.workDone || null, work_types: JSON.stringify(body.workTypes), homework: body.homework || null, hours: body.hours ?? l.hours };
  const same = l.topic === next.topic && l.work_done === next.work_done && (l.work_types ?? '[]') === next.work_types && l.homework === next.homework && l.hours === next.hours;
  if (body.version !== l.version) {
    // A retried save that already went through is not a conflict.
    if (same) return lessonDetail(ctx, scopesFor(ctx.principal.roles, 'journal:read'), id);
    throw conflict(`Занятие уже изменили (${l.recorded_at ? 'записано другим сеансом' : 'другим сеансом'}). Проверьте текущую запись и сохраните снова.`, {
      current: { topic: l.topic, workDone: l.work_done, workTypes: parseWorkTypes(l.work_types), homework: l.homework, hours: l.hours, version: l.version },
    });
  }
  if (!same || !l.recorded_at) {
    await ctx.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const r = await tx.updateTable('lessons').set({ ...next, recorded_at: now, recorded_by_user_id: ctx.principal.userId, version: l.version + 1, updated_at: now })
        .where('id', '=', id).where('version', '=', l.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw conflict('Занятие уже изменили другим сеансом. Обновите страницу и сохраните снова.');
      await audit(tx, {
        organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'lesson.record', entity: 'lesson', entityId: id, ip: ctx.ip,
        before: { topic: l.topic, workDone: l.work_done, workTypes: parseWorkTypes(l.work_types), homework: l.homework, hours: l.hours },
        after: { topic: next.topic, workDone: next.work_done, workTypes: body.workTypes, homework: next.homework, hours: next.hours },
      });
    });
  }
  return lessonDetail(ctx, scopesFor(ctx.principal.roles, 'journal:read'), id);
}

// ——— Homework files ———

export async function addLessonFile(ctx: Ctx, id: number, body: { fileName: string; contentType?: string; contentBase64: string }) {
  await writableLesson(ctx, id);
  const buf = Buffer.from(body.contentBase64, 'base64');
  if (!buf.length) throw fieldError('contentBase64', 'Файл пустой или не в base64.');
  if (buf.length > UPLOAD_LIMITS.lessonFile.bytes) throw fieldError('contentBase64', tooLargeMessage(UPLOAD_LIMITS.lessonFile));
  const row = await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('lesson_files').values({
      organization_id: ctx.principal.organizationId, lesson_id: id, file_name: body.fileName, content_type: body.contentType || 'application/octet-stream',
      size: buf.length, content_base64: buf.toString('base64'), created_by_user_id: ctx.principal.userId, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'lesson.file.add', entity: 'lesson', entityId: id, after: { fileId: r.id, fileName: body.fileName, size: buf.length }, ip: ctx.ip });
    return r;
  });
  return { id: row.id, fileName: body.fileName, contentType: body.contentType || 'application/octet-stream', size: buf.length };
}

export async function lessonFile(ctx: Ctx, scopes: readonly Scope[], fileId: number) {
  const f = await ctx.db.selectFrom('lesson_files').selectAll().where('organization_id', '=', ctx.principal.organizationId).where('id', '=', fileId).executeTakeFirst();
  if (!f) throw notFound('Файл не найден.');
  const l = await findLesson(ctx.db, ctx.principal.organizationId, f.lesson_id);
  if (!l || !(readsByRole(ctx.principal, scopes, targetOfLesson(l)) || (await studentSeesLesson(ctx, scopes, l)))) throw notFound('Файл не найден.');
  return { fileName: f.file_name, contentType: f.content_type, content: Buffer.from(f.content_base64, 'base64') };
}

/** Students and guardians download the homework files of their group's lessons. */
async function studentSeesLesson(ctx: Ctx, scopes: readonly Scope[], l: LessonRow): Promise<boolean> {
  const ids = [...(scopes.includes('self') && ctx.principal.studentId ? [ctx.principal.studentId] : []), ...(scopes.includes('linked') ? ctx.principal.linkedStudentIds : [])];
  for (const sid of ids) if (await studentInLesson(ctx.db, ctx.principal.organizationId, l, sid)) return true;
  return false;
}

export async function deleteLessonFile(ctx: Ctx, fileId: number) {
  const f = await ctx.db.selectFrom('lesson_files').select(['id', 'lesson_id', 'file_name']).where('organization_id', '=', ctx.principal.organizationId).where('id', '=', fileId).executeTakeFirst();
  if (!f) throw notFound('Файл не найден.');
  await writableLesson(ctx, f.lesson_id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('lesson_files').where('id', '=', fileId).execute();
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'lesson.file.delete', entity: 'lesson', entityId: f.lesson_id, before: { fileId, fileName: f.file_name }, ip: ctx.ip });
  });
  return { ok: true as const };
}

// ——— Marks: append-only events, the current value derived in the same transaction ———

/** What a write asked for, to tell a retry of it from another write that reuses its operation id. */
type WriteIntent =
  | { action: 'create'; lessonId: number; studentId: number; value: string; workType?: WorkType | null; weight?: number | null }
  | { action: 'update'; markId: number; value: string; workType?: WorkType | null; weight?: number | null }
  | { action: 'delete'; markId: number };

/** The event an operation id already wrote matches the write asking again (the same request, retried). */
function sameIntent(ev: { action: string; mark_id: number; lesson_id: number; student_id: number; new_value: string | null; new_work_type: string | null; new_weight: number | null }, w: WriteIntent): boolean {
  if (ev.action !== w.action) return false;
  if (w.action === 'delete') return ev.mark_id === w.markId;
  if (w.action === 'create' ? ev.lesson_id !== w.lessonId || ev.student_id !== w.studentId : ev.mark_id !== w.markId) return false;
  if (ev.new_value !== w.value) return false;
  if (kindOf(w.value) === 'absence') return true;
  if (w.action === 'create') {
    const g = gradeFields(w.value, w.workType, w.weight);
    return ev.new_work_type === g.work_type && Number(ev.new_weight) === g.weight;
  }
  return (w.workType == null || ev.new_work_type === w.workType) && (w.weight == null || Number(ev.new_weight) === w.weight);
}

async function replayOf(ctx: Ctx, opId: string | undefined, intent: WriteIntent): Promise<MarkWriteResult | null> {
  if (!opId) return null;
  const ev = await ctx.db.selectFrom('mark_events').select(['mark_id', 'user_id', 'action', 'lesson_id', 'student_id', 'new_value', 'new_work_type', 'new_weight'])
    .where('organization_id', '=', ctx.principal.organizationId).where('op_id', '=', opId).executeTakeFirst();
  if (!ev) return null;
  if (ev.user_id !== ctx.principal.userId || !sameIntent(ev, intent)) {
    throw new HttpError(409, 'op_id_reused', 'Этот идентификатор операции уже использован для другой отметки (другой обучающийся, занятие или значение): запись не выполнена. Обновите страницу и внесите отметку снова.');
  }
  const m = await findMark(ctx.db, ctx.principal.organizationId, ev.mark_id);
  return { mark: m ? markOf(m as MarkRow) : null, replayed: true };
}

const kindOf = (value: string) => (isAbsenceCode(value) ? 'absence' : 'grade') as 'grade' | 'absence';

function gradeFields(value: string, workType: WorkType | null | undefined, weight: number | null | undefined) {
  if (kindOf(value) === 'absence') return { work_type: null, weight: 1 };
  const wt = workType ?? 'oral';
  return { work_type: wt, weight: weight ?? DEFAULT_WEIGHTS[wt] };
}

const absenceHours = (value: string, lessonHours: number) => (value === 'оп' ? null : isAbsenceCode(value) ? lessonHours : null);

interface EventExtra {
  opId?: string | null;
  reason?: string | null;
  correctionRequestId?: number | null;
}

/** Inserts a mark and its creating event. */
async function insertMark(tx: Tx, ctx: Ctx, l: { id: number; hours: number }, studentId: number, v: { value: string; workType?: WorkType | null; weight?: number | null }, extra: EventExtra = {}) {
  const now = nowIso();
  const orgId = ctx.principal.organizationId;
  const kind = kindOf(v.value);
  const g = gradeFields(v.value, v.workType, v.weight);
  const m = await tx.insertInto('marks').values({
    organization_id: orgId, lesson_id: l.id, student_id: studentId, kind, value: v.value, work_type: g.work_type, weight: g.weight,
    hours: absenceHours(v.value, l.hours), comment: null, version: 1, created_by_user_id: ctx.principal.userId, created_at: now,
    updated_by_user_id: ctx.principal.userId, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const ev = await tx.insertInto('mark_events').values({
    organization_id: orgId, mark_id: m.id, lesson_id: l.id, student_id: studentId, kind, action: 'create', old_value: null, new_value: v.value,
    old_work_type: null, new_work_type: g.work_type, old_weight: null, new_weight: g.weight, reason: extra.reason ?? null,
    correction_request_id: extra.correctionRequestId ?? null, user_id: ctx.principal.userId, at: now, op_id: extra.opId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'mark.create', entity: 'mark', entityId: m.id, after: { lessonId: l.id, studentId, value: v.value, workType: g.work_type, weight: g.weight }, reason: extra.reason, ip: ctx.ip });
  const mark: Mark = {
    id: m.id, lessonId: l.id, studentId, kind, value: v.value, workType: g.work_type, weight: g.weight, hours: absenceHours(v.value, l.hours), version: 1, createdAt: now, updatedAt: now,
  };
  return { markId: m.id, eventId: ev.id, mark };
}

async function updateMarkRow(tx: Tx, ctx: Ctx, m: MarkRow, lessonHours: number, v: { value: string; workType?: WorkType | null; weight?: number | null }, extra: EventExtra = {}) {
  const now = nowIso();
  // A change keeps what it does not name: the work type and the weight.
  const g = gradeFields(v.value, v.workType ?? (m.work_type as WorkType | null), v.weight ?? m.weight);
  const r = await tx.updateTable('marks').set({
    value: v.value, work_type: g.work_type, weight: g.weight, hours: absenceHours(v.value, lessonHours), version: m.version + 1, updated_by_user_id: ctx.principal.userId, updated_at: now,
  }).where('id', '=', m.id).where('version', '=', m.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return null;
  const ev = await tx.insertInto('mark_events').values({
    organization_id: ctx.principal.organizationId, mark_id: m.id, lesson_id: m.lesson_id, student_id: m.student_id, kind: m.kind, action: 'update',
    old_value: m.value, new_value: v.value, old_work_type: m.work_type, new_work_type: g.work_type, old_weight: m.weight, new_weight: g.weight,
    reason: extra.reason ?? null, correction_request_id: extra.correctionRequestId ?? null, user_id: ctx.principal.userId, at: now, op_id: extra.opId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'mark.update', entity: 'mark', entityId: m.id, before: { value: m.value, workType: m.work_type, weight: m.weight }, after: { value: v.value, workType: g.work_type, weight: g.weight }, reason: extra.reason, ip: ctx.ip });
  return { eventId: ev.id };
}

async function deleteMarkRow(tx: Tx, ctx: Ctx, m: MarkRow, extra: EventExtra = {}) {
  const r = await tx.deleteFrom('marks').where('id', '=', m.id).where('version', '=', m.version).executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) return null;
  const ev = await tx.insertInto('mark_events').values({
    organization_id: ctx.principal.organizationId, mark_id: m.id, lesson_id: m.lesson_id, student_id: m.student_id, kind: m.kind, action: 'delete',
    old_value: m.value, new_value: null, old_work_type: m.work_type, new_work_type: null, old_weight: m.weight, new_weight: null,
    reason: extra.reason ?? null, correction_request_id: extra.correctionRequestId ?? null, user_id: ctx.principal.userId, at: nowIso(), op_id: extra.opId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'mark.delete', entity: 'mark', entityId: m.id, before: { value: m.value, workType: m.work_type, weight: m.weight }, reason: extra.reason, ip: ctx.ip });
  return { eventId: ev.id };
}

const staleMessage = (current: MarkRow | null | undefined) =>
  current ? `Отметку уже изменили: сейчас «${current.value}». Проверьте и внесите снова.` : 'Отметку уже удалили. Обновите клетку и внесите снова.';

/** Checks a new mark against what its cell holds, with the cell locked until the transaction ends. */
async function checkCellLimits(ctx: Ctx, db: Tx, lessonId: number, studentId: number, value: string) {
  await lockForTransaction(db, ctx.engine, lessonId, studentId);
  const existing = await db.selectFrom('marks as m').select(['m.id', 'm.lesson_id', 'm.student_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours', 'm.version', 'm.created_at', 'm.updated_at'])
    .where('m.organization_id', '=', ctx.principal.organizationId).where('m.lesson_id', '=', lessonId).where('m.student_id', '=', studentId).execute();
  if (kindOf(value) === 'absence') {
    const a = existing.find((m) => m.kind === 'absence');
    if (a) throw conflict(`У обучающегося уже отмечен пропуск «${a.value}» на этом занятии. Измените его вместо новой отметки.`, { current: markOf(a as MarkRow) });
  } else if (existing.filter((m) => m.kind === 'grade').length >= MAX_GRADES_PER_CELL) {
    throw badRequest(`В одной клетке — не больше ${countRu(MAX_GRADES_PER_CELL, NOUNS.grade)}.`);
  }
}

export async function createMark(ctx: Ctx, body: CreateMarkBody): Promise<MarkWriteResult> {
  // A retried create is recognised by its operation id only where the first attempt would make
  // the retry fail (closed window, a filled cell, the unique index): the usual path saves a query.
  const l = await writableLesson(ctx, body.lessonId);
  const w = windowFor(ctx, l);
  const intent: WriteIntent = { action: 'create', lessonId: body.lessonId, studentId: body.studentId, value: body.value, workType: body.workType, weight: body.weight };
  if (w.state !== 'open') {
    const replay = await replayOf(ctx, body.opId, intent);
    if (replay) return replay;
    refuseUnlessOpen(w);
  }
  if (!(await studentInLesson(ctx.db, ctx.principal.organizationId, l, body.studentId))) {
    throw fieldError('studentId', `Обучающийся не числится в ${l.subgroup_id ? 'подгруппе' : 'группе'} ${l.group_name} на ${formatRu(l.date)}.`);
  }
  try {
    const mark = await ctx.db.transaction().execute(async (tx) => {
      await checkCellLimits(ctx, tx, l.id, body.studentId, body.value);
      return (await insertMark(tx, ctx, l, body.studentId, body, { opId: body.opId, reason: undoReason(body.undo) })).mark;
    });
    return { mark, replayed: false };
  } catch (err) {
    const again = await replayOf(ctx, body.opId, intent);
    if (again) return again;
    if (!isUniqueViolation(err)) throw err;
    const current = (await marksOfLesson(ctx.db, ctx.principal.organizationId, l.id)).find((m) => m.student_id === body.studentId && m.kind === 'absence');
    throw conflict('У обучающегося уже отмечен пропуск на этом занятии. Измените его вместо новой отметки.', { current: current ? markOf(current as MarkRow) : null });
  }
}

async function existingMarkForWrite(ctx: Ctx, id: number) {
  const m = (await findMark(ctx.db, ctx.principal.organizationId, id)) as MarkRow | undefined;
  if (m) return m;
  const ev = await ctx.db.selectFrom('mark_events').select(['lesson_id']).where('organization_id', '=', ctx.principal.organizationId).where('mark_id', '=', id).executeTakeFirst();
  if (!ev) throw notFound('Отметка не найдена.');
  await writableLesson(ctx, ev.lesson_id);
  throw conflict(staleMessage(null), { current: null });
}

export async function updateMark(ctx: Ctx, id: number, body: UpdateMarkBody): Promise<MarkWriteResult> {
  const intent: WriteIntent = { action: 'update', markId: id, value: body.value, workType: body.workType, weight: body.weight };
  const replay = await replayOf(ctx, body.opId, intent);
  if (replay) return replay;
  const m = await existingMarkForWrite(ctx, id);
  const l = await writableLesson(ctx, m.lesson_id);
  refuseUnlessOpen(windowFor(ctx, l));
  // A mark left on a date the student was no longer on the roster (a backdated transfer) may be
  // removed, not changed (decision 013).
  if (!(await studentInLesson(ctx.db, ctx.principal.organizationId, l, m.student_id))) {
    throw forbidden(`Обучающийся не числится в ${l.subgroup_id ? 'подгруппе' : 'группе'} ${l.group_name} на ${formatRu(l.date)}: эту отметку можно только удалить.`);
  }
  if (kindOf(body.value) !== m.kind) {
    throw fieldError('value', m.kind === 'grade' ? 'Оценку нельзя превратить в пропуск: удалите её и отметьте пропуск.' : 'Пропуск нельзя превратить в оценку: удалите его и поставьте оценку.');
  }
  if (m.version !== body.version) throw conflict(staleMessage(m), { current: markOf(m) });
  try {
    const done = await ctx.db.transaction().execute((tx) => updateMarkRow(tx, ctx, m, l.hours, body, { opId: body.opId, reason: undoReason(body.undo) }));
    const now = (await findMark(ctx.db, ctx.principal.organizationId, id)) as MarkRow | undefined;
    if (!done) throw conflict(staleMessage(now), { current: now ? markOf(now) : null });
    return { mark: markOf(now!), replayed: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await replayOf(ctx, body.opId, intent);
    if (again) return again;
    throw err;
  }
}

export async function deleteMark(ctx: Ctx, id: number, q: { version: number; opId?: string; undo?: string }): Promise<MarkWriteResult> {
  const replay = await replayOf(ctx, q.opId, { action: 'delete', markId: id });
  if (replay) return replay;
  const m = await existingMarkForWrite(ctx, id);
  const l = await writableLesson(ctx, m.lesson_id);
  refuseUnlessOpen(windowFor(ctx, l));
  if (m.version !== q.version) throw conflict(staleMessage(m), { current: markOf(m) });
  try {
    const done = await ctx.db.transaction().execute((tx) => deleteMarkRow(tx, ctx, m, { opId: q.opId, reason: undoReason(q.undo) }));
    if (!done) {
      const now = (await findMark(ctx.db, ctx.principal.organizationId, id)) as MarkRow | undefined;
      throw conflict(staleMessage(now), { current: now ? markOf(now) : null });
    }
    return { mark: null, replayed: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await replayOf(ctx, q.opId, { action: 'delete', markId: id });
    if (again) return again;
    throw err;
  }
}

// ——— The grid: students × lessons of an assignment, like the paper journal ———

async function readableAssignment(ctx: Ctx, scopes: readonly Scope[], id: number) {
  const a = await findAssignment(ctx.db, ctx.principal.organizationId, id);
  if (!a) throw notFound('Журнал не найден.');
  const t: JournalTarget = { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id };
  if (readsByRole(ctx.principal, scopes, t)) return a;
  if (scopes.includes('assignment') && (await substitutesIn(ctx.db, ctx.principal.organizationId, id, ctx.principal.personId))) return a;
  throw notFound('Журнал не найден.');
}

export async function grid(ctx: Ctx, scopes: readonly Scope[], assignmentId: number): Promise<Grid> {
  const orgId = ctx.principal.organizationId;
  const a = await readableAssignment(ctx, scopes, assignmentId);
  const target: JournalTarget = { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id };
  const rows = visibleRows(ctx.principal, scopes, target);
  const org = await ctx.db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  const settings = entryWindowSettings(org.settings);
  const local = localDateTime(ctx.principal.timeZone);
  const [lessons, roster, marks] = await Promise.all([
    ctx.db.selectFrom('lessons').select(['id', 'date', 'pair_no', 'hours', 'topic', 'teacher_person_id'])
      .where('organization_id', '=', orgId).where('assignment_id', '=', assignmentId).where('status', '!=', 'cancelled')
      .orderBy('date').orderBy('pair_no').execute(),
    groupRoster(ctx.db, orgId, a.group_id, { from: a.term_start, to: a.term_end }, a.subgroup_id).then((r) => (rows ? r.filter((s) => rows.has(s.studentId)) : r)),
    marksOfAssignment(ctx.db, orgId, assignmentId).then((m) => (rows ? m.filter((x) => rows.has(x.student_id)) : m)),
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
    lessons: lessons.map((l) => ({ id: l.id, date: l.date, pairNo: l.pair_no, hours: l.hours, topic: l.topic, teacherPersonId: l.teacher_person_id, window: stateOn(l.date),
      canWrite: writesLesson(ctx.principal, { ...target, lessonTeacherPersonId: l.teacher_person_id }) })),
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

export async function assignments(ctx: Ctx, scopes: readonly Scope[], q: { termId?: number; groupId?: number; mine?: '1' | '0' }): Promise<AssignmentList> {
  const orgId = ctx.principal.organizationId;
  const p = ctx.principal;
  let termId = q.termId ?? null;
  if (!termId) {
    const today = todayIn(p.timeZone);
    const terms = await ctx.db.selectFrom('terms').select(['id', 'start_date', 'end_date']).where('organization_id', '=', orgId).orderBy('start_date').execute();
    termId = (terms.find((t) => t.start_date <= today && today <= t.end_date) ?? terms.find((t) => t.start_date > today) ?? terms.at(-1))?.id ?? null;
  }
  if (!termId) return { termId: null, items: [] };
  const ended = await endedNow(ctx.db, orgId, p.timeZone);
  let qb = ctx.db.selectFrom('assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'a.teacher_person_id')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .where('a.organization_id', '=', orgId).where('a.term_id', '=', termId)
    .select([
      'a.id', 'a.group_id', 'a.subgroup_id', 'a.teacher_person_id', 'a.hours', 'a.curriculum_item_id', 'ci.commission_id',
      'g.name as group_name', 'sg.name as subgroup_name', 'ci.code as subject_code', 'ci.name as subject_name',
      'tp.last_name as t_last', 'tp.first_name as t_first', 'tp.middle_name as t_middle',
      't.id as term_id', 't.number as term_number', 't.start_date as term_start', 't.end_date as term_end', 'g.sort_key',
    ])
    .select((eb) => [
      // Only lessons that have ended count: «Записано N из M» (issue 12).
      eb.selectFrom('lessons as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.assignment_id', '=', 'a.id').where('l.status', '!=', 'cancelled').where(endedLessonSql(ended)).as('lessons'),
      eb.selectFrom('lessons as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.assignment_id', '=', 'a.id').where('l.status', '!=', 'cancelled').where('l.recorded_at', 'is not', null).where(endedLessonSql(ended)).as('recorded'),
    ]);
  if (q.groupId) qb = qb.where('a.group_id', '=', q.groupId);
  if (q.mine === '1') qb = qb.where('a.teacher_person_id', '=', p.personId);
  const rows = await qb.orderBy('g.sort_key').orderBy('ci.code').execute();
  const visible = rows.filter((a) => readsByRole(p, scopes, { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id }));
  return { termId, items: visible.map((a) => ({ ...assignmentInfoOf(a), lessons: Number(a.lessons ?? 0), recorded: Number(a.recorded ?? 0) })) };
}

// ——— History of a cell ———

export async function cellHistory(ctx: Ctx, scopes: readonly Scope[], lessonId: number, studentId: number): Promise<History> {
  const orgId = ctx.principal.organizationId;
  const l = await findLesson(ctx.db, orgId, lessonId);
  const own = scopes.includes('self') && ctx.principal.studentId === studentId || scopes.includes('linked') && ctx.principal.linkedStudentIds.includes(studentId);
  if (!l || !(readsByRole(ctx.principal, scopes, targetOfLesson(l)) || own)) throw notFound('Занятие не найдено.');
  if (!own && visibleRows(ctx.principal, scopes, targetOfLesson(l))?.has(studentId) === false) throw notFound('Обучающийся не найден.');
  // A cell exists for a student who was in the lesson on its date, or who has marks left in it.
  if (!(await studentInLesson(ctx.db, orgId, l, studentId)) && !(await cellHasEvents(ctx.db, orgId, lessonId, studentId))) throw notFound('Занятие не найдено.');
  const name = await studentName(ctx.db, orgId, studentId);
  if (!name) throw notFound('Обучающийся не найден.');
  const [events, excuses, corrections] = await Promise.all([
    ctx.db.selectFrom('mark_events').selectAll().where('organization_id', '=', orgId).where('lesson_id', '=', lessonId).where('student_id', '=', studentId).orderBy('id').execute(),
    excusesOverlapping(ctx.db, orgId, [studentId], l.date, l.date),
    ctx.db.selectFrom('correction_requests').selectAll().where('organization_id', '=', orgId).where('lesson_id', '=', lessonId).where('student_id', '=', studentId).orderBy('id').execute(),
  ]);
  const users = await userNames(ctx.db, [...events.map((e) => e.user_id), ...excuses.map((e) => e.created_by_user_id)]);
  const e = excuses[0];
  return {
    lesson: { id: l.id, date: l.date, subject: `${l.subject_code} ${l.subject_name}`, group: l.group_name },
    student: { id: studentId, fullName: name },
    events: events.map((ev) => ({
      id: ev.id, at: ev.at, user: users.get(ev.user_id) ?? '', action: ev.action, kind: ev.kind, oldValue: ev.old_value, newValue: ev.new_value,
      oldWorkType: ev.old_work_type, newWorkType: ev.new_work_type, oldWeight: ev.old_weight, newWeight: ev.new_weight, reason: ev.reason, correctionRequestId: ev.correction_request_id,
    })),
    excuse: e ? { fromDate: e.from_date, toDate: e.to_date, reason: e.reason, document: e.document, by: users.get(e.created_by_user_id) ?? '' } : null,
    corrections: corrections.map((c) => ({ id: c.id, status: c.status, oldValue: c.old_value, newValue: c.new_value, reason: c.reason, requestedAt: c.requested_at })),
  };
}

// ——— Corrections after the entry window (п. 3.13) ———

export async function requestCorrection(ctx: Ctx, body: CreateCorrectionBody) {
  const orgId = ctx.principal.organizationId;
  const l = await writableLesson(ctx, body.lessonId);
  const w = windowFor(ctx, l);
  if (w.state === 'open') throw new HttpError(409, 'entry_open', `Журнал за ${formatRu(l.date)} ещё открыт: исправьте отметку сами, заявка не нужна.`);
  if (w.state === 'future') throw new HttpError(403, 'entry_future', w.message!);
  if (!(await studentInLesson(ctx.db, orgId, l, body.studentId))) throw fieldError('studentId', `Обучающийся не числится в группе ${l.group_name} на ${formatRu(l.date)}.`);
  let mark: MarkRow | undefined;
  if (body.markId) {
    mark = (await findMark(ctx.db, orgId, body.markId)) as MarkRow | undefined;
    if (!mark || mark.lesson_id !== l.id || mark.student_id !== body.studentId) throw fieldError('markId', 'Исправляемая отметка не найдена в этой клетке.');
    if (body.value !== null && kindOf(body.value) !== mark.kind) throw fieldError('value', 'Оценку можно исправить только на оценку, пропуск — на пропуск.');
    if (body.value === mark.value && (mark.kind === 'absence' || ((body.workType ?? mark.work_type) === mark.work_type && (body.weight ?? mark.weight) === mark.weight))) throw fieldError('value', 'Новое значение совпадает с текущим.');
  } else if (body.value === null) {
    throw fieldError('value', 'Укажите новую отметку или выберите отметку, которую нужно удалить.');
  }
  const kind = mark?.kind ?? kindOf(body.value!);
  const dup = await ctx.db.selectFrom('correction_requests').select('id').where('organization_id', '=', orgId).where('lesson_id', '=', l.id)
    .where('student_id', '=', body.studentId).where('status', '=', 'pending').where('kind', '=', kind)
    .where((eb) => (body.markId ? eb('mark_id', '=', body.markId) : eb('mark_id', 'is', null))).executeTakeFirst();
  if (dup) throw conflict('По этой отметке уже есть заявка на рассмотрении. Дождитесь решения.');
  const id = await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('correction_requests').values({
      organization_id: orgId, lesson_id: l.id, student_id: body.studentId, mark_id: mark?.id ?? null, kind, old_value: mark?.value ?? null,
      new_value: body.value, new_work_type: body.value && kind === 'grade' ? (body.workType ?? (mark?.work_type as WorkType | null) ?? 'oral') : null,
      new_weight: body.weight ?? null, reason: body.reason, status: 'pending', requested_by_user_id: ctx.principal.userId, requested_at: nowIso(),
      decided_by_user_id: null, decided_at: null, decision_comment: null,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'correction.request', entity: 'correction_request', entityId: r.id, after: { lessonId: l.id, studentId: body.studentId, old: mark?.value ?? null, new: body.value }, reason: body.reason, ip: ctx.ip });
    return r.id;
  });
  return (await listCorrections(ctx, 'all', [id])).items[0];
}

export async function listCorrections(ctx: Ctx, status: 'pending' | 'approved' | 'rejected' | 'all', ids?: number[]): Promise<CorrectionList> {
  const orgId = ctx.principal.organizationId;
  const canDecide = scopesFor(ctx.principal.roles, 'correction:approve').includes('org');
  let q = ctx.db.selectFrom('correction_requests as c')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('students as s', 's.id', 'c.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .selectAll('c')
    .select(['l.date', 'g.name as group_name', 'ci.code as subject_code', 'ci.name as subject_name', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('c.organization_id', '=', orgId);
  if (status !== 'all') q = q.where('c.status', '=', status);
  // Those who decide and those who read every journal (the director, п. 3.10) see all requests.
  const readsAll = canDecide || scopesFor(ctx.principal.roles, 'journal:read').includes('org');
  if (!readsAll) q = q.where('c.requested_by_user_id', '=', ctx.principal.userId);
  if (ids) q = q.where('c.id', 'in', ids);
  const rows = await q.orderBy('c.requested_at', status === 'pending' ? 'asc' : 'desc').limit(500).execute();
  const users = await userNames(ctx.db, rows.flatMap((r) => [r.requested_by_user_id, ...(r.decided_by_user_id ? [r.decided_by_user_id] : [])]));
  return {
    canDecide,
    readsAll,
    items: rows.map((r) => ({
      id: r.id, status: r.status, lesson: { id: r.lesson_id, date: r.date }, group: r.group_name, subject: `${r.subject_code} ${r.subject_name}`,
      student: { id: r.student_id, fullName: fullName(r) }, kind: r.kind, markId: r.mark_id, oldValue: r.old_value, newValue: r.new_value, newWorkType: r.new_work_type,
      reason: r.reason, requestedBy: users.get(r.requested_by_user_id) ?? '', requestedAt: r.requested_at,
      decidedBy: r.decided_by_user_id ? (users.get(r.decided_by_user_id) ?? '') : null, decidedAt: r.decided_at, decisionComment: r.decision_comment,
      canDecide: canDecide && r.status === 'pending',
    })),
  };
}

async function pendingRequest(ctx: Ctx, id: number) {
  const c = await ctx.db.selectFrom('correction_requests').selectAll().where('organization_id', '=', ctx.principal.organizationId).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('Заявка не найдена.');
  if (c.status !== 'pending') throw conflict(`Заявка уже ${c.status === 'approved' ? 'утверждена' : 'отклонена'}.`);
  return c;
}

/** Only an approval changes the record: as an event linked to the request. */
export async function approveCorrection(ctx: Ctx, id: number, comment?: string) {
  const c = await pendingRequest(ctx, id);
  const orgId = ctx.principal.organizationId;
  const l = await findLesson(ctx.db, orgId, c.lesson_id);
  if (!l) throw notFound('Занятие заявки не найдено.');
  const extra = { reason: c.reason, correctionRequestId: c.id };
  await ctx.db.transaction().execute(async (tx) => {
    let eventId: number;
    if (c.mark_id) {
      const m = (await tx.selectFrom('marks as m').select(['m.id', 'm.lesson_id', 'm.student_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours', 'm.version', 'm.created_at', 'm.updated_at'])
        .where('m.id', '=', c.mark_id).where('m.organization_id', '=', orgId).executeTakeFirst()) as MarkRow | undefined;
      if (!m) throw conflict('Исправляемой отметки уже нет в журнале. Отклоните заявку с пояснением.');
      const done = c.new_value === null ? await deleteMarkRow(tx, ctx, m, extra) : await updateMarkRow(tx, ctx, m, l.hours, { value: c.new_value, workType: c.new_work_type as WorkType | null, weight: c.new_weight }, extra);
      if (!done) throw conflict('Отметку изменили во время утверждения. Повторите.');
      eventId = done.eventId;
    } else {
      if (c.kind === 'absence') {
        const a = await tx.selectFrom('marks').select(['value']).where('organization_id', '=', orgId).where('lesson_id', '=', c.lesson_id).where('student_id', '=', c.student_id).where('kind', '=', 'absence').executeTakeFirst();
        if (a) throw conflict(`В клетке уже есть пропуск «${a.value}». Отклоните заявку с пояснением.`);
      } else await checkCellLimits(ctx, tx, c.lesson_id, c.student_id, c.new_value!);
      eventId = (await insertMark(tx, ctx, l, c.student_id, { value: c.new_value!, workType: c.new_work_type as WorkType | null, weight: c.new_weight }, extra)).eventId;
    }
    const r = await tx.updateTable('correction_requests').set({ status: 'approved', decided_by_user_id: ctx.principal.userId, decided_at: nowIso(), decision_comment: comment || null, mark_event_id: eventId })
      .where('id', '=', c.id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('Заявку уже рассмотрели.');
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'correction.approve', entity: 'correction_request', entityId: c.id, after: { status: 'approved', eventId }, reason: comment, ip: ctx.ip });
  });
  return (await listCorrections(ctx, 'all', [c.id])).items[0];
}

export async function rejectCorrection(ctx: Ctx, id: number, comment: string) {
  const c = await pendingRequest(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('correction_requests').set({ status: 'rejected', decided_by_user_id: ctx.principal.userId, decided_at: nowIso(), decision_comment: comment }).where('id', '=', c.id).execute();
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'correction.reject', entity: 'correction_request', entityId: c.id, after: { status: 'rejected' }, reason: comment, ip: ctx.ip });
  });
  return (await listCorrections(ctx, 'all', [c.id])).items[0];
}

// ——— The curator's excuses: «н» → «уп» for a range of dates with a справка ———

async function groupForExcuses(ctx: Ctx, groupId: number) {
  const g = await ctx.db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', ctx.principal.organizationId).where('id', '=', groupId).executeTakeFirst();
  const read = scopesFor(ctx.principal.roles, 'journal:read');
  const target = { groupId, commissionId: null, assignmentTeacherPersonId: -1 };
  const byRole = read.filter((s) => s === 'org' || s === 'group' || s === 'direction');
  if (!g || !readsByRole(ctx.principal, byRole, target)) throw notFound('Группа не найдена.');
  const canExcuse = scopesFor(ctx.principal.roles, 'absence:excuse').includes('group') && ctx.principal.curatorGroupIds.includes(groupId);
  return { group: g, canExcuse, rows: visibleRows(ctx.principal, byRole, target) };
}

export async function excuses(ctx: Ctx, groupId: number): Promise<ExcuseList> {
  const orgId = ctx.principal.organizationId;
  const { group, canExcuse, rows: visible } = await groupForExcuses(ctx, groupId);
  const today = todayIn(ctx.principal.timeZone);
  const terms = await ctx.db.selectFrom('academic_years').select(['start_date', 'end_date']).where('organization_id', '=', orgId).where('start_date', '<=', today).where('end_date', '>=', today).executeTakeFirst();
  const period = terms ? { from: terms.start_date, to: terms.end_date } : { from: today, to: today };
  const roster = (await groupRoster(ctx.db, orgId, groupId, period)).filter((s) => !visible || visible.has(s.studentId));
  const ids = roster.map((r) => r.studentId);
  const [allRows, absences] = await Promise.all([
    ids.length ? ctx.db.selectFrom('absence_excuses').selectAll().where('organization_id', '=', orgId).where('student_id', 'in', ids).orderBy('from_date', 'desc').orderBy('id', 'desc').limit(500).execute() : [],
    ids.length ? ctx.db.selectFrom('marks as m').innerJoin('lessons as l', 'l.id', 'm.lesson_id').innerJoin('assignments as a', 'a.id', 'l.assignment_id')
      .select(['m.student_id', 'm.hours', 'l.date']).where('m.organization_id', '=', orgId).where('a.group_id', '=', groupId).where('m.kind', '=', 'absence').where('m.value', '=', 'н')
      .where('l.date', '>=', period.from).where('l.date', '<=', period.to).execute() : [],
  ]);
  const rows = onRoster(roster, allRows);
  const [users, mine] = await Promise.all([
    userNames(ctx.db, rows.map((r) => r.created_by_user_id)),
    canExcuse ? membershipsIn(ctx.db, orgId, ids, ctx.principal.curatorGroupIds) : [],
  ]);
  const canRevoke = (r: { student_id: number; from_date: string; to_date: string; revoked_at: string | null }) =>
    !r.revoked_at && coversPeriod(mine.filter((m) => m.student_id === r.student_id).map((m) => ({ from: m.start_date, to: m.end_date })), r.from_date, r.to_date);
  const names = new Map(roster.map((r) => [r.studentId, r.fullName]));
  const active = rows.filter((r) => !r.revoked_at);
  return {
    group: { id: group.id, name: group.name },
    canExcuse,
    students: roster.map((s) => ({
      studentId: s.studentId, fullName: s.fullName,
      unexcusedHours: absences.filter((a) => a.student_id === s.studentId && !coveredBy(active.filter((e) => e.student_id === s.studentId).map((e) => ({ fromDate: e.from_date, toDate: e.to_date })), a.date)).reduce((sum, a) => sum + (a.hours ?? 0), 0),
    })),
    items: rows.map((r) => ({
      id: r.id, studentId: r.student_id, studentName: names.get(r.student_id) ?? '', fromDate: r.from_date, toDate: r.to_date, reason: r.reason, document: r.document,
      createdBy: users.get(r.created_by_user_id) ?? '', createdAt: r.created_at, revokedAt: r.revoked_at, canRevoke: canRevoke(r),
      excusedAbsences: r.revoked_at ? 0 : absences.filter((a) => a.student_id === r.student_id && r.from_date <= a.date && a.date <= r.to_date).length,
    })),
  };
}

/**
 * A curator's powers over a student hold for the dates the student was in the curator's groups
 * (decision 013): the spans of those memberships, 404 when the student was never there.
 */
async function curatorSpans(ctx: Ctx, studentId: number) {
  const rows = await membershipsIn(ctx.db, ctx.principal.organizationId, [studentId], ctx.principal.curatorGroupIds);
  if (!rows.length) throw notFound('Обучающийся не найден в вашей группе.');
  return rows.map((r) => ({ groupId: r.group_id, name: r.name, from: r.start_date, to: r.end_date }));
}

const spansRefusal = (spans: { name: string; from: string; to: string | null }[]) =>
  `за срок обучения в вашей группе (${[...new Set(spans.map((x) => x.name))].join(', ')}: ${spansRu(spans)})`;

/** The dates of a справка, checked as the curator may write it. */
async function excuseDates(ctx: Ctx, body: { studentId: number; fromDate: string; toDate: string }) {
  if (body.toDate < body.fromDate) throw fieldError('toDate', 'Дата окончания раньше даты начала.');
  if (body.toDate > todayIn(ctx.principal.timeZone).replace(/^(\d{4})/, (y) => String(Number(y) + 1))) throw fieldError('toDate', 'Слишком далёкая дата окончания.');
  const spans = await curatorSpans(ctx, body.studentId);
  if (!coversPeriod(spans, body.fromDate, body.toDate)) {
    throw forbidden(`Справка выходит ${spansRefusal(spans)}. Справку на другие даты оформляет куратор группы, в которой обучающийся учился в эти дни.`);
  }
  return spans;
}

const excusePeriodRu = (e: { from_date: string; to_date: string; document: string | null }) =>
  `с ${formatRu(e.from_date)} по ${formatRu(e.to_date)}${e.document ? ` (${e.document})` : ''}`;

/** A справка that shares days with one already in force is refused: those days are excused already. */
function overlapRefusal(overlapping: { from_date: string; to_date: string; document: string | null }[]) {
  const list = overlapping.map(excusePeriodRu).join(', ');
  return conflict(`Эти дни уже признаны уважительными: ${overlapping.length > 1 ? 'действуют справки' : 'действует справка'} ${list}. `
    + 'Укажите только дни, которые ещё не покрыты, или сначала отмените прежнюю справку.', { overlapping: overlapping.map((e) => ({ fromDate: e.from_date, toDate: e.to_date })) });
}

/** Before saving: how many «н» the справка would excuse, and which справки already cover those days. */
export async function checkExcuse(ctx: Ctx, q: { studentId: number; fromDate: string; toDate: string }): Promise<ExcuseCheck> {
  await excuseDates(ctx, q);
  const orgId = ctx.principal.organizationId;
  const [counts, overlapping] = await Promise.all([
    absencesOfStudent(ctx.db, orgId, q.studentId, q.fromDate, q.toDate),
    excusesOverlapping(ctx.db, orgId, [q.studentId], q.fromDate, q.toDate),
  ]);
  return { ...counts, overlapping: overlapping.map((e) => ({ id: e.id, fromDate: e.from_date, toDate: e.to_date, reason: e.reason, document: e.document })) };
}

export async function createExcuse(ctx: Ctx, body: CreateExcuseBody) {
  const spans = await excuseDates(ctx, body);
  const groupId = [...spans].reverse().find((x) => x.from <= body.toDate)?.groupId ?? spans[0].groupId;
  const id = await ctx.db.transaction().execute(async (tx) => {
    await lockForTransaction(tx, ctx.engine, EXCUSE_LOCK, body.studentId);
    const overlapping = await excusesOverlapping(tx, ctx.principal.organizationId, [body.studentId], body.fromDate, body.toDate);
    if (overlapping.length) throw overlapRefusal(overlapping);
    const r = await tx.insertInto('absence_excuses').values({
      organization_id: ctx.principal.organizationId, student_id: body.studentId, from_date: body.fromDate, to_date: body.toDate, reason: body.reason,
      document: body.document || null, created_by_user_id: ctx.principal.userId, created_at: nowIso(), revoked_at: null, revoked_by_user_id: null,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'absence.excuse', entity: 'student', entityId: body.studentId, after: { excuseId: r.id, fromDate: body.fromDate, toDate: body.toDate, document: body.document ?? null }, reason: body.reason, ip: ctx.ip });
    return r.id;
  });
  return (await excuses(ctx, groupId)).items.find((e) => e.id === id)!;
}

export async function revokeExcuse(ctx: Ctx, id: number) {
  const e = await ctx.db.selectFrom('absence_excuses').selectAll().where('organization_id', '=', ctx.principal.organizationId).where('id', '=', id).executeTakeFirst();
  if (!e) throw notFound('Справка не найдена.');
  const spans = await curatorSpans(ctx, e.student_id);
  if (!coversPeriod(spans, e.from_date, e.to_date)) {
    throw forbidden(`Справка с ${formatRu(e.from_date)} по ${formatRu(e.to_date)} выходит ${spansRefusal(spans)}: отменить её может куратор группы, в которой обучающийся учился в эти дни.`);
  }
  if (e.revoked_at) throw conflict('Справка уже отменена.');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('absence_excuses').set({ revoked_at: nowIso(), revoked_by_user_id: ctx.principal.userId }).where('id', '=', id).execute();
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'absence.excuse.revoke', entity: 'student', entityId: e.student_id, before: { excuseId: id, fromDate: e.from_date, toDate: e.to_date }, ip: ctx.ip });
  });
  return { ok: true as const };
}

