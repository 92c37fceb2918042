import type { Remark, RemarkList } from '../../contracts/control-remarks.js';
import { formatRu, todayIn } from '../../domain/dates.js';
import { fullName, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { reachOf, type Reach } from '../platform/reach.js';
import {
  assignmentTarget,
  insertRemark,
  insertRemarkEvent,
  lessonTarget,
  remarkEvents,
  remarkRows,
  setRemarkStatus,
  teacherTarget,
  type RemarkRow,
} from './remarks-queries.js';
import { scopesOf } from '../platform/access.js';

// Remarks on keeping the journal (п. 3.11, 5.4): a control role writes one on a journal, a lesson
// or a teacher with a due date; the teacher marks it fixed; the author confirms or re-opens it.
// An open remark past its due date is escalated to the deputy director — computed when read, so
// it is exact at any moment and needs no job (decision 021 keeps the scheduler for reports).

type Status = 'open' | 'fixed' | 'confirmed';
const ACTIVE: Status[] = ['open', 'fixed'];
const ALL: Status[] = ['open', 'fixed', 'confirmed'];
type Target = { kind: 'lesson'; lessonId: number } | { kind: 'journal'; assignmentId: number } | { kind: 'teacher'; personId: number };

/** The remarks a reach of `remark:read` covers: all, their commission's, or those about the caller. */
function remarksReach(r: Reach) {
  if (r.all) return {};
  return { commissionIds: [...r.commissionIds], teacherPersonId: r.teaches ? r.personId : undefined };
}

function targetLabel(r: RemarkRow): string {
  const subject = r.subject_code ? `${r.group_name} · ${r.subject_code} ${r.subject_name}` : '';
  if (r.target_kind === 'lesson') return `Занятие ${formatRu(r.lesson_date ?? '')}${r.pair_no ? `, ${r.pair_no} пара` : ''} · ${subject}`;
  if (r.target_kind === 'journal') return `Журнал ${subject}`;
  return 'Ведение журналов преподавателем';
}

async function present(ctx: Ctx, rows: RemarkRow[]): Promise<Remark[]> {
  const p = ctx.principal;
  const today = todayIn(p.timeZone);
  const events = await remarkEvents(
    ctx.db,
    p.organizationId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    target: { kind: r.target_kind, label: targetLabel(r), lessonId: r.lesson_id, assignmentId: r.assignment_id },
    teacher: { personId: r.teacher_person_id, name: shortName({ last_name: r.t_last, first_name: r.t_first, middle_name: r.t_middle }) },
    text: r.text,
    dueDate: r.due_date,
    status: r.status,
    escalated: r.status === 'open' && r.due_date < today,
    author: shortName({ last_name: r.a_last, first_name: r.a_first, middle_name: r.a_middle }),
    createdAt: r.created_at,
    canFix: r.status === 'open' && r.teacher_person_id === p.personId,
    canConfirm: r.status === 'fixed' && r.author_user_id === p.userId,
    canReopen: r.status !== 'open' && r.author_user_id === p.userId,
    history: events.filter((e) => e.remark_id === r.id).map((e) => ({ action: e.action, comment: e.comment, by: fullName(e), at: e.at })),
  }));
}

export async function listRemarks(
  ctx: Ctx,
  q: { status: 'open' | 'fixed' | 'confirmed' | 'active' | 'all'; escalated?: '1' | '0' },
): Promise<RemarkList> {
  const statuses = q.status === 'active' ? ACTIVE : q.status === 'all' ? ALL : [q.status];
  const rows = await remarkRows(ctx.db, ctx.principal.organizationId, { statuses, ...remarksReach(ctx.reach) });
  let items = await present(ctx, rows);
  if (q.escalated === '1') items = items.filter((r) => r.escalated);
  return { today: todayIn(ctx.principal.timeZone), items };
}

async function oneRemark(ctx: Ctx, id: number): Promise<Remark> {
  // Read by the reach of remark:read whatever the route (confirming is a remark:write route).
  const reach = reachOf(ctx.principal, scopesOf(ctx.principal, 'remark:read'));
  const rows = await remarkRows(ctx.db, ctx.principal.organizationId, { statuses: ALL, id, ...remarksReach(reach) });
  if (!rows.length) throw notFound('Замечание не найдено.');
  return (await present(ctx, rows))[0];
}

export const getRemark = (ctx: Ctx, id: number) => oneRemark(ctx, id);

