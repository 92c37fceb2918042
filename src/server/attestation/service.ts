import type { GradeSheet, MissingItem, Overrides, SetTermGradeBody, SetTermGradeResult, SheetStudent, TermGradeCell, AttestationAssignments } from '../../contracts/attestation.js';
import {
  allowedValues,
  checkObjectivity,
  hoursPerWeek,
  kindsFor,
  objectivityRuleFrom,
  requiredGradeCount,
  skipsObjectivity,
  plannedWorks,
  rates,
  suggestTermGrade,
  TERM_GRADE_KIND_TITLES,
  type AttestationValue,
  type RequiredWork,
  type TermGradeKind,
} from '../../domain/attestation.js';
import { ATTESTATION_FORM_TITLES, isPassFailForm } from '../../domain/curriculum.js';
import { formatRu, todayIn } from '../../domain/dates.js';
import { attestationFormFor, lessonPlanForAssignment, termNoOfAssignment } from '../curriculum/plan-lookup.js';
import { averages, parseWorkTypes, type WorkType } from '../../domain/marks.js';
import type { Scope } from '../../domain/permissions.js';
import { scopesFor } from '../../domain/permissions.js';
import { fullName, shortName } from '../../domain/text.js';
import { inRosterOn, groupRoster } from '../people/roster.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, nowIso } from '../platform/db.js';
import { fieldError, forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { directionGroupIds, directionReach } from '../platform/direction.js';
import { assignmentHeader, assignmentMarks, assignmentTermGrades, heldLessons, overrideEvents, termOptions, type AssignmentHeader } from './queries.js';

const NOT_FOUND = 'Нагрузка не найдена или недоступна вам.';

/** The assignment if the caller's scopes reach it; 404 otherwise. */
export async function visibleAssignment(ctx: Ctx, id: number, scopes: readonly Scope[]): Promise<AssignmentHeader> {
  const p = ctx.principal;
  const h = await assignmentHeader(ctx.db, p.organizationId, id);
  if (!h) throw notFound(NOT_FOUND);
  if (scopes.includes('org')) return h;
  if (scopes.includes('group') && p.curatorGroupIds.includes(h.group_id)) return h;
  if (scopes.includes('commission') && h.commission_id !== null && p.commissionIds.includes(h.commission_id)) return h;
  if (scopes.includes('assignment')) {
    if (h.teacher_person_id === p.personId) return h;
    const substitute = await ctx.db.selectFrom('lessons').select('id')
      .where('organization_id', '=', p.organizationId).where('assignment_id', '=', id).where('teacher_person_id', '=', p.personId)
      .executeTakeFirst();
    if (substitute) return h;
  }
  if (directionReach(scopes, p.direction, h.group_id)) return h;
  throw notFound(NOT_FOUND);
}

/** The students of a visible sheet the caller sees: all (null), or a specialist's single students. */
async function sheetRows(ctx: Ctx, h: AssignmentHeader, scopes: readonly Scope[]): Promise<Set<number> | null> {
  const reach = directionReach(scopes, ctx.principal.direction, h.group_id);
  if (!(reach instanceof Set)) return null;
  const others = scopes.filter((s) => s !== 'direction');
  if (!others.length) return reach;
  try {
    await visibleAssignment(ctx, h.id, others);
    return null;
  } catch {
    return reach;
  }
}

/** Only the teacher of the assignment sets its term grades (п. 3.13). */
const canWrite = (ctx: Ctx, h: AssignmentHeader) =>
  scopesFor(ctx.principal.roles, 'attestation:write').includes('assignment') && h.teacher_person_id === ctx.principal.personId;

const parseMissing = (json: string | null): MissingItem[] => {
  if (!json) return [];
  try {
    return JSON.parse(json) as MissingItem[];
  } catch {
    return [];
  }
};

type GradeRow = Awaited<ReturnType<typeof assignmentTermGrades>>[number];
const cellOf = (r: GradeRow): TermGradeCell => ({
  id: r.id,
  value: r.value as AttestationValue,
  version: r.version,
  overrideReason: r.override_reason,
  missing: parseMissing(r.missing),
  setBy: shortName(r),
  setAt: r.set_at,
});

/** Whether the curriculum has no later term of the subject (true when it does not say). */
async function isLastTermOfSubject(ctx: Ctx, h: AssignmentHeader): Promise<boolean> {
  const orgId = ctx.principal.organizationId;
  const [termNo, last] = await Promise.all([
    termNoOfAssignment(ctx.db, orgId, h.id),
    ctx.db.selectFrom('curriculum_item_terms').select((eb) => eb.fn.max('term_no').as('n'))
      .where('organization_id', '=', orgId).where('curriculum_item_id', '=', h.curriculum_item_id).executeTakeFirst(),
  ]);
  return termNo === null || last?.n == null || termNo >= Number(last.n);
}

/** The grade sheet of an assignment: every student with grades, averages, the check and the term grades. */
export async function buildSheet(ctx: Ctx, h: AssignmentHeader, only: Set<number> | null = null): Promise<GradeSheet> {
  const orgId = ctx.principal.organizationId;
  const org = await ctx.db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  const rule = objectivityRuleFrom(org.settings);
  const today = todayIn(ctx.principal.timeZone);
  const upTo = today < h.term_end ? today : h.term_end;
  const [roster, marks, termGrades, form, plan, held, lastTerm] = await Promise.all([
    groupRoster(ctx.db, orgId, h.group_id, { from: h.term_start, to: h.term_end }, h.subgroup_id).then((r) => (only ? r.filter((e) => only.has(e.studentId)) : r)),
    assignmentMarks(ctx.db, orgId, h.id, upTo),
    assignmentTermGrades(ctx.db, orgId, h.id),
    attestationFormFor(ctx.db, orgId, h.id),
    lessonPlanForAssignment(ctx.db, orgId, h.id),
    heldLessons(ctx.db, orgId, h.id, upTo),
    isLastTermOfSubject(ctx, h),
  ]);
  const weekly = hoursPerWeek(h.hours, h.term_start, h.term_end);
  const need = requiredGradeCount(weekly, rule);
  const required = new Set<string>(rule.requiredWorkTypes);

  // Works due: those the КТП places among the lessons held, those the journal recorded as done at a
  // lesson, and those graded for anyone at a lesson.
  const works = new Map<string, RequiredWork>();
  for (const w of plannedWorks(plan?.items ?? [], held, rule.requiredWorkTypes)) works.set(`${w.lessonId}:${w.workType}`, w);
  for (const l of held) {
    for (const t of parseWorkTypes(l.work_types)) if (required.has(t)) works.set(`${l.id}:${t}`, { lessonId: l.id, date: l.date, workType: t as WorkType });
  }
  for (const m of marks) {
    if (m.kind !== 'grade' || !m.work_type || !required.has(m.work_type)) continue;
    works.set(`${m.lesson_id}:${m.work_type}`, { lessonId: m.lesson_id, date: m.date, workType: m.work_type as WorkType });
  }
  const byStudent = new Map<number, typeof marks>();
  for (const m of marks) {
    const list = byStudent.get(m.student_id) ?? [];
    list.push(m);
    byStudent.set(m.student_id, list);
  }
  const gradesOf = new Map<number, Partial<Record<TermGradeKind, TermGradeCell>>>();
  for (const r of termGrades) {
    const g = gradesOf.get(r.student_id) ?? {};
    g[r.kind] = cellOf(r);
    gradesOf.set(r.student_id, g);
  }

  const passFail = isPassFailForm(form);
  const students: SheetStudent[] = roster.map((e) => {
    const own = byStudent.get(e.studentId) ?? [];
    const grades = own.filter((m) => m.kind === 'grade');
    const avg = averages(grades);
    const absentHours = own.filter((m) => m.kind === 'absence' && m.value !== 'оп').reduce((s, m) => s + (m.hours ?? m.lesson_hours), 0);
    const theirWorks = [...works.values()].filter((w) => w.date === null || inRosterOn(e, w.date));
    const missing = checkObjectivity(
      grades.map((m) => ({ lessonId: m.lesson_id, date: m.date, value: m.value, workType: m.work_type, weight: m.weight })),
      need,
      theirWorks,
    );
    const g = gradesOf.get(e.studentId) ?? {};
    return {
      studentId: e.studentId,
      fullName: e.fullName,
      shortName: e.shortName,
      leftOn: e.to !== null && e.to < h.term_end ? e.to : null,
      gradeCount: grades.length,
      average: avg.plain,
      weightedAverage: avg.weighted,
      absentHours,
      suggestion: suggestTermGrade(grades, passFail),
      missing,
      grades: { term: g.term ?? null, exam: g.exam ?? null, final: g.final ?? null },
    };
  });
  const inN = students.filter((s) => s.leftOn === null);
  return {
    assignment: {
      id: h.id,
      groupId: h.group_id,
      groupName: h.group_name,
      subgroupName: h.subgroup_name ?? null,
      subjectCode: h.subject_code,
      subjectName: h.subject_name,
      teacherName: h.teacher_name,
      termId: h.term_id,
      termNumber: h.term_number,
      yearName: h.year_name,
      termStart: h.term_start,
      termEnd: h.term_end,
      hours: h.hours,
      hoursPerWeek: weekly,
      requiredGrades: need,
      form,
      formTitle: form ? ATTESTATION_FORM_TITLES[form] : null,
    },
    kinds: kindsFor(form, lastTerm),
    allowed: { term: [...allowedValues(form)], exam: [...allowedValues(form)], final: [...allowedValues(form)] },
    students,
    summary: {
      set: students.filter((s) => s.grades.term).length,
      total: students.length,
      failingCheck: students.filter((s) => s.missing.length > 0).length,
      overrides: students.filter((s) => s.grades.term?.overrideReason).length,
      term: rates(inN.map((s) => s.grades.term?.value).filter((v): v is AttestationValue => !!v)),
    },
    canWrite: canWrite(ctx, h),
  };
}

export async function getSheet(ctx: Ctx, id: number, scopes: readonly Scope[]): Promise<GradeSheet> {
  const h = await visibleAssignment(ctx, id, scopes);
  return buildSheet(ctx, h, await sheetRows(ctx, h, scopes));
}

const versionConflict = (current: TermGradeCell | null) =>
  new HttpError(409, 'version_conflict', current
    ? `Оценку уже изменили: сейчас «${current.value}» (${current.setBy}). Проверьте и сохраните ещё раз.`
    : 'Оценку уже убрали или ещё не выставляли. Обновите ведомость и повторите.', undefined, { current });

/** Sets a term, exam or final grade; a term grade first passes the objectivity check (п. 4.2). */
export async function setTermGrade(ctx: Ctx, id: number, studentId: number, kind: TermGradeKind, body: SetTermGradeBody, scopes: readonly Scope[]): Promise<SetTermGradeResult> {
  const h = await visibleAssignment(ctx, id, scopes);
  if (!canWrite(ctx, h)) throw forbidden('Выставлять оценки за семестр может только преподаватель этой нагрузки.');
  const sheet = await buildSheet(ctx, h);
  const student = sheet.students.find((s) => s.studentId === studentId);
  if (!student) throw notFound('Обучающийся не числится в этой группе в этом семестре.');
  // A teacher's power over a student lasts while the student is on the roster (decision 013).
  const today = todayIn(ctx.principal.timeZone);
  if (student.leftOn !== null && student.leftOn < (today < h.term_end ? today : h.term_end)) {
    throw forbidden(`${student.shortName} числится в группе до ${formatRu(student.leftOn)}: оценки за семестр после этого выставляет преподаватель группы, в которой обучающийся учится.`);
  }
  if (!sheet.kinds.includes(kind)) throw fieldError('kind', `Оценка «${TERM_GRADE_KIND_TITLES[kind]}» не предусмотрена формой аттестации по этой дисциплине.`);
  if (body.value === null) return removeTermGrade(ctx, h, student, kind, body.version, body.reason?.trim() || null);
  if (!sheet.allowed[kind].includes(body.value)) {
    throw fieldError('value', `Оценка «${body.value}» не подходит к форме аттестации. Допустимо: ${sheet.allowed[kind].join(', ')}.`);
  }
  const reason = body.reason?.trim() || null;
  const value = body.value;
  const missing = kind === 'term' && !skipsObjectivity(value) ? student.missing : [];
  if (missing.length && !reason) {
    throw new HttpError(409, 'objectivity',
      `Для объективной аттестации (п. 4.2) у обучающегося ${student.shortName} не хватает оценок: ${missing.map((m) => m.text.toLowerCase()).join('; ')}. Выставьте недостающие оценки или укажите причину, по которой оценка выставляется без них.`,
      undefined, { missing });
  }
  const p = ctx.principal;
  const now = nowIso();
  const override = missing.length > 0;
  const missingJson = override ? JSON.stringify(missing) : null;
  const kindTitle = TERM_GRADE_KIND_TITLES[kind];

  const result = await ctx.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('term_grades').selectAll()
      .where('organization_id', '=', p.organizationId).where('assignment_id', '=', id).where('student_id', '=', studentId).where('kind', '=', kind)
      .executeTakeFirst();
    const currentCell = async () => {
      const rows = await assignmentTermGrades(tx, p.organizationId, id);
      const r = rows.find((x) => x.student_id === studentId && x.kind === kind);
      return r ? cellOf(r) : null;
    };
    let gradeId: number;
    if (existing) {
      if (body.version !== existing.version) throw versionConflict(await currentCell());
      const upd = await tx.updateTable('term_grades')
        .set({ value, override_reason: override ? reason : null, missing: missingJson, version: existing.version + 1, set_by_user_id: p.userId, set_at: now })
        .where('id', '=', existing.id).where('version', '=', existing.version)
        .executeTakeFirst();
      if (Number(upd.numUpdatedRows) !== 1) throw versionConflict(await currentCell());
      gradeId = existing.id;
    } else {
      if (body.version !== null) throw versionConflict(null);
      try {
        gradeId = (await tx.insertInto('term_grades').values({
          organization_id: p.organizationId, assignment_id: id, student_id: studentId, kind, value,
          override_reason: override ? reason : null, missing: missingJson, version: 1, set_by_user_id: p.userId, set_at: now,
        }).returning('id').executeTakeFirstOrThrow()).id;
      } catch (err) {
        if (isUniqueViolation(err)) throw versionConflict(null);
        throw err;
      }
    }
    await tx.insertInto('term_grade_events').values({
      organization_id: p.organizationId, term_grade_id: gradeId, assignment_id: id, student_id: studentId, kind,
      old_value: existing?.value ?? null, new_value: value, reason, user_id: p.userId, at: now, override: override ? 1 : 0, missing: missingJson,
    }).execute();
    await audit(tx, {
      organizationId: p.organizationId, actorUserId: p.userId, action: existing ? 'term_grade.update' : 'term_grade.create', entity: 'term_grade', entityId: gradeId,
      before: existing ? { value: existing.value } : undefined, after: { kind, value, assignmentId: id, studentId, override, missing: override ? missing : undefined },
      reason, ip: ctx.ip,
    });
    return (await currentCell())!;
  });

  const message = result.version > 1
    ? `${kindTitle} оценка изменена: ${student.shortName} — «${result.value}».`
    : `${kindTitle} оценка выставлена: ${student.shortName} — «${result.value}».`;
  return { grade: result, message: override ? `${message} Выставлена без полного набора оценок, причина записана.` : message };
}

