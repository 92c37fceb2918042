import { z } from 'zod';

export const Term = z.object({ id: z.number(), academicYearId: z.number(), number: z.number(), startDate: z.string(), endDate: z.string() });
export const AcademicYear = z.object({
  id: z.number(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.string(),
  terms: z.array(Term),
});
export const Organization = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string(),
  region: z.string(),
  timeZone: z.string(),
  today: z.string(),
  currentYear: AcademicYear.nullable(),
  currentTerm: Term.nullable(),
  counts: z.object({ groups: z.number(), students: z.number(), staff: z.number() }),
});
export type Organization = z.infer<typeof Organization>;

export const RegionOrganization = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string(),
  timeZone: z.string(),
  groups: z.number(),
  students: z.number(),
});
export const RegionOverview = z.object({ region: z.string(), organizations: z.array(RegionOrganization) });
