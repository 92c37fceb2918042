import type { DemoExam, ModuleExam, Thesis } from '../../contracts/gia.js';
import {
  DEMO_EXAM_MAX_POINTS,
  demoExamGrade,
  moduleExamProblem,
  modulesProblems,
  thesisProblems,
  type DemoExamLevel,
  type DemoExamModule,
  type GiaGrade,
  type ThesisAdmission,
} from '../../domain/gia.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, nowIso, type Tx } from '../platform/db.js';
import { badRequest, fieldError, forbidden, HttpError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readableGroup, writesGroup, yearOf } from './access.js';
import {
  demoExamRows,
  insertGiaEvent,
  insertRecord,
  moduleExamRows,
  modulesOfGroup,
  recordRow,
  studentsOfGroup,
  thesisRows,
  updateRecord,
} from './queries.js';
import { demoExamOf, moduleExamOf, thesisOf } from './records.js';
import { cutoffsOf } from './service.js';

// Entering the ГИА and module exams (decision 034): like every grade, a record is written at the
// version it was read (409 with the current one otherwise), each change is an event keeping the
// value before it, who and when, and is audited; changing a result already entered needs a reason.

interface Key {
  yearId: number;
  groupId: number;
  studentId: number;
  version: number | null;
  reason?: string | null;
}
type Kind = 'demo' | 'thesis' | 'module';
const TABLE = { demo: 'gia_demo_exams', thesis: 'gia_theses', module: 'gia_module_exams' } as const;

const conflictWith = (current: unknown) =>
  new HttpError(409, 'version_conflict', 'Запись уже изменили: проверьте текущее значение и сохраните ещё раз.', undefined, { current });

/** The group, year and student of a write, all checked: in reach, writable, the student in the group that year. */
async function target(ctx: Ctx, k: Key) {
  const g = await readableGroup(ctx, k.groupId);
  if (!writesGroup(ctx, g)) throw forbidden('Записи ГИА группы вносят заместитель директора и секретарь ГЭК этой группы.');
  const { year } = await yearOf(ctx, k.yearId);
  const students = await studentsOfGroup(ctx.db, ctx.principal.organizationId, g.id, year.id, year.start_date, year.end_date);
  if (!students.some((s) => s.id === k.studentId))
    throw fieldError('studentId', 'Обучающийся не учился в этой группе в этом учебном году.');
  return { g, year };
}

/**
 * Writes a record in one transaction with its event and audit row. `changesResult` tells whether
 * the result of an existing record changes (then a reason is required).
 */
async function write<T extends Kind>(
  ctx: Ctx,
  kind: T,
  k: Key,
  values: Record<string, unknown>,
  shown: Record<string, unknown>,
  changesResult: (before: Record<string, unknown>) => boolean,
  moduleId?: number,
): Promise<void> {
  const p = ctx.principal;
  const orgId = p.organizationId;
  const reason = k.reason?.trim() || null;
  await ctx.db.transaction().execute(async (tx: Tx) => {
    const existing = (await recordRow(tx, TABLE[kind], orgId, k.yearId, k.studentId, moduleId)) as
      (Record<string, unknown> & { id: number; version: number }) | undefined;
    const at = nowIso();
    const stamp = { set_by_user_id: p.userId, set_at: at };
    let id: number;
    let before: string | null = null;
    if (existing) {
      if (k.version !== existing.version) throw conflictWith(await current(tx, ctx, kind, k, moduleId));
      if (changesResult(existing) && !reason)
        throw fieldError('reason', 'Результат уже внесён: укажите причину изменения (она останется в истории).');
      before = JSON.stringify(await current(tx, ctx, kind, k, moduleId, true));
      if (
        !(await updateRecord(tx, TABLE[kind], orgId, existing.id, existing.version, { ...values, ...stamp, group_id: k.groupId } as never))
      )
        throw conflictWith(await current(tx, ctx, kind, k, moduleId));
      id = existing.id;
    } else {
      if (k.version !== null) throw conflictWith(null);
      try {
        id = await insertRecord(tx, TABLE[kind], {
          organization_id: orgId,
          academic_year_id: k.yearId,
          group_id: k.groupId,
          student_id: k.studentId,
          ...stamp,
          ...values,
        } as never);
      } catch (err) {
        if (isUniqueViolation(err)) throw conflictWith(null);
        throw err;
      }
    }
    const after = JSON.stringify(shown);
    await insertGiaEvent(tx, {
      organization_id: orgId,
      record_kind: kind,
      record_id: id,
      academic_year_id: k.yearId,
      group_id: k.groupId,
      student_id: k.studentId,
      before,
      after,
      reason,
      user_id: p.userId,
      at,
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: p.userId,
      action: `gia.${kind}_set`,
      entity: TABLE[kind],
      entityId: id,
      before: before === null ? null : (JSON.parse(before) as object),
      after: { studentId: k.studentId, ...shown },
      reason,
      ip: ctx.ip,
    });
  });
}

