import type { RolloverPlan } from '../../contracts/structure.js';
import { addDays, formatRu, todayIn } from '../../domain/dates.js';
import { programCourses } from '../../domain/people.js';
import { shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { conflict, fieldError, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { calendarTermDefaults } from '../curriculum/plx-service.js';
import { moveStudent } from '../people/movement.js';
import { insertYearWithTerms } from './queries.js';
import * as q from './queries/rollover.js';

// Year rollover (п. 3.2, decision 015): it takes effect on its date — the day after the closing
// year ends — and runs from that day; earlier only with a named effective date and a
// confirmation. What it changed is recorded, so it can be undone until the first mark of the new year.

type MembershipRow = { id: number; organization_id: number; student_id: number; start_date: string; end_date: string | null };
export interface RolloverChanges {
  promoted: { groupId: number; fromCourse: number; toCourse: number }[];
  graduatedGroups: number[];
  graduates: {
    studentId: number;
    name: string;
    status: string;
    eventId: number;
    groups: (MembershipRow & { group_id: number })[];
    subgroups: (MembershipRow & { subgroup_id: number })[];
  }[];
}

const who = (ctx: Ctx) => ({ organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, ip: ctx.ip });

/** Why a named effective date cannot be used, or null. */
function effectiveDateProblem(named: string, today: string, yearStart: string): string | null {
  if (named > today)
    return `Дата вступления в силу ${formatRu(named)} ещё не наступила: переход выполняют в этот день или позже, а до него списки групп не меняются.`;
  if (named <= yearStart) return `Дата вступления в силу должна быть позже начала завершаемого учебного года (${formatRu(yearStart)}).`;
  return null;
}

async function planOf(ctx: Ctx, db: Db | Tx, named?: string) {
  const orgId = ctx.principal.organizationId;
  const today = todayIn(ctx.principal.timeZone);
  const years = await q.yearsNewestFirst(db, orgId);
  const problems: string[] = [];
  const current = years.find((y) => y.start_date <= today && today <= y.end_date) ?? years.find((y) => y.start_date <= today) ?? years[0];
  if (!current) problems.push('Нет ни одного учебного года. Создайте текущий учебный год в разделе «Структура».');
  const startYear = current ? Number(current.start_date.slice(0, 4)) + 1 : Number(today.slice(0, 4));
  const newName = `${startYear}/${startYear + 1}`;
  const existing = years.find((y) => y.name === newName);
  const done = current ? await q.doneRolloverFrom(db, orgId, current.id) : undefined;
  if (done)
    problems.push(`Переход из учебного года ${current!.name} уже выполнен (приказ ${done.order_no}, с ${formatRu(done.effective_date)}).`);
  const boundary = current ? addDays(current.end_date, 1) : today;
  if (named && current) {
    const p = effectiveDateProblem(named, today, current.start_date);
    if (p) problems.push(p);
  }
  const effectiveDate = named ?? boundary;
  const groups = await q.rolloverGroups(db, orgId);
  const finishing = groups.filter((g) => g.course >= programCourses(g.duration_terms));
  const members = await q.activeMembersOf(
    db,
    orgId,
    finishing.map((g) => g.id),
  );
  // The new year's terms follow the academic calendars (график учебного процесса) of the curricula the groups study by next year.
  const promoted = groups
    .filter((g) => !finishing.includes(g))
    .map((g) => ({ programId: g.program_id, intakeYear: g.intake_year, course: g.course + 1 }));
  const intake = await q.intakeCurricula(db, orgId, startYear);
  const fromCalendar = existing
    ? null
    : await calendarTermDefaults(db, orgId, startYear, [
        ...promoted,
        ...intake.map((c) => ({ programId: c.program_id, intakeYear: startYear, course: 1 })),
      ]);
  const existingTerms = existing ? await q.termsOfYear(db, orgId, existing.id) : [];
  const terms = existing
    ? existingTerms.map((t) => ({ number: t.number, startDate: t.start_date, endDate: t.end_date }))
    : (fromCalendar?.terms ?? [
        { number: 1, startDate: `${startYear}-09-01`, endDate: `${startYear}-12-31` },
        { number: 2, startDate: `${startYear + 1}-01-12`, endDate: `${startYear + 1}-06-30` },
      ]);
  const termsSource = existing
    ? 'учебный год уже создан'
    : fromCalendar
      ? `по графику учебного процесса учебных планов: ${fromCalendar.sources.join(', ')}`
      : 'обычные сроки: в учебных планах групп нет графика учебного процесса';
  const plan: RolloverPlan = {
    fromYear: current?.name ?? '',
    newYear: {
      name: newName,
      startDate: existing?.start_date ?? `${startYear}-09-01`,
      endDate: existing?.end_date ?? `${startYear + 1}-08-31`,
      exists: !!existing,
    },
    effectiveDate,
    boundary,
    early: today < boundary,
    graduationDate: addDays(effectiveDate, -1),
    promote: groups
      .filter((g) => !finishing.includes(g))
      .map((g) => ({ groupId: g.id, name: g.name, fromCourse: g.course, toCourse: g.course + 1, students: Number(g.students ?? 0) })),
    graduate: finishing.map((g) => {
      const graduates = members.filter((m) => m.groupId === g.id).map((m) => ({ studentId: m.studentId, fullName: m.fullName }));
      return {
        groupId: g.id,
        name: g.name,
        course: g.course,
        students: Number(g.students ?? 0),
        graduates,
        staying: Number(g.students ?? 0) - graduates.length,
      };
    }),
    terms,
    termsSource,
    problems,
    last: await lastOf(db, orgId),
  };
  return { plan, current, existing };
}

async function lastOf(db: Db | Tx, orgId: number): Promise<RolloverPlan['last']> {
  const r = await q.lastRollover(db, orgId);
  if (!r) return null;
  const blocked = r.status === 'done' ? await undoBlock(db, orgId, r) : 'Переход уже отменён.';
  return {
    id: r.id,
    fromYear: r.from_year_name,
    newYear: r.new_year_name,
    effectiveDate: r.effective_date,
    orderNo: r.order_no,
    at: r.created_at,
    by: r.last_name ? shortName({ last_name: r.last_name, first_name: r.first_name!, middle_name: r.middle_name }) : '',
    status: r.status,
    canUndo: r.status === 'done' && !blocked,
    undoBlockedBy: r.status === 'done' ? blocked : null,
  };
}

/** Why a done rollover can no longer be undone, or null. */
async function undoBlock(
  db: Db | Tx,
  orgId: number,
  r: { new_year_start: string; new_year_name: string; changes: string },
): Promise<string | null> {
  const mark = await q.firstMarkFrom(db, orgId, r.new_year_start);
  if (mark)
    return `В учебном году ${r.new_year_name} уже есть отметки в журнале (первая — за ${formatRu(mark.date)}): переход больше нельзя отменить.`;
  const changes = JSON.parse(r.changes) as RolloverChanges;
  const later = await q.laterMovements(
    db,
    orgId,
    changes.graduates.map((g) => ({ studentId: g.studentId, eventId: g.eventId })),
  );
  if (later.length) {
    const names = [...new Set(later.map((l) => changes.graduates.find((g) => g.studentId === l.student_id)?.name ?? ''))];
    return `После выпуска записано движение обучающихся (${names.slice(0, 3).join(', ')}${names.length > 3 ? ' и др.' : ''}): сначала отмените его в их карточках.`;
  }
  return null;
}

export const previewRollover = async (ctx: Ctx, effectiveDate?: string) => (await planOf(ctx, ctx.db, effectiveDate)).plan;

export async function applyRollover(ctx: Ctx, body: { orderNo: string; effectiveDate?: string; confirm?: boolean }) {
  const orgId = ctx.principal.organizationId;
  return ctx.db.transaction().execute(async (tx) => {
    const { plan, current, existing } = await planOf(ctx, tx, body.effectiveDate);
    if (body.effectiveDate && current) {
      const p = effectiveDateProblem(body.effectiveDate, todayIn(ctx.principal.timeZone), current.start_date);
      if (p) throw fieldError('effectiveDate', p);
    }
    if (plan.problems.length) throw conflict(plan.problems.join(' '));
    if (!body.orderNo) throw fieldError('orderNo', 'Укажите номер приказа о переводе и выпуске.');
    if (plan.early && !body.effectiveDate) {
      throw new HttpError(
        409,
        'rollover_early',
        `Учебный год ${plan.fromYear} ещё идёт: перевод и выпуск вступают в силу ${formatRu(plan.boundary)}, до этого дня списки групп не меняются. ` +
          'Выполните переход в этот день или позже. Если его нужно провести раньше, укажите дату вступления в силу и подтвердите.',
      );
    }
    if (plan.early && !body.confirm)
      throw fieldError(
        'confirm',
        `Подтвердите переход до окончания учебного года: с ${formatRu(plan.effectiveDate)} группы перейдут на следующий курс, выпускники уйдут из списков.`,
      );
    const { newYear } = plan;
    let newYearId = existing?.id;
    if (!newYearId) {
      newYearId = await insertYearWithTerms(tx, orgId, newYear, plan.terms);
    }
    const changes: RolloverChanges = { promoted: [], graduatedGroups: [], graduates: [] };
    for (const g of plan.promote) {
      await q.setGroupCourse(tx, orgId, g.groupId, g.toCourse);
      changes.promoted.push({ groupId: g.groupId, fromCourse: g.fromCourse, toCourse: g.toCourse });
    }
    // Graduates are on the lists until the day before the effective date.
    for (const g of plan.graduate) {
      for (const st of g.graduates) {
        const open = await q.openMemberships(tx, orgId, st.studentId);
        const r = await moveStudent(tx, ctx, st.studentId, {
          kind: 'graduate',
          date: plan.effectiveDate,
          toGroupId: null,
          toSubgroupId: null,
          orderNo: body.orderNo,
          reason: 'Завершение обучения',
        });
        changes.graduates.push({
          studentId: st.studentId,
          name: st.fullName,
          status: 'active',
          eventId: r.eventId,
          groups: open.groups,
          subgroups: open.subgroups,
        });
      }
      await q.setGroupStatus(tx, orgId, g.groupId, 'graduated');
      changes.graduatedGroups.push(g.groupId);
    }
    const recId = await q.insertRollover(tx, orgId, {
      fromYearId: current!.id,
      newYearId,
      newYear,
      createdYear: !existing,
      effectiveDate: plan.effectiveDate,
      orderNo: body.orderNo,
      changes,
      userId: ctx.principal.userId,
      at: nowIso(),
    });
    await audit(tx, {
      ...who(ctx),
      action: 'structure.rollover',
      entity: 'year_rollover',
      entityId: recId,
      after: {
        newYear: newYear.name,
        effectiveDate: plan.effectiveDate,
        early: plan.early,
        promoted: plan.promote.length,
        graduatedGroups: plan.graduate.length,
        graduated: changes.graduates.length,
      },
      reason: `Приказ ${body.orderNo}`,
    });
    return {
      message:
        `Переход из ${plan.fromYear} в ${newYear.name} выполнен с ${formatRu(plan.effectiveDate)}: на следующий курс переведено групп — ${plan.promote.length}, ` +
        `выпущено групп — ${plan.graduate.length} (обучающихся — ${changes.graduates.length}). Отменить переход можно до первой отметки в журнале нового учебного года.`,
    };
  });
}

export async function undoRollover(ctx: Ctx, id: number, reason: string) {
  const orgId = ctx.principal.organizationId;
  return ctx.db.transaction().execute(async (tx) => {
    const r = await q.rolloverRow(tx, orgId, id);
    if (!r) throw notFound('Переход на новый учебный год не найден.');
    if (r.status !== 'done') throw conflict('Этот переход уже отменён.');
    const last = await q.lastRollover(tx, orgId);
    if (last && last.id !== r.id) throw conflict('Отменить можно только последний переход на новый учебный год.');
    const blocked = await undoBlock(tx, orgId, r);
    if (blocked) throw conflict(blocked);
    const changes = JSON.parse(r.changes) as RolloverChanges;
    for (const p of changes.promoted) {
      if (!(await q.restoreGroupCourse(tx, orgId, p.groupId, p.fromCourse, p.toCourse))) {
        const g = await q.groupNameOf(tx, orgId, p.groupId);
        throw conflict(`Курс группы ${g?.name ?? ''} изменили после перехода: верните его (${p.toCourse}) и повторите отмену.`);
      }
    }
    for (const groupId of changes.graduatedGroups) await q.setGroupStatus(tx, orgId, groupId, 'active');
    for (const g of changes.graduates) await q.restoreGraduate(tx, orgId, g);
    // The new year goes too if the rollover made it and nothing has been built on it yet.
    let yearKept = false;
    if (r.created_year && r.new_year_id) {
      if (await q.yearInUse(tx, orgId, r.new_year_id)) yearKept = true;
      else {
        await q.deleteYear(tx, orgId, r.new_year_id);
      }
    }
    await q.markRolloverUndone(tx, orgId, r.id, ctx.principal.userId, nowIso(), reason);
    await audit(tx, {
      ...who(ctx),
      action: 'structure.rollover_undo',
      entity: 'year_rollover',
      entityId: r.id,
      reason,
      before: {
        effectiveDate: r.effective_date,
        orderNo: r.order_no,
        promoted: changes.promoted.length,
        graduated: changes.graduates.length,
      },
      after: { status: 'undone', newYearKept: r.created_year ? yearKept : true },
    });
    return {
      message:
        `Переход в ${r.new_year_name} отменён: курсы групп возвращены (${changes.promoted.length}), выпуск отменён (групп — ${changes.graduatedGroups.length}, обучающихся — ${changes.graduates.length}).` +
        (yearKept ? ` Учебный год ${r.new_year_name} оставлен: на нём уже есть нагрузка или расписание.` : ''),
    };
  });
}
