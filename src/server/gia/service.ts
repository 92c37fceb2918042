import type { GiaGroupPage, StudentGia } from '../../contracts/gia.js';
import { formatRu } from '../../domain/dates.js';
import { giaCutoffsOf } from '../../contracts/college-settings.js';
import { DEMO_EXAM_LEVEL_TITLES, DEMO_EXAM_MAX_POINTS, masteredTitle, THESIS_ADMISSION_TITLES, type GiaCutoffs } from '../../domain/gia.js';
import { numberRu } from '../../domain/russian.js';
import { fullName, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { namesStudent, seesGroup } from '../platform/reach.js';
import { courseIn, managesGia, readableGroup, writesGroup, yearOf } from './access.js';
import {
  addSecretary,
  demoExamRows,
  giaEvents,
  groupsOfStudent,
  groupsOfYear,
  isSecretary,
  moduleExamRows,
  modulesOfGroup,
  organizationDetails,
  recordCounts,
  removeSecretary,
  secretariesOf,
  staffPerson,
  staffPersons,
  studentName,
  studentsOfGroup,
  thesisRows,
} from './queries.js';
import { demoExamOf, giaRecordsOfStudent, moduleExamOf, thesisOf } from './records.js';

// Reading the ГИА of a group, its history and settings; appointing secretaries (decision 034).

function parseSettings(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The demo exam's cut-offs in force: the college settings registry's (decision 050). */
export async function cutoffsOf(ctx: Ctx): Promise<GiaCutoffs> {
  return giaCutoffsOf(parseSettings((await organizationDetails(ctx.db, ctx.principal.organizationId)).settings));
}

const yearOut = (y: { id: number; name: string; status: string }) => ({ id: y.id, name: y.name, status: y.status });

export async function listGroups(ctx: Ctx, yearId: number | undefined) {
  const orgId = ctx.principal.organizationId;
  const { year, years } = await yearOf(ctx, yearId);
  const reach = managesGia(ctx) ? { ...ctx.reach, all: true } : ctx.reach;
  const groups = await groupsOfYear(ctx.db, reach, Number(year.start_date.slice(0, 4)), ctx.principal.personId);
  const counts = await recordCounts(
    ctx.db,
    orgId,
    year.id,
    groups.map((g) => g.id),
  );
  const n = (id: number, kind: string) => Number(counts.find((c) => c.group_id === id && c.kind === kind)?.n ?? 0);
  return {
    yearId: year.id,
    years: years.map(yearOut),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      ...courseIn(g, year),
      demoExams: n(g.id, 'demo'),
      theses: n(g.id, 'thesis'),
      moduleExams: n(g.id, 'module'),
    })),
  };
}

export async function groupPage(ctx: Ctx, groupId: number, yearId: number | undefined): Promise<GiaGroupPage> {
  const orgId = ctx.principal.organizationId;
  const g = await readableGroup(ctx, groupId);
  const { year, years } = await yearOf(ctx, yearId);
  const where = { groupId, yearId: year.id };
  const [students, modules, demo, theses, moduleExams, secretaries, cutoffs] = await Promise.all([
    studentsOfGroup(ctx.db, orgId, groupId, year.id, year.start_date, year.end_date),
    modulesOfGroup(ctx.db, orgId, g.program_id, g.intake_year),
    demoExamRows(ctx.db, orgId, where),
    thesisRows(ctx.db, orgId, where),
    moduleExamRows(ctx.db, orgId, where),
    secretariesOf(ctx.db, orgId, groupId),
    cutoffsOf(ctx),
  ]);
  return {
    group: { id: g.id, name: g.name, course: courseIn(g, year).course, programCode: g.program_code, programName: g.program_name },
    year: yearOut(year),
    years: years.map(yearOut),
    cutoffs: [...cutoffs],
    maxPoints: DEMO_EXAM_MAX_POINTS,
    modules: modules.map((m) => ({ id: m.id, code: m.code, name: m.name })),
    students: students.map((s) => {
      const d = demo.find((r) => r.student_id === s.id);
      const t = theses.find((r) => r.student_id === s.id);
      return {
        studentId: s.id,
        fullName: fullName(s),
        demoExam: d ? demoExamOf(d) : null,
        thesis: t ? thesisOf(t) : null,
        moduleExams: moduleExams.filter((r) => r.student_id === s.id).map(moduleExamOf),
      };
    }),
    secretaries: secretaries.map((s) => ({ personId: s.person_id, name: fullName(s) })),
    canWrite: writesGroup(ctx, g) && year.status !== 'archived',
    canManage: managesGia(ctx),
  };
}