/** Removes a term grade (a mistake): the event keeps what it was, who removed it and why. */
async function removeTermGrade(ctx: Ctx, h: AssignmentHeader, student: SheetStudent, kind: TermGradeKind, version: number | null, reason: string | null): Promise<SetTermGradeResult> {
  const p = ctx.principal;
  const current = student.grades[kind];
  if (!current) throw versionConflict(null);
  if (version !== current.version) throw versionConflict(current);
  await ctx.db.transaction().execute(async (tx) => {
    const del = await tx.deleteFrom('term_grades').where('id', '=', current.id).where('version', '=', current.version).executeTakeFirst();
    if (Number(del.numDeletedRows) !== 1) throw versionConflict(null);
    const now = nowIso();
    await tx.insertInto('term_grade_events').values({
      organization_id: p.organizationId, term_grade_id: current.id, assignment_id: h.id, student_id: student.studentId, kind,
      old_value: current.value, new_value: null, reason, user_id: p.userId, at: now, override: 0, missing: null,
    }).execute();
    await audit(tx, {
      organizationId: p.organizationId, actorUserId: p.userId, action: 'term_grade.delete', entity: 'term_grade', entityId: current.id,
      before: { kind, value: current.value, assignmentId: h.id, studentId: student.studentId }, reason, ip: ctx.ip,
    });
  });
  return { grade: null, message: `${TERM_GRADE_KIND_TITLES[kind]} оценка убрана: ${student.shortName} (была «${current.value}»).` };
}

