import type { SubstitutionReport } from '../../contracts/timetable.js';
import { compareRu } from '../../domain/text.js';
import { fieldError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { loadDirectory } from './queries.js';
import { substitutedLessons } from './queries/changes.js';
import { orgOf } from './shared.js';

// The substitutions report (п. 5.3): hours each teacher substituted and handed over.

export async function substitutionReport(ctx: Ctx, from: string, to: string): Promise<SubstitutionReport> {
  const orgId = orgOf(ctx);
  if (from > to) throw fieldError('to', 'Конец периода раньше начала.');
  const rows = await substitutedLessons(ctx.db, orgId, from, to, ctx.reach.all ? null : ctx.reach.personId);
  const dir = await loadDirectory(ctx.db, orgId);
  const byTeacher = new Map<number, { substitutedHours: number; substitutedLessons: number; replacedHours: number }>();
  const at = (id: number) =>
    byTeacher.get(id) ?? (byTeacher.set(id, { substitutedHours: 0, substitutedLessons: 0, replacedHours: 0 }), byTeacher.get(id)!);
  for (const r of rows) {
    at(r.teacher_person_id).substitutedHours += r.hours;
    at(r.teacher_person_id).substitutedLessons++;
    at(r.planned_teacher_person_id).replacedHours += r.hours;
  }
  return {
    from,
    to,
    teachers: [...byTeacher.entries()]
      .map(([personId, v]) => ({ personId, name: dir.persons.get(personId)?.full ?? dir.teacherName(personId), ...v }))
      .sort((a, b) => compareRu(a.name, b.name)),
    lessons: rows.map((r) => ({
      lessonId: r.id,
      date: r.date,
      pairNo: r.pair_no,
      groupName: dir.groupName(r.group_id, r.subgroup_id),
      subject: dir.subjectName(r.assignment_id),
      plannedTeacherName: dir.teacherName(r.planned_teacher_person_id),
      teacherName: dir.teacherName(r.teacher_person_id),
      hours: r.hours,
      recorded: !!r.recorded_at,
      reason: r.reason ?? null,
    })),
  };
}
