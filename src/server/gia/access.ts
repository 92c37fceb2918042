import { todayIn } from '../../domain/dates.js';
import { fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { seesGroup } from '../platform/reach.js';
import { academicYears, groupHeader, isSecretary, type GroupHeader } from './queries.js';
import { scopesOf } from '../platform/access.js';

// Who reads and who writes the ГИА of a group (decision 034): `gia:write` over the college (the
// deputy director by default) or a secretary of the ГЭК appointed to the group writes; the
// curator, the group's teachers, its secretaries and the college's control roles read.

const NOT_FOUND = 'Группа не найдена или недоступна вам.';

/** `gia:write` over the whole college: enters every group's records, appoints secretaries, sets the cut-offs. */
export const managesGia = (ctx: Ctx) => scopesOf(ctx.principal, 'gia:write').includes('org');

/** The group if the caller reads its ГИА; 404 otherwise. */
export async function readableGroup(ctx: Ctx, groupId: number): Promise<GroupHeader & { secretary: boolean }> {
  const orgId = ctx.principal.organizationId;
  const g = await groupHeader(ctx.db, orgId, groupId);
  if (!g) throw notFound(NOT_FOUND);
  const secretary = await isSecretary(ctx.db, orgId, groupId, ctx.principal.personId);
  if (secretary || managesGia(ctx) || (await seesGroup(ctx.db, ctx.reach, groupId))) return { ...g, secretary };
  throw notFound(NOT_FOUND);
}

export const writesGroup = (ctx: Ctx, g: { secretary: boolean }) => g.secretary || managesGia(ctx);

export type Year = { id: number; name: string; status: string; start_date: string; end_date: string };

/** The year asked for, or the one today falls in (else the latest begun); its years beside it. */
export async function yearOf(ctx: Ctx, yearId: number | undefined): Promise<{ year: Year; years: Year[] }> {
  const years = await academicYears(ctx.db, ctx.principal.organizationId);
  if (yearId !== undefined) {
    const year = years.find((y) => y.id === yearId);
    if (!year) throw fieldError('yearId', 'Учебный год не найден.');
    return { year, years };
  }
  const today = todayIn(ctx.principal.timeZone);
  const year =
    years.find((y) => y.start_date <= today && today <= y.end_date) ?? [...years].reverse().find((y) => y.start_date <= today) ?? years[0];
  if (!year) throw notFound('В колледже нет учебных годов.');
  return { year, years };
}

/** The course a group was in during a year (from its intake year), and whether it was its last. */
export function courseIn(g: { intake_year: number; duration_terms: number }, year: { start_date: string }) {
  const course = Number(year.start_date.slice(0, 4)) - g.intake_year + 1;
  return { course, graduating: course === Math.ceil(g.duration_terms / 2) };
}
