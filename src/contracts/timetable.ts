import { z } from 'zod';
import { CHANGE_KINDS, PARITIES } from '../domain/timetable.js';
import { IsoDate } from './common.js';
import { base64File, UPLOAD_LIMITS } from './limits.js';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ');
const Room = z
  .string()
  .trim()
  .max(40)
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

export const BellPeriod = z.object({ pairNo: z.number().int().min(1).max(12), startsAt: Time, endsAt: Time });
export type BellPeriod = z.infer<typeof BellPeriod>;
export const BellSchedule = z.object({ id: z.number(), name: z.string(), isDefault: z.boolean(), periods: z.array(BellPeriod) });
export type BellSchedule = z.infer<typeof BellSchedule>;
export const Bells = z.object({
  schedules: z.array(BellSchedule),
  days: z.array(z.object({ date: z.string(), bellScheduleId: z.number(), name: z.string() })),
});
export type Bells = z.infer<typeof Bells>;
export const BellScheduleBody = z.object({
  name: z.string().trim().min(1, 'Введите название').max(100),
  isDefault: z.boolean().default(false),
  periods: z.array(BellPeriod).min(1, 'Добавьте хотя бы одну пару').max(12),
});
export const BellDayBody = z.object({ date: IsoDate, bellScheduleId: z.number().int().positive().nullable() });

export const Parity = z.enum(PARITIES);
export const ChangeKind = z.enum(CHANGE_KINDS);

export const GridEntry = z.object({
  id: z.number(),
  weekday: z.number(),
  pairNo: z.number(),
  assignmentId: z.number(),
  subgroupId: z.number().nullable(),
  teacherPersonId: z.number(),
  teacherName: z.string(),
  subject: z.string(),
  room: z.string().nullable(),
  parity: Parity,
  validFrom: z.string(),
  validTo: z.string(),
});
export const GridAssignment = z.object({
  id: z.number(),
  subjectCode: z.string(),
  subjectName: z.string(),
  subgroupId: z.number().nullable(),
  subgroupName: z.string().nullable(),
  teacherPersonId: z.number(),
  teacherName: z.string(),
  hours: z.number(),
  scheduledHours: z.number(),
});
export const Grid = z.object({
  group: z.object({ id: z.number(), name: z.string(), subgroups: z.array(z.object({ id: z.number(), name: z.string() })) }),
  term: z.object({ id: z.number(), number: z.number(), startDate: z.string(), endDate: z.string() }).nullable(),
  weekStart: z.string(),
  weekParity: z.enum(['odd', 'even']).nullable(),
  entries: z.array(GridEntry),
  assignments: z.array(GridAssignment),
  periods: z.array(BellPeriod),
});
export type Grid = z.infer<typeof Grid>;
export const GridQuery = z.object({ date: IsoDate });

export const GridCell = z.object({
  weekday: z
    .number()
    .int()
    .min(1, 'Выберите день недели с понедельника по субботу')
    .max(6, 'Выберите день недели с понедельника по субботу'),
  pairNo: z.number().int().min(1).max(12),
  assignmentId: z.number().int().positive(),
  teacherPersonId: z.number().int().positive().optional(),
  room: Room,
  parity: Parity.default('all'),
});
export type GridCell = z.infer<typeof GridCell>;
export const GridSaveBody = z.object({
  from: IsoDate,
  to: IsoDate.optional(),
  /** The week the cells were read from (default: the week of `from`): its unchanged entries stay as they are. */
  weekStart: IsoDate.optional(),
  cells: z.array(GridCell).max(200),
});
export const LessonStats = z.object({ created: z.number(), updated: z.number(), deleted: z.number(), detached: z.number() });
export type LessonStats = z.infer<typeof LessonStats>;
export const GridSaveResult = z.object({
  kept: z.number(),
  created: z.number(),
  removed: z.number(),
  lessons: LessonStats,
  message: z.string(),
});
export const CopyWeekBody = z.object({ sourceDate: IsoDate, fromDate: IsoDate, toDate: IsoDate });

