import type { Organization } from '../../contracts/structure.js';
import { todayIn } from '../../domain/dates.js';
import type { Ctx } from '../platform/http.js';
import { organizationCounts, yearsWithTerms } from './queries.js';

export async function getOrganization(ctx: Ctx): Promise<Organization> {
  const orgId = ctx.principal.organizationId;
  const org = await ctx.db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const today = todayIn(org.time_zone);
  const years = await yearsWithTerms(ctx.db, orgId);
  const currentYear = years.find((y) => y.startDate <= today && today <= y.endDate) ?? null;
  const terms = currentYear?.terms ?? [];
  // Between terms (winter holidays) the coming term is the current one.
  const currentTerm = terms.find((t) => t.startDate <= today && today <= t.endDate) ?? terms.find((t) => t.startDate > today) ?? terms.at(-1) ?? null;
  const counts = (await organizationCounts(ctx.db, [orgId])).get(orgId)!;
  return { id: org.id, name: org.name, shortName: org.short_name, region: org.region, timeZone: org.time_zone, today, currentYear, currentTerm, counts };
}

export async function regionOverview(ctx: Ctx) {
  const orgs = await ctx.db.selectFrom('organizations').select(['id', 'name', 'short_name', 'time_zone'])
    .where('region', '=', ctx.principal.region).orderBy('name').execute();
  const counts = await organizationCounts(ctx.db, orgs.map((o) => o.id));
  return {
    region: ctx.principal.region,
    organizations: orgs.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, timeZone: o.time_zone, groups: counts.get(o.id)!.groups, students: counts.get(o.id)!.students })),
  };
}
