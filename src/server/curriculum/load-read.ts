import type { Load, LoadOptions, Uncovered } from '../../contracts/curriculum.js';
import { classroomHours, programTermNo } from '../../domain/curriculum.js';
import { compareRu, fullName } from '../../domain/text.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { itemTerms, resolveTerm, termsOf, type TermInfo } from './queries.js';
import {
  activeGroups,
  curriculaKeys,
  curriculumOfGroup,
  groupRow,
  groupsById,
  groupTermLoad,
  loadItems,
  loadRows,
  subgroupsOf,
  teachers as collegeTeachers,
  termLoadOfGroups,
} from './queries/load.js';
import { scopesOf } from '../platform/access.js';

// Teaching load (нагрузка): who teaches what to whom in a term, totals, and hours nobody teaches.

export const termRef = (t: TermInfo) => ({
  id: t.id,
  number: t.number,
  yearName: t.yearName,
  label: t.label,
  startDate: t.startDate,
  endDate: t.endDate,
});

export async function getLoad(ctx: Ctx, query: { termId?: number; teacherPersonId?: number; groupId?: number }): Promise<Load> {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, query.termId);
  const rows = await loadRows(ctx.db, ctx.reach, term.id, query);
  rows.sort(
    (x, y) =>
      compareRu(x.groupName, y.groupName) || x.code.localeCompare(y.code) || (x.subgroupName ?? '').localeCompare(y.subgroupName ?? ''),
  );
  const teachers = new Map<number, { personId: number; name: string; hours: number; assignments: number; groups: Set<number> }>();
  for (const r of rows) {
    const t = teachers.get(r.teacher_person_id) ?? {
      personId: r.teacher_person_id,
      name: fullName(r),
      hours: 0,
      assignments: 0,
      groups: new Set<number>(),
    };
    t.hours += r.hours;
    t.assignments++;
    t.groups.add(r.group_id);
    teachers.set(r.teacher_person_id, t);
  }
  // Curriculum hours of each group in this term, to compare with its load.
  const groupIds = [...new Set(rows.map((r) => r.group_id))];
  const required = await requiredHours(ctx, term, groupIds);
  const groups = new Map<number, { groupId: number; name: string; hours: number; curriculumHours: number }>();
  for (const r of rows) {
    const g = groups.get(r.group_id) ?? {
      groupId: r.group_id,
      name: r.groupName,
      hours: 0,
      curriculumHours: required.get(r.group_id)?.total ?? 0,
    };
    // Subgroups are taught separately; the group's own timetable counts one of them.
    if (
      r.subgroup_id === null ||
      rows.find((x) => x.group_id === r.group_id && x.curriculum_item_id === r.curriculum_item_id && x.subgroup_id !== null)?.id === r.id
    )
      g.hours += r.hours;
    groups.set(r.group_id, g);
  }
  return {
    term: termRef(term),
    rows: rows.map((r) => ({
      id: r.id,
      termId: r.term_id,
      groupId: r.group_id,
      groupName: r.groupName,
      subgroupId: r.subgroup_id,
      subgroupName: r.subgroupName,
      itemId: r.curriculum_item_id,
      code: r.code,
      subjectName: r.name,
      teacherPersonId: r.teacher_person_id,
      teacherName: fullName(r),
      hours: r.hours,
      lessons: Number(r.lessons ?? 0),
    })),
    byTeacher: [...teachers.values()]
      .map((t) => ({ personId: t.personId, name: t.name, hours: t.hours, assignments: t.assignments, groups: t.groups.size }))
      .sort((a, b) => compareRu(a.name, b.name)),
    byGroup: [...groups.values()].sort((a, b) => compareRu(a.name, b.name)),
    canEdit: scopesOf(ctx.principal, 'load:write').includes('org'),
  };
}

/** Each group's curriculum items of a term with their classroom hours. */
export async function requiredHours(ctx: Ctx, term: TermInfo, groupIds: number[], commissionIds?: number[]) {
  const orgId = ctx.principal.organizationId;
  const out = new Map<
    number,
    { total: number; items: { itemId: number; code: string; name: string; termNo: number; hours: number; position: number }[] }
  >();
  if (!groupIds.length) return out;
  const groups = await groupsById(ctx.db, orgId, groupIds);
  const curricula = await curriculaKeys(ctx.db, orgId);
  const curIds = [
    ...new Set(
      groups
        .map((g) => curricula.find((c) => c.program_id === g.program_id && c.intake_year === g.intake_year)?.id)
        .filter((x): x is number => !!x),
    ),
  ];
  if (!curIds.length) return out;
  const items = await loadItems(ctx.db, orgId, curIds, commissionIds);
  const terms = await itemTerms(
    ctx.db,
    orgId,
    items.map((i) => i.id),
  );
  for (const g of groups) {
    const cur = curricula.find((c) => c.program_id === g.program_id && c.intake_year === g.intake_year);
    const termNo = programTermNo(g.intake_year, term.yearStart, term.number);
    const list = items
      .filter((i) => i.curriculum_id === cur?.id)
      .flatMap((i) => {
        const t = (terms.get(i.id) ?? []).find((x) => x.termNo === termNo);
        const hours = t ? classroomHours(t.hours) : 0;
        return hours > 0 ? [{ itemId: i.id, code: i.code, name: i.name, termNo, hours, position: i.position }] : [];
      });
    out.set(g.id, { total: list.reduce((s, x) => s + x.hours, 0), items: list });
  }
  return out;
}