export const WeekView = z.enum(['group', 'teacher', 'room', 'student']);
export const WeekQuery = z.object({
  view: WeekView,
  id: z.coerce.number().int().positive().optional(),
  room: z.string().trim().max(40).optional(),
  date: IsoDate,
});
export const WeekLesson = z.object({
  key: z.string(),
  lessonId: z.number().nullable(),
  entryId: z.number().nullable(),
  date: z.string(),
  pairNo: z.number().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  groupId: z.number(),
  groupName: z.string(),
  subgroupId: z.number().nullable(),
  subgroupName: z.string().nullable(),
  assignmentId: z.number(),
  subjectCode: z.string(),
  subjectName: z.string(),
  teacherPersonId: z.number(),
  teacherName: z.string(),
  /** Set when another teacher substitutes: the one the timetable planned (п. 3.13). */
  plannedTeacherPersonId: z.number().nullable(),
  plannedTeacherName: z.string().nullable(),
  /** The same in the genitive, for «вместо Новиковой М. И.». */
  plannedTeacherNameGen: z.string().nullable(),
  room: z.string().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  change: z
    .object({
      id: z.number(),
      kind: ChangeKind,
      title: z.string(),
      reason: z.string().nullable(),
      slotDate: z.string(),
      slotPairNo: z.number(),
    })
    .nullable(),
  source: z.enum(['timetable', 'manual']),
  unscheduledReason: z.string().nullable(),
  detached: z.boolean(),
  recorded: z.boolean(),
});
export type WeekLesson = z.infer<typeof WeekLesson>;
export const WeekDay = z.object({
  date: z.string(),
  title: z.string(),
  bellsName: z.string().nullable(),
  periods: z.array(BellPeriod),
  lessons: z.array(WeekLesson),
});
export const Week = z.object({
  view: WeekView,
  title: z.string(),
  subjectId: z.number().nullable(),
  room: z.string().nullable(),
  weekStart: z.string(),
  weekEnd: z.string(),
  parity: z.string().nullable(),
  today: z.string(),
  days: z.array(WeekDay),
  /** The caller's own assignments, to add an unscheduled lesson (a teacher's own week). */
  ownAssignments: z.array(z.object({ id: z.number(), label: z.string() })),
  /** Whom the caller may view: a guardian's children. */
  children: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type Week = z.infer<typeof Week>;

export const Catalog = z.object({
  groups: z.array(z.object({ id: z.number(), name: z.string(), subgroups: z.array(z.object({ id: z.number(), name: z.string() })) })),
  teachers: z.array(z.object({ personId: z.number(), name: z.string() })),
  rooms: z.array(z.string()),
});
export type Catalog = z.infer<typeof Catalog>;

export const DayQuery = z.object({ date: IsoDate });
export const DayPlan = z.object({
  date: z.string(),
  lessons: z.array(WeekLesson),
  teachers: z.array(z.object({ personId: z.number(), name: z.string(), busyPairs: z.array(z.number()) })),
  /** Other subjects of each group, for a subject replacement. */
  groupAssignments: z.array(z.object({ id: z.number(), groupId: z.number(), label: z.string(), teacherPersonId: z.number() })),
  periods: z.array(BellPeriod),
});
export type DayPlan = z.infer<typeof DayPlan>;

export const ChangeBody = z.object({
  entryId: z.number().int().positive(),
  date: IsoDate,
  kind: ChangeKind,
  toDate: IsoDate.optional(),
  toPairNo: z.number().int().min(1).max(12).optional(),
  room: Room,
  assignmentId: z.number().int().positive().optional(),
  teacherPersonId: z.number().int().positive().optional(),
  reason: z.string().trim().max(300).optional(),
});
export type ChangeBody = z.infer<typeof ChangeBody>;
export const ChangeResult = z.object({ id: z.number(), message: z.string() });

export const UnscheduledBody = z.object({
  assignmentId: z.number().int().positive(),
  date: IsoDate,
  pairNo: z.number().int().min(1).max(12),
  room: Room,
  reason: z.string().trim().min(3, 'Укажите причину занятия вне расписания').max(300),
});
export const UnscheduledResult = z.object({ id: z.number(), message: z.string() });

export const PeriodQuery = z.object({ from: IsoDate, to: IsoDate });
export const SubstitutionReport = z.object({
  from: z.string(),
  to: z.string(),
  teachers: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      substitutedHours: z.number(),
      substitutedLessons: z.number(),
      replacedHours: z.number(),
    }),
  ),
  lessons: z.array(
    z.object({
      lessonId: z.number(),
      date: z.string(),
      pairNo: z.number().nullable(),
      groupName: z.string(),
      subject: z.string(),
      plannedTeacherName: z.string(),
      teacherName: z.string(),
      hours: z.number(),
      recorded: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
});
export type SubstitutionReport = z.infer<typeof SubstitutionReport>;

export const GenerateBody = z.object({ from: IsoDate, to: IsoDate });

export const ImportBody = z.object({
  fileName: z.string().max(200),
  contentBase64: base64File(UPLOAD_LIMITS.timetable),
  from: IsoDate,
  dryRun: z.boolean().default(true),
});
export const ImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  groups: z.number(),
  entries: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
  clashes: z.array(z.string()),
  message: z.string(),
});
export type ImportResult = z.infer<typeof ImportResult>;
export const DateQuery = z.object({ date: IsoDate });
