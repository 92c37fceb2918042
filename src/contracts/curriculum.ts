import { z } from 'zod';
import { ATTESTATION_FORMS, HOUR_KINDS, LESSON_PLAN_STATUSES, LESSON_TYPES } from '../domain/curriculum.js';
import { EXTRA_FORMS } from '../domain/plx.js';
import { patchBody } from './common.js';
import { base64File, UPLOAD_LIMITS } from './limits.js';

const hour = z.number().int().min(0, 'Введите часы числом от 0').max(3000, 'Введите не больше 3000 часов');
export const Hours = z.object(Object.fromEntries(HOUR_KINDS.map((k) => [k, hour])) as Record<(typeof HOUR_KINDS)[number], typeof hour>);
export type Hours = z.infer<typeof Hours>;

export const TermHours = z.object({
  termNo: z.number().int().min(1, 'Выберите семестр с 1-го по 8-й').max(8, 'Выберите семестр с 1-го по 8-й'),
  hours: Hours,
  form: z.enum(ATTESTATION_FORMS).nullable(),
  /** Control forms besides the main one (КР next to ДЗ, «Др» …), as «Планы» gives them. */
  extraForms: z.array(z.enum(EXTRA_FORMS)).max(EXTRA_FORMS.length).optional(),
});
export type TermHours = z.infer<typeof TermHours>;

export const CurriculumItem = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  cycle: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  commissionId: z.number().nullable(),
  commissionName: z.string().nullable(),
  position: z.number(),
  terms: z.array(TermHours),
  total: Hours,
  assignments: z.number(),
});
export type CurriculumItem = z.infer<typeof CurriculumItem>;

export const CurriculumSummary = z.object({
  id: z.number(),
  programId: z.number(),
  programCode: z.string(),
  programName: z.string(),
  intakeYear: z.number(),
  name: z.string(),
  status: z.string(),
  items: z.number(),
  groups: z.array(z.object({ id: z.number(), name: z.string() })),
});
export const CurriculumList = z.object({
  items: z.array(CurriculumSummary),
  programs: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  commissions: z.array(z.object({ id: z.number(), name: z.string() })),
  canEdit: z.boolean(),
});
export type CurriculumList = z.infer<typeof CurriculumList>;

export const CalendarCourse = z.object({ course: z.number(), weeks: z.string(), semesterStarts: z.array(z.number()) });
export const CalendarSemester = z.object({
  course: z.number(),
  semester: z.number(),
  termNo: z.number(),
  theory: z.number(),
  practice: z.number(),
  attestation: z.number(),
  gia: z.number(),
  holidays: z.number(),
});
export type CalendarSemester = z.infer<typeof CalendarSemester>;
/** Hours of a cycle per semester: in the journal's plan and, for an imported plan, in the file's «Итого». */
export const CycleTotals = z.object({
  cycle: z.string(),
  terms: z.array(z.object({ termNo: z.number(), hours: z.number(), file: z.number().nullable() })),
  hours: z.number(),
  file: z.number().nullable(),
});
export type CycleTotals = z.infer<typeof CycleTotals>;

export const Curriculum = CurriculumSummary.extend({
  termWeeks: z.array(z.number()),
  items: z.array(CurriculumItem),
  totals: z.array(z.object({ termNo: z.number(), hours: Hours, weeklyLoad: z.number() })),
  studyForm: z.string().nullable(),
  sourceFile: z.string().nullable(),
  importedAt: z.string().nullable(),
  /** The academic calendar (график учебного процесса) imported with the plan. */
  calendar: z.array(CalendarCourse).nullable(),
  calendarSemesters: z.array(CalendarSemester),
  /** Totals by cycle and semester; the last row is the whole plan. */
  cycleTotals: z.array(CycleTotals),
  canEdit: z.boolean(),
});
export type Curriculum = z.infer<typeof Curriculum>;