/** A record as one line of the history: «71,5 б., «5», 20.06.2026, профильный». */
export function describe(kind: 'demo' | 'thesis' | 'module', json: string | null): string | null {
  if (json === null) return null;
  const v = parseSettings(json);
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
  if (kind === 'demo')
    return [
      `${numberRu(Number(v.points))} б. из ${numberRu(Number(v.maxPoints))}`,
      `оценка «${s('grade')}»`,
      s('examDate') ? formatRu(s('examDate')!) : null,
      s('competence'),
      s('level') ? DEMO_EXAM_LEVEL_TITLES[s('level') as 'base'] : null,
    ]
      .filter(Boolean)
      .join(', ');
  if (kind === 'thesis')
    return [
      `тема «${s('topic')}»`,
      s('supervisor') ? `руководитель ${s('supervisor')}` : null,
      s('reviewer') ? `рецензент ${s('reviewer')}` : null,
      s('supervisorGrade') ? `отзыв руководителя «${s('supervisorGrade')}»` : null,
      s('reviewerGrade') ? `рецензия «${s('reviewerGrade')}»` : null,
      s('admission') ? THESIS_ADMISSION_TITLES[s('admission') as 'admitted'] : 'допуск не решён',
      s('defenseDate') ? `защита ${formatRu(s('defenseDate')!)}` : null,
      s('grade') ? `оценка «${s('grade')}»` : null,
    ]
      .filter(Boolean)
      .join(', ');
  return [`ВПД ${masteredTitle(v.mastered === true)}`, `оценка «${s('grade')}»`, s('examDate') ? formatRu(s('examDate')!) : null]
    .filter(Boolean)
    .join(', ');
}

export async function groupHistory(ctx: Ctx, groupId: number, yearId: number | undefined) {
  await readableGroup(ctx, groupId);
  const { year } = await yearOf(ctx, yearId);
  const rows = await giaEvents(ctx.db, ctx.principal.organizationId, groupId, year.id);
  return {
    items: rows.map((e) => {
      const after = parseSettings(e.after);
      return {
        kind: e.record_kind,
        studentId: e.student_id,
        studentName: shortName(e),
        what:
          e.record_kind === 'demo'
            ? 'Демонстрационный экзамен'
            : e.record_kind === 'thesis'
              ? 'ВКР'
              : `Экзамен по модулю ${typeof after.moduleCode === 'string' ? after.moduleCode : ''}`.trim(),
        before: describe(e.record_kind, e.before),
        after: describe(e.record_kind, e.after)!,
        reason: e.reason,
        by: shortName({ last_name: e.by_last, first_name: e.by_first, middle_name: e.by_middle }),
        at: e.at,
      };
    }),
  };
}

export async function listStaff(ctx: Ctx) {
  if (!managesGia(ctx)) throw forbidden('Секретарей ГЭК назначает заместитель директора.');
  const rows = await staffPersons(ctx.db, ctx.principal.organizationId);
  return { items: rows.map((p) => ({ personId: p.id, name: fullName(p) })) };
}

export async function setSecretary(ctx: Ctx, groupId: number, personId: number, appoint: boolean) {
  const orgId = ctx.principal.organizationId;
  await readableGroup(ctx, groupId);
  if (!managesGia(ctx)) throw forbidden('Секретарей ГЭК назначает заместитель директора.');
  if (appoint && !(await staffPerson(ctx.db, orgId, personId))) throw fieldError('personId', 'Выберите сотрудника колледжа.');
  if (!appoint && !(await isSecretary(ctx.db, orgId, groupId, personId))) throw notFound('Этот сотрудник не секретарь ГЭК группы.');
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const changed = appoint
      ? await addSecretary(tx, {
          organization_id: orgId,
          group_id: groupId,
          person_id: personId,
          appointed_by_user_id: ctx.principal.userId,
          appointed_at: at,
        })
      : await removeSecretary(tx, orgId, groupId, personId);
    if (changed)
      await audit(tx, {
        organizationId: orgId,
        actorUserId: ctx.principal.userId,
        action: appoint ? 'gia.secretary_appointed' : 'gia.secretary_removed',
        entity: 'group',
        entityId: groupId,
        after: { personId },
        ip: ctx.ip,
      });
  });
  return { ok: true as const };
}

/** A student's ГИА: the student, their guardians, and staff who read one of the student's groups. */
export async function studentGia(ctx: Ctx, studentId: number): Promise<StudentGia> {
  const orgId = ctx.principal.organizationId;
  const s = await studentName(ctx.db, orgId, studentId);
  const hidden = notFound('Обучающийся не найден или недоступен вам.');
  if (!s) throw hidden;
  let reads = namesStudent(ctx.reach, studentId) || managesGia(ctx);
  if (!reads)
    for (const { group_id } of await groupsOfStudent(ctx.db, orgId, studentId))
      if ((await seesGroup(ctx.db, ctx.reach, group_id)) || (await isSecretary(ctx.db, orgId, group_id, ctx.principal.personId))) {
        reads = true;
        break;
      }
  if (!reads) throw hidden;
  return { studentId, fullName: fullName(s), records: await giaRecordsOfStudent(ctx.db, orgId, studentId) };
}
