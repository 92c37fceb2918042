import { z } from 'zod';
import { IsoDate, patchBody } from './common.js';

export const Term = z.object({
  id: z.number(),
  academicYearId: z.number(),
  number: z.number(),
  startDate: z.string(),
  endDate: z.string(),
});
export const AcademicYear = z.object({
  id: z.number(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** 'open', or 'archived' once the administrator closed the year (decision 028) */
  status: z.enum(['open', 'archived']),
  /** When the year was closed (ISO UTC), null while open */
  closedAt: z.string().nullable(),
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

const Name = (label: string, max = 200) => z.string().trim().min(1, `Укажите ${label}`).max(max);

export const TermInput = z.object({ number: z.number().int().min(1).max(4), startDate: IsoDate, endDate: IsoDate });
export const AcademicYearInput = z.object({
  name: z
    .string()
    .trim()
    .regex(/^\d{4}\/\d{4}$/, 'Введите название учебного года, например 2026/2027'),
  startDate: IsoDate,
  endDate: IsoDate,
  terms: z.array(TermInput).min(1, 'Добавьте хотя бы один семестр').max(4),
});
export type AcademicYearInput = z.infer<typeof AcademicYearInput>;
export const AcademicYearPatch = patchBody({
  terms: z.array(TermInput).max(4).optional(),
});
export const AcademicYears = z.array(AcademicYear);

export const Department = z.object({
  id: z.number(),
  name: z.string(),
  headPersonId: z.number().nullable(),
  headName: z.string().nullable(),
  programs: z.number(),
});
export const DepartmentInput = z.object({
  name: Name('название отделения'),
  headPersonId: z.number().int().positive().nullable().default(null),
});
export type Department = z.infer<typeof Department>;

export const Program = z.object({
  id: z.number(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  qualification: z.string(),
  kind: z.enum(['specialty', 'profession']),
  durationTerms: z.number(),
  groups: z.number(),
});
export type Program = z.infer<typeof Program>;
export const ProgramInput = z.object({
  departmentId: z.number().int().positive().nullable().default(null),
  code: z
    .string()
    .trim()
    .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Введите код по перечню, например 43.02.15'),
  name: Name('название специальности (профессии)'),
  qualification: Name('квалификацию'),
  kind: z.enum(['specialty', 'profession']).default('specialty'),
  durationTerms: z.number().int().min(1).max(10).default(8),
});

export const Commission = z.object({
  id: z.number(),
  name: z.string(),
  chairPersonId: z.number().nullable(),
  chairName: z.string().nullable(),
});
export type Commission = z.infer<typeof Commission>;
export const CommissionInput = z.object({
  name: Name('название ПЦК'),
  chairPersonId: z.number().int().positive().nullable().default(null),
});

export const Subgroup = z.object({ id: z.number(), name: z.string(), students: z.number() });
export const GroupItem = z.object({
  id: z.number(),
  name: z.string(),
  course: z.number(),
  intakeYear: z.number(),
  programId: z.number(),
  programCode: z.string(),
  programName: z.string(),
  curatorPersonId: z.number().nullable(),
  curatorName: z.string().nullable(),
  status: z.enum(['active', 'graduated']),
  students: z.number(),
  subgroups: z.array(Subgroup),
});
export type GroupItem = z.infer<typeof GroupItem>;
export const GroupsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  course: z.coerce.number().int().min(1).max(6).optional(),
  programId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'graduated', 'all']).default('active'),
});
export const GroupInput = z.object({
  name: Name('название группы', 40),
  programId: z.number().int().positive(),
  intakeYear: z.number().int().min(2000).max(2100),
  course: z.number().int().min(1).max(6),
  curatorPersonId: z.number().int().positive().nullable().default(null),
});
export type GroupInput = z.infer<typeof GroupInput>;
export const SubgroupInput = z.object({ name: Name('название подгруппы', 100) });

/** Year rollover (п. 3.2): the new year, groups promoted and graduated, previewed before it is applied (decision 015). */
export const RolloverPlan = z.object({
  fromYear: z.string(),
  newYear: z.object({ name: z.string(), startDate: z.string(), endDate: z.string(), exists: z.boolean() }),
  /** The first day in the new state: the day after the year ends, unless the administrator names another. */
  effectiveDate: z.string(),
  /** The day after the closing year ends: the rollover may run from that day without confirmation. */
  boundary: z.string(),
  /** Today is before the boundary: running needs a named effective date (not later than today) and a confirmation. */
  early: z.boolean(),
  graduationDate: z.string(),
  promote: z.array(z.object({ groupId: z.number(), name: z.string(), fromCourse: z.number(), toCourse: z.number(), students: z.number() })),
  graduate: z.array(
    z.object({
      groupId: z.number(),
      name: z.string(),
      course: z.number(),
      students: z.number(),
      /** Those who graduate: the active students of the group on the effective date. */
      graduates: z.array(z.object({ studentId: z.number(), fullName: z.string() })),
      /** Members not graduated (on academic leave): they stay on the group's list. */
      staying: z.number(),
    }),
  ),
  /** Term dates of the new year: from the academic calendars of the groups' curricula when they have one. */
  terms: z.array(z.object({ number: z.number(), startDate: z.string(), endDate: z.string() })),
  termsSource: z.string(),
  problems: z.array(z.string()),
  /** The last rollover of the college and whether it can still be undone. */
  last: z
    .object({
      id: z.number(),
      fromYear: z.string(),
      newYear: z.string(),
      effectiveDate: z.string(),
      orderNo: z.string(),
      at: z.string(),
      by: z.string(),
      status: z.enum(['done', 'undone']),
      canUndo: z.boolean(),
      undoBlockedBy: z.string().nullable(),
    })
    .nullable(),
});
export type RolloverPlan = z.infer<typeof RolloverPlan>;
export const RolloverQuery = z.object({ effectiveDate: IsoDate.optional() });
export const RolloverBody = z.object({
  orderNo: z.string().trim().max(60).default(''),
  /** Needed (with `confirm`) to run before the year's end; not later than today. */
  effectiveDate: IsoDate.optional(),
  confirm: z.boolean().optional(),
});
export const RolloverUndoBody = z.object({
  reason: z.string().trim().min(5, 'Объясните, почему переход отменяется (не короче 5 символов)').max(500),
});
