import type { AbsenceAlerts } from '../../contracts/notify-guardian.js';
import { fullName } from '../../domain/text.js';
import { nowIso } from '../platform/db.js';
import { directionGroupIds } from '../platform/direction.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { alertById, alertsOf, markAlertSeen } from './alerts-queries.js';
import { episodeText } from './guardian-marks.js';

// Absence alerts (issue 14 item 8): the episodes recorded when a student's absences crossed the
// college's thresholds, shown to the curator of the group (on the home page), the specialists of
// the direction, and the deputy director for the whole college.

function reachOfAlerts(ctx: Ctx): { groups: number[] | null; students: number[] } {
  const r = ctx.reach;
  if (r.all) return { groups: null, students: [] };
  const groups = [...r.curatorGroupIds, ...(r.scopes.includes('direction') ? directionGroupIds(r.principal.direction) : [])];
  return { groups, students: [...r.directionStudentIds] };
}

export async function listAlerts(ctx: Ctx, all: boolean): Promise<AbsenceAlerts> {
  const { groups, students } = reachOfAlerts(ctx);
  const rows = await alertsOf(ctx.db, ctx.principal.organizationId, groups, students, !all);
  return {
    items: rows.map((r) => ({
      id: r.id,
      studentId: r.student_id,
      studentName: fullName(r),
      groupName: r.group_name ?? null,
      kind: r.kind,
      text: episodeText(r.kind, r.episode, r.value),
      createdAt: r.created_at,
      seen: r.seen_at !== null,
    })),
  };
}

export async function seeAlert(ctx: Ctx, id: number) {
  const orgId = ctx.principal.organizationId;
  const a = await alertById(ctx.db, orgId, id);
  const { groups, students } = reachOfAlerts(ctx);
  const within = a && (groups === null || (a.group_id !== null && groups.includes(a.group_id)) || students.includes(a.student_id));
  if (!within) throw notFound('Оповещение не найдено.');
  await markAlertSeen(ctx.db, orgId, id, ctx.principal.userId, nowIso());
  return { ok: true as const };
}