export async function getUncovered(ctx: Ctx, termId?: number): Promise<Uncovered> {
  const orgId = ctx.principal.organizationId;
  const r = ctx.reach;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, termId);
  // The curator: their groups; the chair: every group, the commission's subjects; the teacher: none.
  let only: readonly number[] | undefined;
  if (!r.all) {
    if (r.scopes.includes('group')) only = r.curatorGroupIds;
    else if (!r.scopes.includes('commission')) return { term: termRef(term), rows: [], missingHours: 0 };
  }
  const groups = await activeGroups(ctx.db, orgId, only && [...only]);
  const commissionFilter = !r.all && !r.scopes.includes('group') ? [...r.commissionIds] : undefined;
  const required = await requiredHours(
    ctx,
    term,
    groups.map((g) => g.id),
    commissionFilter,
  );
  const assigned = await termLoadOfGroups(
    ctx.db,
    orgId,
    term.id,
    groups.map((g) => g.id),
  );
  const subgroups = groups.length
    ? await subgroupsOf(
        ctx.db,
        orgId,
        groups.map((g) => g.id),
      )
    : [];
  const rows: Uncovered['rows'] = [];
  for (const g of groups) {
    for (const it of required.get(g.id)?.items ?? []) {
      const mine = assigned.filter((a) => a.group_id === g.id && a.curriculum_item_id === it.itemId);
      const whole = mine.filter((a) => a.subgroup_id === null).reduce((s, a) => s + a.hours, 0);
      const split = mine.some((a) => a.subgroup_id !== null);
      const sgIds = subgroups.filter((s) => s.group_id === g.id).map((s) => s.id);
      // A subject taught by subgroups is covered when every subgroup has its hours.
      const bySubgroup = split
        ? Math.min(...sgIds.map((id) => mine.filter((a) => a.subgroup_id === id).reduce((s, a) => s + a.hours, 0)))
        : 0;
      const got = whole + bySubgroup;
      if (got < it.hours) {
        rows.push({
          groupId: g.id,
          groupName: g.name,
          subgroupId: null,
          subgroupName: null,
          itemId: it.itemId,
          code: it.code,
          subjectName: it.name,
          termNo: it.termNo,
          curriculumHours: it.hours,
          assignedHours: got,
          missingHours: it.hours - got,
        });
      }
    }
  }
  return { term: termRef(term), rows, missingHours: rows.reduce((s, r) => s + r.missingHours, 0) };
}

export async function loadOptions(ctx: Ctx): Promise<LoadOptions> {
  const orgId = ctx.principal.organizationId;
  const [terms, groups, subgroups, teachers] = await Promise.all([
    termsOf(ctx.db, orgId),
    activeGroups(ctx.db, orgId),
    subgroupsOf(ctx.db, orgId),
    collegeTeachers(ctx.db, orgId),
  ]);
  const current = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone).catch(() => null);
  return {
    terms: terms.map(termRef),
    currentTermId: current?.id ?? null,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      course: g.course,
      subgroups: subgroups.filter((s) => s.group_id === g.id).map((s) => ({ id: s.id, name: s.name })),
    })),
    teachers: teachers.map((t) => ({ personId: t.id, name: fullName(t) })),
  };
}

export async function groupItems(ctx: Ctx, groupId: number, termId: number) {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, termId);
  const g = await groupRow(ctx.db, orgId, groupId);
  if (!g) throw notFound('Группа не найдена.');
  const cur = await curriculumOfGroup(ctx.db, orgId, g);
  const req = (await requiredHours(ctx, term, [groupId])).get(groupId);
  const assigned = await groupTermLoad(ctx.db, orgId, groupId, term.id);
  return {
    termNo: programTermNo(g.intake_year, term.yearStart, term.number),
    curriculumId: cur?.id ?? null,
    items: (req?.items ?? [])
      .sort((a, b) => a.position - b.position)
      .map((i) => ({
        itemId: i.itemId,
        code: i.code,
        name: i.name,
        hours: i.hours,
        assignedHours: assigned.filter((a) => a.curriculum_item_id === i.itemId).reduce((s, a) => s + a.hours, 0),
      })),
  };
}
