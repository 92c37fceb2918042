import type { CreateExcuseBody, ExcuseCheck, ExcuseList } from '../../contracts/journal.js';
import { formatRu, todayIn } from '../../domain/dates.js';
import { coveredBy } from '../../domain/journal-stats.js';
import { coversPeriod, spansRu } from '../../domain/periods.js';
import type { RosterEntry } from '../people/roster.js';
import { groupRoster } from '../people/roster.js';
import { audit } from '../platform/audit.js';
import { lockForTransaction, nowIso } from '../platform/db.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { reachOf, readsJournal, visibleStudents } from '../platform/reach.js';
import { findGroup, membershipsIn, userNames } from './queries.js';
import {
  absencesOfStudent,
  academicYearOn,
  excusesOf,
  excusesOverlapping,
  findExcuse,
  groupAbsences,
  insertExcuse,
  revokeExcuseRow,
} from './queries/excuses.js';
import { scopesOf } from '../platform/access.js';

// The curator's excuses: «н» → «уп» for a range of dates with a справка (decision 013).

/** The first half of the advisory-lock key that serializes a student's справки (cells use lesson ids). */
const EXCUSE_LOCK = 0;

/** Only the справки of the days each student was on the roster (decision 013). */
export function onRoster<T extends { student_id: number; from_date: string; to_date: string }>(roster: RosterEntry[], rows: T[]): T[] {
  const span = new Map(roster.map((r) => [r.studentId, r]));
  return rows.filter((r) => {
    const e = span.get(r.student_id);
    return !!e && r.to_date >= e.from && (e.to === null || r.from_date <= e.to);
  });
}

async function groupForExcuses(ctx: Ctx, groupId: number) {
  const g = await findGroup(ctx.db, ctx.principal.organizationId, groupId);
  const read = scopesOf(ctx.principal, 'journal:read');
  const target = { groupId, commissionId: null, assignmentTeacherPersonId: -1 };
  const reach = reachOf(
    ctx.principal,
    read.filter((s) => s === 'org' || s === 'group' || s === 'direction'),
  );
  if (!g || !readsJournal(reach, target)) throw notFound('Группа не найдена.');
  const canExcuse = scopesOf(ctx.principal, 'absence:excuse').includes('group') && ctx.principal.curatorGroupIds.includes(groupId);
  return { group: g, canExcuse, rows: visibleStudents(reach, target) };
}

