import type { LessonDetail, RecordLessonBody, TodayResponse } from '../../contracts/journal.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { parseWorkTypes } from '../../domain/marks.js';
import { lessonPlanForAssignment } from '../curriculum/plan-lookup.js';
import { groupRoster } from '../people/roster.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { visibleStudents, type Reach } from '../platform/reach.js';
import { canWriteLesson, readableLesson, readReach, refuseFutureRecord, targetOfLesson, windowFor, writableLesson } from './access.js';
import { lessonSummaryOf, type LessonRow } from './queries.js';
import { excusesOverlapping } from './queries/excuses.js';
import {
  filesOfLesson,
  lessonsOfTeacherOn,
  nextLessonDate,
  pendingCorrectionStudents,
  recordedBefore,
  updateLessonText,
} from './queries/lessons.js';
import { markCounts, markOf, marksOfLesson } from './queries/marks.js';

// The teacher's day and the lesson: its record (topic, work, homework) and its students' marks.

export async function teacherDay(ctx: Ctx, date?: string): Promise<TodayResponse> {
  const p = ctx.principal;
  const day = date ?? todayIn(p.timeZone);
  const rows = await lessonsOfTeacherOn(ctx.db, p.organizationId, p.personId, day);
  const counts = await markCounts(
    ctx.db,
    p.organizationId,
    rows.map((r) => r.id),
  );
  let next: TodayResponse['next'] = null;
  if (!rows.length) {
    const first = await nextLessonDate(ctx.db, p.organizationId, p.personId, day, addDays(day, 14));
    if (first) {
      const later = await lessonsOfTeacherOn(ctx.db, p.organizationId, p.personId, first);
      next = { date: first, lessons: later.map((r) => lessonSummaryOf(r, canWriteLesson(p, r))) };
    }
  }
  return { date: day, lessons: rows.map((r) => lessonSummaryOf(r, canWriteLesson(p, r), counts.get(r.id) ?? 0)), next };
}

export async function lessonDetail(ctx: Ctx, id: number, reach: Reach = ctx.reach): Promise<LessonDetail> {
  const orgId = ctx.principal.organizationId;
  const l = await readableLesson(ctx, reach, id);
  const rows = visibleStudents(reach, targetOfLesson(l));
  const [roster, marks, files, window, pending] = await Promise.all([
    groupRoster(ctx.db, orgId, l.group_id, { from: l.date, to: l.date }, l.subgroup_id).then((r) =>
      rows ? r.filter((s) => rows.has(s.studentId)) : r,
    ),
    marksOfLesson(ctx.db, orgId, id),
    filesOfLesson(ctx.db, orgId, id),
    windowFor(ctx, l),
    pendingCorrectionStudents(ctx.db, orgId, id),
  ]);
  const excuses = await excusesOverlapping(
    ctx.db,
    orgId,
    roster.map((r) => r.studentId),
    l.date,
    l.date,
  );
  return {
    ...lessonSummaryOf(l, canWriteLesson(ctx.principal, l), rows ? marks.filter((m) => rows.has(m.student_id)).length : marks.length),
    workDone: l.work_done,
    workTypes: parseWorkTypes(l.work_types),
    homework: l.homework,
    version: l.version,
    recordedAt: l.recorded_at,
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size })),
    ...(l.topic
      ? { proposedTopic: null, proposedHomework: null }
      : await proposal(ctx, l).then((p) => ({ proposedTopic: p.topic, proposedHomework: p.homework }))),
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
  const before = await recordedBefore(ctx.db, ctx.principal.organizationId, l);
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
  refuseFutureRecord(ctx, l);
  const next = {
    topic: body.topic,
    work_done: body.workDone || null,
    work_types: JSON.stringify(body.workTypes),
    homework: body.homework || null,
    hours: body.hours ?? l.hours,
  };
  const same =
    l.topic === next.topic &&
    l.work_done === next.work_done &&
    (l.work_types ?? '[]') === next.work_types &&
    l.homework === next.homework &&
    l.hours === next.hours;
  if (body.version !== l.version) {
    // A retried save that already went through is not a conflict.
    if (same) return lessonDetail(ctx, id, readReach(ctx));
    throw conflict(
      `Занятие уже изменили (${l.recorded_at ? 'записано другим сеансом' : 'другим сеансом'}). Проверьте текущую запись и сохраните снова.`,
      {
        current: {
          topic: l.topic,
          workDone: l.work_done,
          workTypes: parseWorkTypes(l.work_types),
          homework: l.homework,
          hours: l.hours,
          version: l.version,
        },
      },
    );
  }
  if (!same || !l.recorded_at) {
    await ctx.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const ok = await updateLessonText(tx, ctx.principal.organizationId, id, l.version, {
        ...next,
        recorded_at: now,
        recorded_by_user_id: ctx.principal.userId,
        updated_at: now,
      });
      if (!ok) throw conflict('Занятие уже изменили другим сеансом. Обновите страницу и сохраните снова.');
      await audit(tx, {
        organizationId: ctx.principal.organizationId,
        actorUserId: ctx.principal.userId,
        action: 'lesson.record',
        entity: 'lesson',
        entityId: id,
        ip: ctx.ip,
        before: { topic: l.topic, workDone: l.work_done, workTypes: parseWorkTypes(l.work_types), homework: l.homework, hours: l.hours },
        after: { topic: next.topic, workDone: next.work_done, workTypes: body.workTypes, homework: next.homework, hours: next.hours },
      });
    });
  }
  return lessonDetail(ctx, id, readReach(ctx));
}
