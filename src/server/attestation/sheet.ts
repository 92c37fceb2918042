import type { GradeSheet, MissingItem, SheetStudent, TermGradeCell } from '../../contracts/attestation.js';
import {
  allowedValues,
  checkObjectivity,
  hoursPerWeek,
  kindsFor,
  objectivityRuleFrom,
  plannedWorks,
  rates,
  requiredGradeCount,
  suggestTermGrade,
  type AttestationValue,
  type RequiredWork,
  type TermGradeKind,
} from '../../domain/attestation.js';
import { ATTESTATION_FORM_TITLES, isPassFailForm } from '../../domain/curriculum.js';
import { todayIn } from '../../domain/dates.js';
import { averages, parseWorkTypes, type WorkType } from '../../domain/marks.js';
import { shortName } from '../../domain/text.js';
import { attestationFormFor, lessonPlanForAssignment, termNoOfAssignment } from '../curriculum/plan-lookup.js';
import { inRosterOn, groupRoster } from '../people/roster.js';
import type { Ctx } from '../platform/http.js';
import { canWrite, sheetRows, visibleAssignment } from './access.js';
import { assignmentMarks, assignmentTermGrades, heldLessons, lastTermNoOfItem, organizationOf, type AssignmentHeader } from './queries.js';

// The grade sheet (ведомость) of an assignment: grades, averages, the objectivity check (п. 4.2), term grades.

export const parseMissing = (json: string | null): MissingItem[] => {
  if (!json) return [];
  try {
    return JSON.parse(json) as MissingItem[];
  } catch {
    return [];
  }
};

type GradeRow = Awaited<ReturnType<typeof assignmentTermGrades>>[number];
export const cellOf = (r: GradeRow): TermGradeCell => ({
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
    lastTermNoOfItem(ctx.db, orgId, h.curriculum_item_id),
  ]);
  return termNo === null || last === null || termNo >= last;
}

/** The grade sheet of an assignment: every student with grades, averages, the check and the term grades. */
export async function buildSheet(ctx: Ctx, h: AssignmentHeader, only: Set<number> | null = null): Promise<GradeSheet> {
  const orgId = ctx.principal.organizationId;
  const org = await organizationOf(ctx.db, orgId);
  const rule = objectivityRuleFrom(org.settings);
  const today = todayIn(ctx.principal.timeZone);
  const upTo = today < h.term_end ? today : h.term_end;
  const [roster, marks, termGrades, form, plan, held, lastTerm] = await Promise.all([
    groupRoster(ctx.db, orgId, h.group_id, { from: h.term_start, to: h.term_end }, h.subgroup_id).then((r) =>
      only ? r.filter((e) => only.has(e.studentId)) : r,
    ),
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
    for (const t of parseWorkTypes(l.work_types))
      if (required.has(t)) works.set(`${l.id}:${t}`, { lessonId: l.id, date: l.date, workType: t as WorkType });
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

export async function getSheet(ctx: Ctx, id: number): Promise<GradeSheet> {
  const h = await visibleAssignment(ctx, id);
  return buildSheet(ctx, h, await sheetRows(ctx, h));
}
