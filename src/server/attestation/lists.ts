import type { AttestationAssignments, Overrides } from '../../contracts/attestation.js';
import type { TermGradeKind } from '../../domain/attestation.js';
import { todayIn } from '../../domain/dates.js';
import { defaultTerm } from '../../domain/terms.js';
import { fullName } from '../../domain/text.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { overrideEvents, rosterCounts, termAssignments, termGradeCounts, termOptions } from './queries.js';
import { parseMissing } from './sheet.js';

// The assignments of a term with how far their term grades are, and the grades set despite the check.

function termLabel(t: { number: number; year_name: string }) {
  return `${t.year_name}, ${t.number}-й семестр`;
}

/** The asked-for term (404 if it is not the caller's), or the default one, with the list to choose from. */
async function resolveTerm(ctx: Ctx, termId: number | undefined) {
  const terms = await termOptions(ctx.db, ctx.principal.organizationId);
  const term = termId
    ? terms.find((t) => t.id === termId)
    : defaultTerm(
        terms.map((t) => ({ ...t, startDate: t.start_date, endDate: t.end_date })),
        todayIn(ctx.principal.timeZone),
      );
  if (termId && !term) throw notFound('Семестр не найден.');
  const termList = terms.map((t) => ({ id: t.id, label: termLabel(t), startDate: t.start_date, endDate: t.end_date }));
  return { term: term ?? null, termList };
}

/** The assignments of a term the caller may see, with how far their term grades are. */
export async function listAssignments(ctx: Ctx, termId: number | undefined): Promise<AttestationAssignments> {
  const p = ctx.principal;
  const { term, termList } = await resolveTerm(ctx, termId);
  if (!term) return { termId: null, terms: termList, items: [] };

  const rows = await termAssignments(ctx.db, ctx.reach, term.id);
  if (!rows.length) return { termId: term.id, terms: termList, items: [] };
  const ids = rows.map((r) => r.id);
  const [counts, set] = await Promise.all([
    rosterCounts(
      ctx.db,
      p.organizationId,
      [...new Set(rows.map((r) => r.group_id))],
      rows.flatMap((r) => (r.subgroup_id ? [r.subgroup_id] : [])),
      term,
    ),
    termGradeCounts(ctx.db, p.organizationId, ids),
  ]);
  const gc = counts.groups;
  const sc = counts.subgroups;
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