export async function createRemark(ctx: Ctx, body: { target: Target; text: string; dueDate: string }): Promise<Remark> {
  const p = ctx.principal;
  const orgId = p.organizationId;
  if (body.dueDate < todayIn(p.timeZone)) throw fieldError('dueDate', 'Срок не может быть в прошлом.');
  let row: { assignmentId: number | null; lessonId: number | null; teacherPersonId: number; commissionId: number | null };
  const t = body.target;
  if (t.kind === 'lesson') {
    const l = await lessonTarget(ctx.db, orgId, t.lessonId);
    if (!l) throw fieldError('target.lessonId', 'Занятие не найдено.');
    row = { assignmentId: l.assignment_id, lessonId: l.id, teacherPersonId: l.teacher_person_id, commissionId: l.commission_id };
  } else if (t.kind === 'journal') {
    const a = await assignmentTarget(ctx.db, orgId, t.assignmentId);
    if (!a) throw fieldError('target.assignmentId', 'Журнал не найден.');
    row = { assignmentId: a.id, lessonId: null, teacherPersonId: a.teacher_person_id, commissionId: a.commission_id };
  } else {
    const person = await teacherTarget(ctx.db, orgId, t.personId);
    if (!person) throw fieldError('target.personId', 'Преподаватель не найден.');
    row = { assignmentId: null, lessonId: null, teacherPersonId: person.id, commissionId: null };
  }
  const reaches = ctx.reach.all || (row.commissionId !== null && ctx.reach.commissionIds.includes(row.commissionId));
  if (!reaches) throw forbidden('Председатель ПЦК пишет замечания только по дисциплинам своей комиссии.');
  const id = await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const rid = await insertRemark(tx, {
      organization_id: orgId,
      target_kind: t.kind,
      assignment_id: row.assignmentId,
      lesson_id: row.lessonId,
      teacher_person_id: row.teacherPersonId,
      commission_id: row.commissionId,
      text: body.text,
      due_date: body.dueDate,
      status: 'open',
      author_user_id: p.userId,
      created_at: at,
      updated_at: at,
    });
    await insertRemarkEvent(tx, { organization_id: orgId, remark_id: rid, action: 'create', comment: null, user_id: p.userId, at });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: p.userId,
      action: 'remark.create',
      entity: 'remark',
      entityId: rid,
      after: { ...t, text: body.text, dueDate: body.dueDate },
      ip: ctx.ip,
    });
    return rid;
  });
  return oneRemark(ctx, id);
}

/** The teacher concerned marks it fixed; the author confirms or re-opens it. */
export async function moveRemark(ctx: Ctx, id: number, action: 'fix' | 'confirm' | 'reopen', comment: string | undefined): Promise<Remark> {
  const p = ctx.principal;
  const r = await oneRemark(ctx, id);
  const allowed = action === 'fix' ? r.canFix : action === 'confirm' ? r.canConfirm : r.canReopen;
  if (!allowed) {
    const who =
      action === 'fix'
        ? r.teacher.personId === p.personId
        : (await remarkRows(ctx.db, p.organizationId, { statuses: ALL, id }))[0]?.author_user_id === p.userId;
    if (!who)
      throw forbidden(
        action === 'fix'
          ? 'Отметить исправление может только преподаватель, которому адресовано замечание.'
          : 'Подтвердить или вернуть замечание может только его автор.',
      );
    throw conflict(
      action === 'fix'
        ? 'Замечание уже отмечено исправленным.'
        : action === 'confirm'
          ? 'Подтвердить можно только исправленное замечание.'
          : 'Замечание и так открыто.',
    );
  }
  const [from, to] =
    action === 'fix'
      ? ([['open'], 'fixed'] as const)
      : action === 'confirm'
        ? ([['fixed'], 'confirmed'] as const)
        : ([['fixed', 'confirmed'], 'open'] as const);
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    if (!(await setRemarkStatus(tx, p.organizationId, id, [...from], to, at))) throw conflict('Замечание уже изменили. Обновите страницу.');
    await insertRemarkEvent(tx, {
      organization_id: p.organizationId,
      remark_id: id,
      action,
      comment: comment ?? null,
      user_id: p.userId,
      at,
    });
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: `remark.${action}`,
      entity: 'remark',
      entityId: id,
      before: { status: r.status },
      after: { status: to },
      reason: comment ?? null,
      ip: ctx.ip,
    });
  });
  return oneRemark(ctx, id);
}