/** The record as the API shows it (or as its history keeps it), read inside the transaction. */
async function current(tx: Tx, ctx: Ctx, kind: Kind, k: Key, moduleId?: number, forHistory = false) {
  const orgId = ctx.principal.organizationId;
  const where = { yearId: k.yearId, studentId: k.studentId };
  if (kind === 'demo') {
    const r = (await demoExamRows(tx, orgId, where))[0];
    return r ? demoExamOf(r) : null;
  }
  if (kind === 'thesis') {
    const r = (await thesisRows(tx, orgId, where))[0];
    return r ? thesisOf(r) : null;
  }
  const r = (await moduleExamRows(tx, orgId, where)).find((x) => x.curriculum_item_id === moduleId);
  if (!r) return null;
  return forHistory ? { ...moduleExamOf(r), moduleCode: r.module_code } : moduleExamOf(r);
}

export async function setDemoExam(
  ctx: Ctx,
  b: Key & { examDate: string; competence: string; level: DemoExamLevel; points: number; modules?: DemoExamModule[] | null },
): Promise<DemoExam> {
  await target(ctx, b);
  const modules = b.modules?.length ? b.modules : null;
  const problems = modules ? modulesProblems(modules, b.points) : {};
  if (Object.keys(problems).length) throw badRequest(Object.values(problems)[0], problems);
  const grade = demoExamGrade(b.points, DEMO_EXAM_MAX_POINTS, await cutoffsOf(ctx));
  const pointsX100 = Math.round(b.points * 100);
  await write(
    ctx,
    'demo',
    b,
    {
      exam_date: b.examDate,
      competence: b.competence,
      level: b.level,
      points_x100: pointsX100,
      max_points: DEMO_EXAM_MAX_POINTS,
      modules: modules ? JSON.stringify(modules) : null,
      grade,
    },
    {
      examDate: b.examDate,
      competence: b.competence,
      level: b.level,
      points: pointsX100 / 100,
      maxPoints: DEMO_EXAM_MAX_POINTS,
      grade,
      modules,
    },
    (e) => e.points_x100 !== pointsX100 || e.grade !== grade,
  );
  return (await current(ctx.db as unknown as Tx, ctx, 'demo', b)) as DemoExam;
}

export async function setThesis(
  ctx: Ctx,
  b: Key & {
    topic: string;
    supervisor: string | null;
    reviewer: string | null;
    supervisorGrade?: GiaGrade | null;
    reviewerGrade?: GiaGrade | null;
    admission: ThesisAdmission | null;
    defenseDate: string | null;
    grade: GiaGrade | null;
  },
): Promise<Thesis> {
  await target(ctx, b);
  const problems = thesisProblems(b);
  if (Object.keys(problems).length) throw badRequest(Object.values(problems)[0], problems);
  // A grade not sent stays as stored (a client of the API written before these grades keeps them);
  // the write's version check makes sure what was read here is what is changed.
  const stored =
    b.supervisorGrade === undefined || b.reviewerGrade === undefined
      ? (await thesisRows(ctx.db, ctx.principal.organizationId, { yearId: b.yearId, studentId: b.studentId }))[0]
      : undefined;
  const supervisorGrade = b.supervisorGrade === undefined ? ((stored?.supervisor_grade ?? null) as GiaGrade | null) : b.supervisorGrade;
  const reviewerGrade = b.reviewerGrade === undefined ? ((stored?.reviewer_grade ?? null) as GiaGrade | null) : b.reviewerGrade;
  const shown = {
    topic: b.topic,
    supervisor: b.supervisor,
    reviewer: b.reviewer,
    supervisorGrade,
    reviewerGrade,
    admission: b.admission,
    defenseDate: b.defenseDate,
    grade: b.grade,
  };
  const given = (before: unknown, after: unknown) => before !== null && before !== undefined && before !== after;
  await write(
    ctx,
    'thesis',
    b,
    {
      topic: b.topic,
      supervisor: b.supervisor,
      reviewer: b.reviewer,
      supervisor_grade: supervisorGrade,
      reviewer_grade: reviewerGrade,
      admission: b.admission,
      defense_date: b.defenseDate,
      grade: b.grade,
    },
    shown,
    // A grade already given (the defence's, the supervisor's, the reviewer's) or the admission changes only with a reason.
    (e) =>
      given(e.grade, b.grade) ||
      given(e.admission, b.admission) ||
      given(e.supervisor_grade, supervisorGrade) ||
      given(e.reviewer_grade, reviewerGrade),
  );
  return (await current(ctx.db as unknown as Tx, ctx, 'thesis', b)) as Thesis;
}

export async function setModuleExam(
  ctx: Ctx,
  b: Key & { moduleId: number; examDate: string | null; mastered: boolean; grade: GiaGrade },
): Promise<ModuleExam> {
  const { g } = await target(ctx, b);
  const modules = await modulesOfGroup(ctx.db, ctx.principal.organizationId, g.program_id, g.intake_year);
  const m = modules.find((x) => x.id === b.moduleId);
  if (!m) throw fieldError('moduleId', 'Профессиональный модуль не из учебного плана группы.');
  const problem = moduleExamProblem(b.mastered, b.grade);
  if (problem) throw fieldError('mastered', problem);
  await write(
    ctx,
    'module',
    b,
    { curriculum_item_id: m.id, exam_date: b.examDate, mastered: b.mastered ? 1 : 0, grade: b.grade },
    { moduleId: m.id, moduleCode: m.code, examDate: b.examDate, mastered: b.mastered, grade: b.grade },
    (e) => e.grade !== b.grade || e.mastered !== (b.mastered ? 1 : 0),
    m.id,
  );
  return (await current(ctx.db as unknown as Tx, ctx, 'module', b, m.id)) as ModuleExam;
}
