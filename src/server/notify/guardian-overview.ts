import type { GroupGuardians } from '../../contracts/notify-guardian.js';
import { todayIn } from '../../domain/dates.js';
import { CHANNEL_TITLES, channelsFor, type NoticeChannel } from '../../domain/guardian-notices.js';
import { fullName } from '../../domain/text.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { logViews } from '../people/view-log.js';
import { prefsLookup } from './guardian-prefs.js';
import { deliveryCounts, groupGuardianRows, groupName } from './guardian-overview-queries.js';
import { ordersOfStudents } from './period-report-queries.js';
import { orderOut } from './period-report-service.js';

// The curator's view (п. 3.12, issue 14 item 7): per student, each guardian — what they receive by
// which channel, their reports ordered, and whether they can be reached at all.

const KIND_TITLES = { grades: 'оценки', absences: 'пропуски', digest: 'сводка за неделю', termGrades: 'итоговые оценки' } as const;

export async function groupGuardians(ctx: Ctx, groupId: number): Promise<GroupGuardians> {
  const orgId = ctx.principal.organizationId;
  if (!ctx.reach.all && !ctx.reach.curatorGroupIds.includes(groupId)) throw notFound('Группа не найдена среди ваших.');
  const g = await groupName(ctx.db, orgId, groupId);
  if (!g) throw notFound('Группа не найдена.');
  const rows = await groupGuardianRows(ctx.db, orgId, groupId, todayIn(ctx.principal.timeZone));
  const studentIds = [...new Set(rows.map((r) => r.student_id))];
  const guardianIds = [...new Set(rows.flatMap((r) => (r.guardian_id ? [r.guardian_id] : [])))];
  const [prefsFor, counts, orders] = await Promise.all([
    prefsLookup(ctx.db, orgId, studentIds),
    deliveryCounts(ctx.db, orgId, guardianIds),
    ordersOfStudents(ctx.db, orgId, studentIds),
  ]);
  const failed = new Map<number, number>();
  const sent = new Map<number, number>();
  for (const c of counts) (c.status === 'failed' ? failed : sent).set(c.person_id, Number(c.n));
  const students = new Map<number, GroupGuardians['students'][number]>();
  for (const r of rows) {
    let s = students.get(r.student_id);
    if (!s) students.set(r.student_id, (s = { studentId: r.student_id, name: fullName(r), guardians: [] }));
    if (!r.guardian_id) continue;
    const receives: string[] = [];
    for (const channel of channelsFor('guardian') as NoticeChannel[]) {
      const p = prefsFor(r.guardian_id, r.student_id, channel, 'guardian')!;
      const kinds = [
        p.grades === 'all' ? KIND_TITLES.grades : p.grades === 'twos' ? 'только «2»' : null,
        p.absences !== 'none' ? KIND_TITLES.absences : null,
        p.digest ? KIND_TITLES.digest : null,
        p.termGrades ? KIND_TITLES.termGrades : null,
      ].filter((k): k is string => !!k);
      if (kinds.length) receives.push(`${CHANNEL_TITLES[channel]}: ${kinds.join(', ')}`);
    }
    const f = failed.get(r.guardian_id) ?? 0;
    const hasEmail = !!r.email?.trim();
    const hasPhone = !!r.phone?.trim();
    s.guardians.push({
      personId: r.guardian_id,
      name: fullName({ last_name: r.g_last!, first_name: r.g_first!, middle_name: r.g_middle }),
      relation: r.relation ?? null,
      receives,
      hasEmail,
      hasPhone,
      hasLogin: !!r.has_login,
      failedDeliveries: f,
      unreachable: (!hasEmail && !hasPhone) || (f > 0 && (sent.get(r.guardian_id) ?? 0) === 0),
      reportOrders: orders.filter((o) => o.student_id === r.student_id && o.recipient_person_id === r.guardian_id).map(orderOut),
    });
  }
  await logViews(ctx, 'guardians', guardianIds, g.name);
  return { groupId, groupName: g.name, students: [...students.values()] };
}
