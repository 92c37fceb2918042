import type { SetTermGradeBody, SetTermGradeResult, SheetStudent, TermGradeCell } from '../../contracts/attestation.js';
import { skipsObjectivity, TERM_GRADE_KIND_TITLES, type TermGradeKind } from '../../domain/attestation.js';
import { formatRu, todayIn } from '../../domain/dates.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, nowIso } from '../platform/db.js';
import { fieldError, forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { canWrite, visibleAssignment } from './access.js';
import {
  deleteTermGrade,
  insertTermGrade,
  insertTermGradeEvent,
  assignmentTermGrades,
  termGradeRow,
  updateTermGrade,
  type AssignmentHeader,
} from './queries.js';
import { buildSheet, cellOf } from './sheet.js';
import { tellTermGrade } from '../notify/guardian-term-grades.js';

// Term, exam and final grades: set (after the objectivity check, п. 4.2), changed, removed.

const versionConflict = (current: TermGradeCell | null) =>
  new HttpError(
    409,
    'version_conflict',
    current
      ? `Оценку уже изменили: сейчас «${current.value}» (${current.setBy}). Проверьте и сохраните ещё раз.`
      : 'Оценку уже убрали или ещё не выставляли. Обновите ведомость и повторите.',
    undefined,
    { current },
  );

/** Sets a term, exam or final grade; a term grade first passes the objectivity check (п. 4.2). */
export async function setTermGrade(
  ctx: Ctx,
  id: number,
  studentId: number,
  kind: TermGradeKind,
  body: SetTermGradeBody,
): Promise<SetTermGradeResult> {
  const h = await visibleAssignment(ctx, id);
  if (!canWrite(ctx, h)) throw forbidden('Выставлять оценки за семестр может только преподаватель этой нагрузки.');
  const sheet = await buildSheet(ctx, h);
  const student = sheet.students.find((s) => s.studentId === studentId);
  if (!student) throw notFound('Обучающийся не числится в этой группе в этом семестре.');
  // A teacher's power over a student lasts while the student is on the roster (decision 013).
  const today = todayIn(ctx.principal.timeZone);
  if (student.leftOn !== null && student.leftOn < (today < h.term_end ? today : h.term_end)) {
    throw forbidden(
      `${student.shortName} числится в группе до ${formatRu(student.leftOn)}: оценки за семестр после этого выставляет преподаватель группы, в которой обучающийся учится.`,
    );
  }
  if (!sheet.kinds.includes(kind))
    throw fieldError('kind', `Оценка «${TERM_GRADE_KIND_TITLES[kind]}» не предусмотрена формой аттестации по этой дисциплине.`);
  if (body.value === null) return removeTermGrade(ctx, h, student, kind, body.version, body.reason?.trim() || null);
  if (!sheet.allowed[kind].includes(body.value)) {
    throw fieldError('value', `Оценка «${body.value}» не подходит к форме аттестации. Допустимо: ${sheet.allowed[kind].join(', ')}.`);
  }
  const reason = body.reason?.trim() || null;
  const value = body.value;
  const missing = kind === 'term' && !skipsObjectivity(value) ? student.missing : [];
  if (missing.length && !reason) {
    throw new HttpError(
      409,
      'objectivity',
      `Для объективной аттестации (п. 4.2) у обучающегося ${student.shortName} не хватает оценок: ${missing.map((m) => m.text.toLowerCase()).join('; ')}. Выставьте недостающие оценки или укажите причину, по которой оценка выставляется без них.`,
      undefined,
      { missing },
    );
  }
  const p = ctx.principal;
  const now = nowIso();
  const override = missing.length > 0;
  const missingJson = override ? JSON.stringify(missing) : null;
  const kindTitle = TERM_GRADE_KIND_TITLES[kind];

  const result = await ctx.db.transaction().execute(async (tx) => {
    const existing = await termGradeRow(tx, p.organizationId, id, studentId, kind);
    const currentCell = async () => {
      const rows = await assignmentTermGrades(tx, p.organizationId, id);
      const r = rows.find((x) => x.student_id === studentId && x.kind === kind);
      return r ? cellOf(r) : null;
    };
    let gradeId: number;
    if (existing) {
      if (body.version !== existing.version) throw versionConflict(await currentCell());
      const values = { value, override_reason: override ? reason : null, missing: missingJson, set_by_user_id: p.userId, set_at: now };
      if (!(await updateTermGrade(tx, p.organizationId, existing, values))) throw versionConflict(await currentCell());
      gradeId = existing.id;
    } else {
      if (body.version !== null) throw versionConflict(null);
      try {
        gradeId = await insertTermGrade(tx, p.organizationId, {
          assignmentId: id,
          studentId,
          kind,
          value,
          override_reason: override ? reason : null,
          missing: missingJson,
          set_by_user_id: p.userId,
          set_at: now,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw versionConflict(null);
        throw err;
      }
    }
    await insertTermGradeEvent(tx, p.organizationId, {
      termGradeId: gradeId,
      assignmentId: id,
      studentId,
      kind,
      oldValue: existing?.value ?? null,
      newValue: value,
      reason,
      userId: p.userId,
      at: now,
      override,
      missing: missingJson,
    });
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: existing ? 'term_grade.update' : 'term_grade.create',
      entity: 'term_grade',
      entityId: gradeId,
      before: existing ? { value: existing.value } : undefined,
      after: { kind, value, assignmentId: id, studentId, override, missing: override ? missing : undefined },
      reason,
      ip: ctx.ip,
    });
    await tellTermGrade(tx, p.organizationId, { gradeId, assignmentId: id, studentId, kindTitle, value });
    return (await currentCell())!;
  });

  const message =
    result.version > 1
      ? `${kindTitle} оценка изменена: ${student.shortName} — «${result.value}».`
      : `${kindTitle} оценка выставлена: ${student.shortName} — «${result.value}».`;
  return { grade: result, message: override ? `${message} Выставлена без полного набора оценок, причина записана.` : message };
}

/** Removes a term grade (a mistake): the event keeps what it was, who removed it and why. */
async function removeTermGrade(
  ctx: Ctx,
  h: AssignmentHeader,
  student: SheetStudent,
  kind: TermGradeKind,
  version: number | null,
  reason: string | null,
): Promise<SetTermGradeResult> {
  const p = ctx.principal;
  const current = student.grades[kind];
  if (!current) throw versionConflict(null);
  if (version !== current.version) throw versionConflict(current);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteTermGrade(tx, p.organizationId, current))) throw versionConflict(null);
    await insertTermGradeEvent(tx, p.organizationId, {
      termGradeId: current.id,
      assignmentId: h.id,
      studentId: student.studentId,
      kind,
      oldValue: current.value,
      newValue: null,
      reason,
      userId: p.userId,
      at: nowIso(),
      override: false,
      missing: null,
    });
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'term_grade.delete',
      entity: 'term_grade',
      entityId: current.id,
      before: { kind, value: current.value, assignmentId: h.id, studentId: student.studentId },
      reason,
      ip: ctx.ip,
    });
  });
  return { grade: null, message: `${TERM_GRADE_KIND_TITLES[kind]} оценка убрана: ${student.shortName} (была «${current.value}»).` };
}