export const CurriculumQuery = z.object({ programId: z.coerce.number().int().positive().optional() });
export const CreateCurriculumBody = z.object({
  programId: z.number().int().positive(),
  intakeYear: z.number().int().min(2000, 'Введите год набора не раньше 2000').max(2100, 'Введите год набора не позже 2100'),
  name: z.string().trim().max(300).optional(),
  copyFromId: z.number().int().positive().nullable().optional(),
});
export const PatchCurriculumBody = patchBody({
  name: z.string().trim().min(1, 'Введите название').max(300).optional(),
  status: z.enum(['draft', 'approved']).optional(),
  termWeeks: z.array(z.number().int().min(1).max(30)).length(8).optional(),
});
export const ItemBody = z.object({
  parentId: z.number().int().positive().nullable().optional(),
  code: z.string().trim().min(1, 'Введите индекс, например ОП.03').max(30),
  name: z.string().trim().min(1, 'Введите наименование').max(500),
  commissionId: z.number().int().positive().nullable().optional(),
  terms: z.array(TermHours).max(8),
});
export type ItemBody = z.infer<typeof ItemBody>;
export const ItemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });

export const UploadBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: base64File(UPLOAD_LIMITS.curriculum),
  dryRun: z.boolean().optional(),
});
export const PlanUploadBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: base64File(UPLOAD_LIMITS.lessonPlan),
});
export const ImportResult = z.object({
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  /** Items of the file already in the plan as the file has them. */
  unchanged: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

// Import from «Планы» (.plx).
/** The largest .plx accepted (contracts/limits.ts). */
export const PLX_MAX_BYTES = UPLOAD_LIMITS.plx.bytes;
export const PLX_MAX_MB = PLX_MAX_BYTES / 1024 / 1024;
export const PlxImportBody = z.object({
  /** The program the file must be for; without it the program is found (or created) by the file's code. */
  programId: z.number().int().positive().nullable().optional(),
  fileName: z.string().trim().min(1, 'Выберите файл').max(255),
  contentBase64: base64File(UPLOAD_LIMITS.plx),
  dryRun: z.boolean().optional(),
  /** Needed to change a curriculum that already has load or recorded lessons. */
  confirm: z.boolean().optional(),
});
export type PlxImportBody = z.infer<typeof PlxImportBody>;
export const PlxChange = z.object({
  code: z.string(),
  name: z.string(),
  change: z.enum(['add', 'update', 'remove', 'keep']),
  details: z.array(z.string()),
  assignments: z.number(),
  lessons: z.number(),
});
export const PlxImportResult = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  curriculumId: z.number().nullable(),
  program: z.object({
    id: z.number().nullable(),
    code: z.string(),
    name: z.string(),
    qualification: z.string(),
    studyForm: z.string(),
    duration: z.string(),
    intakeYear: z.number(),
    semesters: z.number(),
  }),
  curriculum: z.object({ exists: z.boolean(), name: z.string(), assignments: z.number(), lessons: z.number() }),
  counts: z.object({ items: z.number(), add: z.number(), update: z.number(), remove: z.number(), keep: z.number(), unchanged: z.number() }),
  changes: z.array(PlxChange),
  skipped: z.array(z.object({ index: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
  needsConfirmation: z.boolean(),
  calendarSemesters: z.array(CalendarSemester),
  cycleTotals: z.array(CycleTotals),
  message: z.string(),
});
export type PlxImportResult = z.infer<typeof PlxImportResult>;

// Teaching load (нагрузка).
export const LoadQuery = z.object({
  termId: z.coerce.number().int().positive().optional(),
  teacherPersonId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
});
export const LoadRow = z.object({
  id: z.number(),
  termId: z.number(),
  groupId: z.number(),
  groupName: z.string(),
  subgroupId: z.number().nullable(),
  subgroupName: z.string().nullable(),
  itemId: z.number(),
  code: z.string(),
  subjectName: z.string(),
  teacherPersonId: z.number(),
  teacherName: z.string(),
  hours: z.number(),
  lessons: z.number(),
});
export type LoadRow = z.infer<typeof LoadRow>;
export const TermRef = z.object({
  id: z.number(),
  number: z.number(),
  yearName: z.string(),
  label: z.string(),
  startDate: z.string(),
  endDate: z.string(),
});
export const Load = z.object({
  term: TermRef,
  rows: z.array(LoadRow),
  byTeacher: z.array(z.object({ personId: z.number(), name: z.string(), hours: z.number(), assignments: z.number(), groups: z.number() })),
  byGroup: z.array(z.object({ groupId: z.number(), name: z.string(), hours: z.number(), curriculumHours: z.number() })),
  canEdit: z.boolean(),
});
export type Load = z.infer<typeof Load>;
export const Uncovered = z.object({
  term: TermRef,
  rows: z.array(
    LoadRow.pick({
      groupId: true,
      groupName: true,
      subgroupId: true,
      subgroupName: true,
      itemId: true,
      code: true,
      subjectName: true,
    }).extend({
      termNo: z.number(),
      curriculumHours: z.number(),
      assignedHours: z.number(),
      missingHours: z.number(),
    }),
  ),
  missingHours: z.number(),
});
export type Uncovered = z.infer<typeof Uncovered>;
export const LoadOptions = z.object({
  terms: z.array(TermRef),
  currentTermId: z.number().nullable(),
  groups: z.array(
    z.object({ id: z.number(), name: z.string(), course: z.number(), subgroups: z.array(z.object({ id: z.number(), name: z.string() })) }),
  ),
  teachers: z.array(z.object({ personId: z.number(), name: z.string() })),
});
export type LoadOptions = z.infer<typeof LoadOptions>;
export const GroupItemsQuery = z.object({ groupId: z.coerce.number().int().positive(), termId: z.coerce.number().int().positive() });
export const GroupItems = z.object({
  termNo: z.number(),
  curriculumId: z.number().nullable(),
  items: z.array(z.object({ itemId: z.number(), code: z.string(), name: z.string(), hours: z.number(), assignedHours: z.number() })),
});
export type GroupItems = z.infer<typeof GroupItems>;
export const AssignmentBody = z.object({
  termId: z.number().int().positive(),
  groupId: z.number().int().positive(),
  subgroupId: z.number().int().positive().nullable().optional(),
  curriculumItemId: z.number().int().positive(),
  teacherPersonId: z.number().int().positive(),
  hours: z.number().int().min(1, 'Укажите часы').max(3000),
});
export const PatchAssignmentBody = patchBody({
  teacherPersonId: z.number().int().positive().optional(),
  hours: z.number().int().min(1, 'Укажите часы').max(3000).optional(),
});

// Lesson plans (КТП).
export const PlanLine = z.object({
  id: z.number().optional(),
  position: z.number().int().min(1).optional(),
  section: z.string().trim().max(500).nullable().optional(),
  topic: z.string().trim().min(1, 'Введите тему занятия').max(1000),
  hours: z.number().int().min(1, 'Введите часы занятия числом от 1').max(100),
  lessonType: z.enum(LESSON_TYPES, { error: 'Выберите вид занятия' }),
  selfStudyTask: z.string().trim().max(1000).nullable().optional(),
  selfStudyHours: z.number().int().min(0).max(100).optional(),
});
export type PlanLine = z.infer<typeof PlanLine>;
export const HoursCheck = z.object({
  rows: z.array(z.object({ kind: z.string(), title: z.string(), curriculum: z.number(), plan: z.number(), difference: z.number() })),
  matches: z.boolean(),
  messages: z.array(z.string()),
});
export const PlanSummary = z.object({
  id: z.number(),
  itemId: z.number(),
  code: z.string(),
  subjectName: z.string(),
  curriculumName: z.string(),
  groupId: z.number().nullable(),
  groupName: z.string().nullable(),
  subgroupId: z.number().nullable(),
  subgroupName: z.string().nullable(),
  status: z.enum(LESSON_PLAN_STATUSES),
  authorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  hours: z.number(),
  matches: z.boolean(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlansQuery = z.object({ status: z.enum(LESSON_PLAN_STATUSES).optional() });
export const PlanList = z.object({ items: z.array(PlanSummary), canApprove: z.boolean() });
export type PlanList = z.infer<typeof PlanList>;
export const MyPlans = z.object({
  rows: z.array(
    z.object({
      itemId: z.number(),
      code: z.string(),
      subjectName: z.string(),
      groupId: z.number(),
      groupName: z.string(),
      subgroupId: z.number().nullable(),
      subgroupName: z.string().nullable(),
      terms: z.array(z.string()),
      plan: z.object({ id: z.number(), status: z.enum(LESSON_PLAN_STATUSES), isCopy: z.boolean(), matches: z.boolean() }).nullable(),
    }),
  ),
});
export type MyPlans = z.infer<typeof MyPlans>;
export const PlanDetail = z.object({
  id: z.number(),
  item: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    curriculumName: z.string(),
    commissionName: z.string().nullable(),
    terms: z.array(TermHours),
  }),
  groupId: z.number().nullable(),
  groupName: z.string().nullable(),
  subgroupId: z.number().nullable(),
  subgroupName: z.string().nullable(),
  basedOnPlanId: z.number().nullable(),
  status: z.enum(LESSON_PLAN_STATUSES),
  remarks: z.string().nullable(),
  version: z.number(),
  authorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  updatedAt: z.string(),
  lines: z.array(
    PlanLine.extend({
      id: z.number(),
      position: z.number(),
      section: z.string().nullable(),
      selfStudyTask: z.string().nullable(),
      selfStudyHours: z.number(),
    }),
  ),
  check: HoursCheck,
  usedBy: z.array(z.object({ groupName: z.string(), subgroupName: z.string().nullable(), teacherName: z.string() })),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), revise: z.boolean(), remove: z.boolean() }),
  /** Groups (subgroups) the caller teaches this subject to that have no copy of their own yet. */
  copyTargets: z.array(
    z.object({ groupId: z.number(), groupName: z.string(), subgroupId: z.number().nullable(), subgroupName: z.string().nullable() }),
  ),
});
export type PlanDetail = z.infer<typeof PlanDetail>;
export const CreatePlanBody = z.object({
  curriculumItemId: z.number().int().positive(),
  groupId: z.number().int().positive().nullable().optional(),
  subgroupId: z.number().int().positive().nullable().optional(),
});
export const SaveLinesBody = z.object({
  version: z.number().int().min(1),
  lines: z.array(PlanLine).max(UPLOAD_LIMITS.lessonPlan.rows, `Не больше ${UPLOAD_LIMITS.lessonPlan.rows} занятий в одном КТП`),
});
export const ReturnBody = z.object({ remarks: z.string().trim().min(3, 'Напишите, что исправить').max(4000) });
export const PlanImportResult = z.object({ plan: PlanDetail, imported: z.number(), warnings: z.array(z.string()) });

// Fulfilment (п. 2.12).
export const FulfilmentQuery = LoadQuery;
export const Fulfilment = z.object({
  term: TermRef,
  today: z.string(),
  rows: z.array(
    z.object({
      assignmentId: z.number(),
      groupName: z.string(),
      subgroupName: z.string().nullable(),
      code: z.string(),
      subjectName: z.string(),
      teacherName: z.string(),
      hours: z.number(),
      planHours: z.number().nullable(),
      dueToDate: z.number(),
      delivered: z.number(),
      behind: z.number(),
      percent: z.number().nullable(),
    }),
  ),
  totals: z.object({ hours: z.number(), dueToDate: z.number(), delivered: z.number(), percent: z.number().nullable() }),
});
export type Fulfilment = z.infer<typeof Fulfilment>;