function termLabel(t: { number: number; year_name: string }) {
  return `${t.year_name}, ${t.number}-й семестр`;
}

/** The term to show by default: the one today falls in, else the latest that has begun. */
function defaultTerm(terms: { id: number; start_date: string; end_date: string }[], today: string) {
  return terms.find((t) => t.start_date <= today && today <= t.end_date) ?? terms.find((t) => t.start_date <= today) ?? terms.at(-1) ?? null;
}

/** The asked-for term (404 if it is not the caller's), or the default one, with the list to choose from. */
async function resolveTerm(ctx: Ctx, termId: number | undefined) {
  const terms = await termOptions(ctx.db, ctx.principal.organizationId);
  const term = termId ? terms.find((t) => t.id === termId) : defaultTerm(terms, todayIn(ctx.principal.timeZone));
  if (termId && !term) throw notFound('Семестр не найден.');
  const termList = terms.map((t) => ({ id: t.id, label: termLabel(t), startDate: t.start_date, endDate: t.end_date }));
  return { term: term ?? null, termList };
}

/** The assignments of a term the caller may see, with how far their term grades are. */
export async function listAssignments(ctx: Ctx, termId: number | undefined, scopes: readonly Scope[]): Promise<AttestationAssignments> {
  const p = ctx.principal;
  const { term, termList } = await resolveTerm(ctx, termId);
  if (!term) return { termId: null, terms: termList, items: [] };

  let q = ctx.db
    .selectFrom('assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'a.teacher_person_id')
    .select(['a.id', 'a.group_id', 'a.subgroup_id', 'g.name as group_name', 'sg.name as subgroup_name', 'ci.code', 'ci.name', 'tp.last_name', 'tp.first_name', 'tp.middle_name'])
    .where('a.organization_id', '=', p.organizationId)
    .where('a.term_id', '=', term.id);
  if (!scopes.includes('org')) {
    q = q.where((eb) => {
      const ors = [];
      if (scopes.includes('assignment')) ors.push(eb('a.teacher_person_id', '=', p.personId));
      if (scopes.includes('group') && p.curatorGroupIds.length) ors.push(eb('a.group_id', 'in', p.curatorGroupIds));
      if (scopes.includes('commission') && p.commissionIds.length) ors.push(eb('ci.commission_id', 'in', p.commissionIds));
      const direction = scopes.includes('direction') ? directionGroupIds(p.direction) : [];
      if (direction.length) ors.push(eb('a.group_id', 'in', direction));
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  }
  const rows = await q.orderBy('g.sort_key').orderBy('ci.code').orderBy('sg.name').execute();
  if (!rows.length) return { termId: term.id, terms: termList, items: [] };
  const ids = rows.map((r) => r.id);
  const [groupCounts, subgroupCounts, set] = await Promise.all([
    ctx.db.selectFrom('group_memberships').select(['group_id', (eb) => eb.fn.count<number>('student_id').distinct().as('n')])
      .where('organization_id', '=', p.organizationId).where('group_id', 'in', [...new Set(rows.map((r) => r.group_id))])
      .where('start_date', '<=', term.end_date).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', term.start_date)]))
      .groupBy('group_id').execute(),
    ctx.db.selectFrom('subgroup_memberships').select(['subgroup_id', (eb) => eb.fn.count<number>('student_id').distinct().as('n')])
      .where('organization_id', '=', p.organizationId).where('subgroup_id', 'in', [0, ...rows.map((r) => r.subgroup_id ?? 0)])
      .where('start_date', '<=', term.end_date).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', term.start_date)]))
      .groupBy('subgroup_id').execute(),
    ctx.db.selectFrom('term_grades').select(['assignment_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('override_reason').as('o')])
      .where('organization_id', '=', p.organizationId).where('kind', '=', 'term').where('assignment_id', 'in', ids)
      .groupBy('assignment_id').execute(),
  ]);
  const gc = new Map(groupCounts.map((r) => [r.group_id, Number(r.n)]));
  const sc = new Map(subgroupCounts.map((r) => [r.subgroup_id, Number(r.n)]));
  const sn = new Map(set.map((r) => [r.assignment_id, { n: Number(r.n), o: Number(r.o) }]));
  return {
    termId: term.id,
    terms: termList,
    items: rows.map((r) => ({
      id: r.id,
      groupName: r.group_name,
      subgroupName: r.subgroup_name ?? null,
      subjectCode: r.code,
      subjectName: r.name,
      teacherName: fullName(r),
      students: r.subgroup_id ? (sc.get(r.subgroup_id) ?? 0) : (gc.get(r.group_id) ?? 0),
      set: sn.get(r.id)?.n ?? 0,
      overrides: sn.get(r.id)?.o ?? 0,
    })),
  };
}

/** Every term grade set despite the objectivity check, newest first: who, why, what was missing. */
export async function listOverrides(ctx: Ctx, termId: number | undefined): Promise<Overrides> {
  const p = ctx.principal;
  const { term, termList } = await resolveTerm(ctx, termId);
  if (!term) return { termId: null, terms: termList, items: [] };
  const rows = await overrideEvents(ctx.db, p.organizationId, term.id);
  return {
    termId: term.id,
    terms: termList,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      assignmentId: r.assignment_id,
      groupName: r.group_name,
      subjectName: `${r.code} ${r.subject_name}`,
      studentName: fullName({ last_name: r.s_last, first_name: r.s_first, middle_name: r.s_middle }),
      kind: r.kind as TermGradeKind,
      value: r.new_value ?? '',
      reason: r.reason ?? '',
      missing: parseMissing(r.missing),
      setBy: fullName({ last_name: r.u_last, first_name: r.u_first, middle_name: r.u_middle }),
      current: r.set_at === r.at && r.current_value === r.new_value,
    })),
  };
}