export async function excuses(ctx: Ctx, groupId: number): Promise<ExcuseList> {
  const orgId = ctx.principal.organizationId;
  const { group, canExcuse, rows: visible } = await groupForExcuses(ctx, groupId);
  const today = todayIn(ctx.principal.timeZone);
  const year = await academicYearOn(ctx.db, orgId, today);
  const period = year ? { from: year.start_date, to: year.end_date } : { from: today, to: today };
  const roster = (await groupRoster(ctx.db, orgId, groupId, period)).filter((s) => !visible || visible.has(s.studentId));
  const ids = roster.map((r) => r.studentId);
  const [allRows, absences] = await Promise.all([
    excusesOf(ctx.db, orgId, ids),
    groupAbsences(ctx.db, orgId, groupId, ids, period.from, period.to),
  ]);
  const rows = onRoster(roster, allRows);
  const [users, mine] = await Promise.all([
    userNames(
      ctx.db,
      orgId,
      rows.map((r) => r.created_by_user_id),
    ),
    canExcuse ? membershipsIn(ctx.db, orgId, ids, ctx.principal.curatorGroupIds) : [],
  ]);
  const canRevoke = (r: { student_id: number; from_date: string; to_date: string; revoked_at: string | null }) =>
    !r.revoked_at &&
    coversPeriod(
      mine.filter((m) => m.student_id === r.student_id).map((m) => ({ from: m.start_date, to: m.end_date })),
      r.from_date,
      r.to_date,
    );
  const names = new Map(roster.map((r) => [r.studentId, r.fullName]));
  const active = rows.filter((r) => !r.revoked_at);
  const unexcused = (studentId: number) => {
    const ranges = active.filter((e) => e.student_id === studentId).map((e) => ({ fromDate: e.from_date, toDate: e.to_date }));
    return absences.filter((a) => a.student_id === studentId && !coveredBy(ranges, a.date)).reduce((sum, a) => sum + (a.hours ?? 0), 0);
  };
  return {
    group: { id: group.id, name: group.name },
    canExcuse,
    students: roster.map((s) => ({ studentId: s.studentId, fullName: s.fullName, unexcusedHours: unexcused(s.studentId) })),
    items: rows.map((r) => ({
      id: r.id,
      studentId: r.student_id,
      studentName: names.get(r.student_id) ?? '',
      fromDate: r.from_date,
      toDate: r.to_date,
      reason: r.reason,
      document: r.document,
      createdBy: users.get(r.created_by_user_id) ?? '',
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      canRevoke: canRevoke(r),
      excusedAbsences: r.revoked_at
        ? 0
        : absences.filter((a) => a.student_id === r.student_id && r.from_date <= a.date && a.date <= r.to_date).length,
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
  if (body.toDate > todayIn(ctx.principal.timeZone).replace(/^(\d{4})/, (y) => String(Number(y) + 1)))
    throw fieldError('toDate', 'Слишком далёкая дата окончания.');
  const spans = await curatorSpans(ctx, body.studentId);
  if (!coversPeriod(spans, body.fromDate, body.toDate)) {
    throw forbidden(
      `Справка выходит ${spansRefusal(spans)}. Справку на другие даты оформляет куратор группы, в которой обучающийся учился в эти дни.`,
    );
  }
  return spans;
}

const excusePeriodRu = (e: { from_date: string; to_date: string; document: string | null }) =>
  `с ${formatRu(e.from_date)} по ${formatRu(e.to_date)}${e.document ? ` (${e.document})` : ''}`;

/** A справка that shares days with one already in force is refused: those days are excused already. */
function overlapRefusal(overlapping: { from_date: string; to_date: string; document: string | null }[]) {
  const list = overlapping.map(excusePeriodRu).join(', ');
  return conflict(
    `Эти дни уже признаны уважительными: ${overlapping.length > 1 ? 'действуют справки' : 'действует справка'} ${list}. ` +
      'Укажите только дни, которые ещё не покрыты, или сначала отмените прежнюю справку.',
    { overlapping: overlapping.map((e) => ({ fromDate: e.from_date, toDate: e.to_date })) },
  );
}

/** Before saving: how many «н» the справка would excuse, and which справки already cover those days. */
export async function checkExcuse(ctx: Ctx, q: { studentId: number; fromDate: string; toDate: string }): Promise<ExcuseCheck> {
  await excuseDates(ctx, q);
  const orgId = ctx.principal.organizationId;
  const [counts, overlapping] = await Promise.all([
    absencesOfStudent(ctx.db, orgId, q.studentId, q.fromDate, q.toDate),
    excusesOverlapping(ctx.db, orgId, [q.studentId], q.fromDate, q.toDate),
  ]);
  return {
    ...counts,
    overlapping: overlapping.map((e) => ({ id: e.id, fromDate: e.from_date, toDate: e.to_date, reason: e.reason, document: e.document })),
  };
}

export async function createExcuse(ctx: Ctx, body: CreateExcuseBody) {
  const spans = await excuseDates(ctx, body);
  const groupId = [...spans].reverse().find((x) => x.from <= body.toDate)?.groupId ?? spans[0].groupId;
  const { organizationId: orgId, userId } = ctx.principal;
  const id = await ctx.db.transaction().execute(async (tx) => {
    await lockForTransaction(tx, ctx.engine, EXCUSE_LOCK, body.studentId);
    const overlapping = await excusesOverlapping(tx, orgId, [body.studentId], body.fromDate, body.toDate);
    if (overlapping.length) throw overlapRefusal(overlapping);
    const eid = await insertExcuse(tx, {
      orgId,
      studentId: body.studentId,
      fromDate: body.fromDate,
      toDate: body.toDate,
      reason: body.reason,
      document: body.document || null,
      userId,
      at: nowIso(),
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: userId,
      action: 'absence.excuse',
      entity: 'student',
      entityId: body.studentId,
      after: { excuseId: eid, fromDate: body.fromDate, toDate: body.toDate, document: body.document ?? null },
      reason: body.reason,
      ip: ctx.ip,
    });
    return eid;
  });
  return (await excuses(ctx, groupId)).items.find((e) => e.id === id)!;
}

export async function revokeExcuse(ctx: Ctx, id: number) {
  const { organizationId: orgId, userId } = ctx.principal;
  const e = await findExcuse(ctx.db, orgId, id);
  if (!e) throw notFound('Справка не найдена.');
  const spans = await curatorSpans(ctx, e.student_id);
  if (!coversPeriod(spans, e.from_date, e.to_date)) {
    throw forbidden(
      `Справка с ${formatRu(e.from_date)} по ${formatRu(e.to_date)} выходит ${spansRefusal(spans)}: отменить её может куратор группы, в которой обучающийся учился в эти дни.`,
    );
  }
  if (e.revoked_at) throw conflict('Справка уже отменена.');
  await ctx.db.transaction().execute(async (tx) => {
    await revokeExcuseRow(tx, orgId, id, userId, nowIso());
    await audit(tx, {
      organizationId: orgId,
      actorUserId: userId,
      action: 'absence.excuse.revoke',
      entity: 'student',
      entityId: e.student_id,
      before: { excuseId: id, fromDate: e.from_date, toDate: e.to_date },
      ip: ctx.ip,
    });
  });
  return { ok: true as const };
}
