import { z } from 'zod';
import { DEMO_EXAM_LEVELS, DEMO_EXAM_MAX_POINTS, GIA_GRADES, hasTwoDecimals, THESIS_ADMISSIONS } from '../domain/gia.js';
import { IsoDate } from './common.js';

// State final attestation (ГИА: the demo exam and the thesis) and module exams (Эк), issue 16.

export const GiaGrade = z.enum(GIA_GRADES);
const Id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));
const Points = (max: number) => z.number().min(0).max(max).refine(hasTwoDecimals, 'Не больше двух знаков после запятой.');

const Who = z.object({ by: z.string(), at: z.string(), version: z.number() });

export const DemoExamModule = z.object({ name: text(200), max: Points(DEMO_EXAM_MAX_POINTS), points: Points(DEMO_EXAM_MAX_POINTS) });
export const DemoExam = Who.extend({
  id: z.number(),
  examDate: z.string(),
  competence: z.string(),
  level: z.enum(DEMO_EXAM_LEVELS),
  points: z.number(),
  maxPoints: z.number(),
  modules: z.array(DemoExamModule).nullable(),
  grade: GiaGrade,
});
export type DemoExam = z.infer<typeof DemoExam>;

export const Thesis = Who.extend({
  id: z.number(),
  topic: z.string(),
  supervisor: z.string().nullable(),
  reviewer: z.string().nullable(),
  /** The supervisor's grade in the отзыв, 2–5, or not given yet. */
  supervisorGrade: GiaGrade.nullable(),
  /** The reviewer's grade in the рецензия, 2–5, or not given yet. */
  reviewerGrade: GiaGrade.nullable(),
  admission: z.enum(THESIS_ADMISSIONS).nullable(),
  defenseDate: z.string().nullable(),
  grade: GiaGrade.nullable(),
});
export type Thesis = z.infer<typeof Thesis>;

export const ModuleExam = Who.extend({
  id: z.number(),
  moduleId: z.number(),
  examDate: z.string().nullable(),
  mastered: z.boolean(),
  grade: GiaGrade,
});
export type ModuleExam = z.infer<typeof ModuleExam>;

export const GiaModule = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const GiaYearQuery = z.object({ yearId: Id.optional() });
export const GiaYear = z.object({ id: z.number(), name: z.string(), status: z.string() });

export const GiaGroups = z.object({
  yearId: z.number(),
  years: z.array(GiaYear),
  groups: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      course: z.number(),
      /** In its last course this year (its students take the ГИА). */
      graduating: z.boolean(),
      demoExams: z.number(),
      theses: z.number(),
      moduleExams: z.number(),
    }),
  ),
});

export const GiaStudentRow = z.object({
  studentId: z.number(),
  fullName: z.string(),
  demoExam: DemoExam.nullable(),
  thesis: Thesis.nullable(),
  moduleExams: z.array(ModuleExam),
});

export const GiaGroupPage = z.object({
  group: z.object({ id: z.number(), name: z.string(), course: z.number(), programCode: z.string(), programName: z.string() }),
  year: GiaYear,
  years: z.array(GiaYear),
  cutoffs: z.tuple([z.number(), z.number(), z.number()]),
  maxPoints: z.number(),
  modules: z.array(GiaModule),
  students: z.array(GiaStudentRow),
  secretaries: z.array(z.object({ personId: z.number(), name: z.string() })),
  /** The caller enters this group's records (gia:write over the college, or its secretary). */
  canWrite: z.boolean(),
  /** The caller appoints secretaries. */
  canManage: z.boolean(),
});
export type GiaGroupPage = z.infer<typeof GiaGroupPage>;

const RecordKey = z.object({ yearId: Id, groupId: Id, studentId: Id, version: z.number().int().positive().nullable() });
const Reason = z.object({ reason: optionalText(500) });

export const DemoExamBody = RecordKey.extend({
  examDate: IsoDate,
  competence: text(300),
  level: z.enum(DEMO_EXAM_LEVELS),
  points: Points(DEMO_EXAM_MAX_POINTS),
  modules: z.array(DemoExamModule).max(20).nullish(),
}).merge(Reason);
export const ThesisBody = RecordKey.extend({
  topic: text(500),
  supervisor: optionalText(200),
  reviewer: optionalText(200),
  /** Not sent: kept as stored. */
  supervisorGrade: GiaGrade.nullable().optional(),
  /** Not sent: kept as stored. */
  reviewerGrade: GiaGrade.nullable().optional(),
  admission: z.enum(THESIS_ADMISSIONS).nullable(),
  defenseDate: IsoDate.nullable(),
  grade: GiaGrade.nullable(),
}).merge(Reason);
export const ModuleExamBody = RecordKey.extend({
  moduleId: Id,
  examDate: IsoDate.nullable(),
  mastered: z.boolean(),
  grade: GiaGrade,
}).merge(Reason);

export const GiaHistory = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['demo', 'thesis', 'module']),
      studentId: z.number(),
      studentName: z.string(),
      what: z.string(),
      before: z.string().nullable(),
      after: z.string(),
      reason: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export const SecretaryBody = z.object({ personId: Id });
export const SecretaryParams = z.object({ id: Id, personId: Id });
export const GiaStaff = z.object({ items: z.array(z.object({ personId: z.number(), name: z.string() })) });

export const StudentGia = z.object({
  studentId: z.number(),
  fullName: z.string(),
  records: z.array(
    z.object({
      yearName: z.string(),
      groupName: z.string(),
      demoExam: DemoExam.nullable(),
      thesis: Thesis.nullable(),
      moduleExams: z.array(ModuleExam.extend({ moduleCode: z.string(), moduleName: z.string() })),
    }),
  ),
});
export type StudentGia = z.infer<typeof StudentGia>;
