import { z } from 'zod';

// The regional reports from kept figures (issue 15 item 3, decision 041): per college and for the
// region, a term or a year beside the one before it; a college's figures by group and course.
// Aggregates only: no person is ever named, a group below five students is not shown apart.

export const RegionReportQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}\/\d{4}$/, 'Учебный год в виде 2026/2027.')
    .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Учебный год в виде 2026/2027: второй год следует за первым.')
    .optional()
    .meta({ title: 'Учебный год' }),
  term: z.coerce
    .number()
    .int()
    .min(1, 'Номер семестра от 1 до 4.')
    .max(4, 'Номер семестра от 1 до 4.')
    .optional()
    .meta({ title: 'Семестр' }),
});
export type RegionReportQuery = z.infer<typeof RegionReportQuery>;

export const Rates = z.object({
  groups: z.number(),
  students: z.number(),
  attested: z.number(),
  noDebts: z.number(),
  goodAndExcellent: z.number(),
  passRate: z.number().nullable(),
  qualityRate: z.number().nullable(),
  average: z.number().nullable(),
  excused: z.number(),
  unexcused: z.number(),
  absencePerStudent: z.number().nullable(),
  lessons: z.number(),
  lessonsOnTime: z.number(),
  fillRate: z.number().nullable(),
  guardians: z.number(),
  guardiansActive: z.number(),
  guardianRate: z.number().nullable(),
});
export type Rates = z.infer<typeof Rates>;

export const RegionPeriod = z.object({
  yearName: z.string(),
  /** 0: the whole year. */
  termNumber: z.number(),
  title: z.string(),
});
export type RegionPeriod = z.infer<typeof RegionPeriod>;

const Pair = z.object({ now: Rates.nullable(), before: Rates.nullable() });

/** When the figures shown were computed: the oldest and the newest of them. */
const Computed = z.object({ oldest: z.string(), newest: z.string() }).nullable();

export const RegionReport = z.object({
  region: z.string(),
  period: RegionPeriod.nullable(),
  previous: RegionPeriod.nullable(),
  periods: z.array(RegionPeriod),
  colleges: z.array(Pair.extend({ id: z.number(), name: z.string(), shortName: z.string(), computedAt: z.string().nullable() })),
  total: Pair,
  computed: Computed,
});
export type RegionReport = z.infer<typeof RegionReport>;

export const CollegeFigures = z.object({
  college: z.object({ id: z.number(), name: z.string(), shortName: z.string() }),
  period: RegionPeriod.nullable(),
  previous: RegionPeriod.nullable(),
  periods: z.array(RegionPeriod),
  /** Groups of five students or more by themselves, the rest in «Прочие группы». */
  groups: z.array(Pair.extend({ key: z.string(), name: z.string(), course: z.number().nullable() })),
  courses: z.array(Pair.extend({ key: z.string(), name: z.string() })),
  total: Pair,
  computed: Computed,
});
export type CollegeFigures = z.infer<typeof CollegeFigures>;

export const Recomputed = z.object({ collegeId: z.number(), rows: z.number(), computedAt: z.string() });
