import { z } from 'zod';
import { ABSENCE_CODES, GRADE_VALUES, WORK_TYPES } from '../domain/marks.js';
import { IsoDate } from './common.js';
import { base64File, UPLOAD_LIMITS } from './limits.js';

export const WorkTypeCode = z.enum(WORK_TYPES);
export const MarkValue = z.enum([...GRADE_VALUES, ...ABSENCE_CODES], { error: 'Оценка: 5, 4, 3, 2, зач, незач; пропуск: н, б, уп, оп' });
/** A client-generated id of one write: the same write retried is applied once. */
export const OpId = z
  .string()
  .trim()
  .min(8, 'Обновите страницу и повторите: идентификатор операции короче 8 символов')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Обновите страницу и повторите: идентификатор операции неверен');
const Weight = z.number().min(0.1, 'Введите вес от 0,1').max(10, 'Введите вес не больше 10');

export const Mark = z.object({
  id: z.number(),
  lessonId: z.number(),
  studentId: z.number(),
  kind: z.enum(['grade', 'absence']),
  value: z.string(),
  workType: z.string().nullable(),
  weight: z.number(),
  hours: z.number().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mark = z.infer<typeof Mark>;
/** A mark in the grid: what a cell shows (the full mark, with its times, comes with the lesson). */
export const GridMark = Mark.pick({
  id: true,
  lessonId: true,
  studentId: true,
  kind: true,
  value: true,
  workType: true,
  weight: true,
  version: true,
});
export type GridMark = z.infer<typeof GridMark>;

export const EntryWindow = z.object({
  state: z.enum(['future', 'open', 'closed']),
  closesOn: z.string(),
  closesAt: z.string(),
  message: z.string().nullable(),
});
export type EntryWindow = z.infer<typeof EntryWindow>;

const Ref = z.object({ id: z.number(), name: z.string() });
export const SubjectRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const LessonSummary = z.object({
  id: z.number(),
  assignmentId: z.number(),
  date: z.string(),
  pairNo: z.number().nullable(),
  hours: z.number(),
  room: z.string().nullable(),
  status: z.string(),
  topic: z.string().nullable(),
  recorded: z.boolean(),
  group: Ref,
  subgroup: Ref.nullable(),
  subject: SubjectRef,
  teacher: z.object({ personId: z.number(), shortName: z.string() }),
  /** Taught by a substitute instead of the assignment's teacher. */
  substitution: z.boolean(),
  marksCount: z.number(),
  /** The caller may write this lesson's record and marks (its teacher or substitute; not cancelled). */
  canWrite: z.boolean(),
});
export type LessonSummary = z.infer<typeof LessonSummary>;

export const TodayQuery = z.object({ date: IsoDate.optional() });
export const TodayResponse = z.object({
  date: z.string(),
  lessons: z.array(LessonSummary),
  /** When the day has no lessons: the next day that has some (within two weeks), and its lessons. */
  next: z.object({ date: z.string(), lessons: z.array(LessonSummary) }).nullable(),
});
export type TodayResponse = z.infer<typeof TodayResponse>;

export const Excuse = z.object({
  id: z.number(),
  studentId: z.number(),
  studentName: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  reason: z.string(),
  document: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Absences «н» the excuse turns into «уп» (the teacher's marks stay as they are). */
  excusedAbsences: z.number(),
  /** The caller curates the student for every day of the excuse (decision 013). */
  canRevoke: z.boolean(),
});
export type Excuse = z.infer<typeof Excuse>;

export const LessonFile = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number() });
export type LessonFile = z.infer<typeof LessonFile>;

export const LessonDetail = LessonSummary.extend({
  workDone: z.string().nullable(),
  workTypes: z.array(z.string()),
  homework: z.string().nullable(),
  version: z.number(),
  recordedAt: z.string().nullable(),
  files: z.array(LessonFile),
  /** The next topic of the lesson plan, proposed when the lesson has none yet. */
  proposedTopic: z.string().nullable(),
  /** The self-study task of that topic, proposed as homework. */
  proposedHomework: z.string().nullable(),
  window: EntryWindow,
  students: z.array(
    z.object({
      studentId: z.number(),
      fullName: z.string(),
      shortName: z.string(),
      marks: z.array(Mark),
      /** A curator's excuse covering the date: «н» counts as «уп». */
      excuse: z.object({ id: z.number(), reason: z.string(), document: z.string().nullable() }).nullable(),
      pendingCorrections: z.number(),
    }),
  ),
});
export type LessonDetail = z.infer<typeof LessonDetail>;

export const RecordLessonBody = z.object({
  version: z.number().int().positive(),
  topic: z.string().trim().min(1, 'Укажите тему занятия').max(500),
  workDone: z.string().trim().max(2000).nullable().default(null),
  workTypes: z.array(WorkTypeCode).max(WORK_TYPES.length).default([]),
  homework: z.string().trim().max(4000).nullable().default(null),
  hours: z.number().int().min(1, 'Введите часы числом от 1').max(8, 'Введите не больше 8 часов').optional(),
});
export type RecordLessonBody = z.infer<typeof RecordLessonBody>;

/** The lesson's text as stored: what the background save of the lesson page works with. */
export const LessonText = z.object({
  id: z.number(),
  topic: z.string().nullable(),
  workDone: z.string().nullable(),
  workTypes: z.array(z.string()),
  homework: z.string().nullable(),
  hours: z.number(),
  version: z.number(),
  recorded: z.boolean(),
});
export type LessonText = z.infer<typeof LessonText>;

/** A partial save of the lesson's text: only the fields given change; the version guards the rest. */
export const SaveLessonTextBody = z.object({
  opId: OpId,
  version: z.number().int().positive(),
  topic: z.string().trim().min(1, 'Укажите тему занятия').max(500, 'Тема — не длиннее 500 символов').optional(),
  workDone: z.string().trim().max(2000, 'Содержание работы — не длиннее 2000 символов').nullable().optional(),
  workTypes: z.array(WorkTypeCode).max(WORK_TYPES.length).optional(),
  homework: z.string().trim().max(4000, 'Домашнее задание — не длиннее 4000 символов').nullable().optional(),
  hours: z.number().int().min(1, 'Часов — от 1').max(8, 'Часов — не больше 8').optional(),
});
export type SaveLessonTextBody = z.infer<typeof SaveLessonTextBody>;
export const LessonTextResult = z.object({ lesson: LessonText, replayed: z.boolean() });
export type LessonTextResult = z.infer<typeof LessonTextResult>;

export const UploadFileBody = z.object({
  fileName: z.string().trim().min(1, 'Укажите имя файла').max(200),
  contentType: z.string().max(200).optional(),
  contentBase64: base64File(UPLOAD_LIMITS.lessonFile),
});

export const CreateMarkBody = z.object({
  opId: OpId,
  lessonId: z.number().int().positive(),
  studentId: z.number().int().positive(),
  value: MarkValue,
  workType: WorkTypeCode.nullable().optional(),
  weight: Weight.nullable().optional(),
  /** The write undoes the teacher's previous action in the grid (Ctrl+Z); its event says so. */
  undo: z.boolean().optional(),
});
export type CreateMarkBody = z.infer<typeof CreateMarkBody>;

export const UpdateMarkBody = z.object({
  opId: OpId.optional(),
  version: z.number().int().positive(),
  value: MarkValue,
  workType: WorkTypeCode.nullable().optional(),
  weight: Weight.nullable().optional(),
  undo: z.boolean().optional(),
});
export type UpdateMarkBody = z.infer<typeof UpdateMarkBody>;

export const DeleteMarkQuery = z.object({
  version: z.coerce.number().int().positive(),
  opId: OpId.optional(),
  undo: z.enum(['1']).optional(),
});

export const MarkWriteResult = z.object({ mark: Mark.nullable(), replayed: z.boolean() });
export type MarkWriteResult = z.infer<typeof MarkWriteResult>;

export const GridQuery = z.object({ assignmentId: z.coerce.number().int().positive() });
export const AssignmentInfo = z.object({
  id: z.number(),
  group: Ref,
  subgroup: Ref.nullable(),
  subject: SubjectRef,
  teacher: z.object({ personId: z.number(), fullName: z.string(), shortName: z.string() }),
  term: z.object({ id: z.number(), number: z.number(), startDate: z.string(), endDate: z.string() }),
  hours: z.number(),
});
export type AssignmentInfo = z.infer<typeof AssignmentInfo>;

/**
 * The marks of the grid as columns, one entry per mark in the order of their ids (4,200 marks of a
 * full term stay a few kilobytes compressed): the id as its difference from the previous mark's
 * (the first from 0), the lesson and the student as positions in `lessons` and `students`; the
 * kind follows from the value. Decoded by the web app (pages/journal/grid-data.ts).
 */
export const GridMarks = z.object({
  id: z.array(z.number()),
  lesson: z.array(z.number()),
  student: z.array(z.number()),
  value: z.array(z.string()),
  workType: z.array(z.string().nullable()),
  weight: z.array(z.number()),
  version: z.array(z.number()),
});
export type GridMarks = z.infer<typeof GridMarks>;

export const Grid = z.object({
  assignment: AssignmentInfo,
  canWrite: z.boolean(),
  today: z.string(),
  lessons: z.array(
    z.object({
      id: z.number(),
      date: z.string(),
      pairNo: z.number().nullable(),
      hours: z.number(),
      topic: z.string().nullable(),
      teacherPersonId: z.number(),
      window: z.enum(['future', 'open', 'closed']),
      /** The caller may write this lesson's marks (the assignment's teacher, or the substitute of this lesson). */
      canWrite: z.boolean(),
    }),
  ),
  /** The roster of the term; averages and absences are counted by the page, live as marks are typed. */
  students: z.array(
    z.object({
      studentId: z.number(),
      fullName: z.string(),
      shortName: z.string(),
      from: z.string(),
      to: z.string().nullable(),
    }),
  ),
  marks: GridMarks,
  excuses: z.array(z.object({ studentId: z.number(), fromDate: z.string(), toDate: z.string(), reason: z.string() })),
});
export type Grid = z.infer<typeof Grid>;

export const AssignmentsQuery = z.object({
  termId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
  mine: z.enum(['1', '0']).optional(),
});
export const AssignmentListItem = AssignmentInfo.extend({ lessons: z.number(), recorded: z.number() });
export const AssignmentList = z.object({ termId: z.number().nullable(), items: z.array(AssignmentListItem) });
export type AssignmentList = z.infer<typeof AssignmentList>;

export const HistoryQuery = z.object({ lessonId: z.coerce.number().int().positive(), studentId: z.coerce.number().int().positive() });
export const HistoryEvent = z.object({
  id: z.number(),
  at: z.string(),
  user: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  kind: z.enum(['grade', 'absence']),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  oldWorkType: z.string().nullable(),
  newWorkType: z.string().nullable(),
  oldWeight: z.number().nullable(),
  newWeight: z.number().nullable(),
  reason: z.string().nullable(),
  correctionRequestId: z.number().nullable(),
});
export const History = z.object({
  lesson: z.object({ id: z.number(), date: z.string(), subject: z.string(), group: z.string() }),
  student: z.object({ id: z.number(), fullName: z.string() }),
  events: z.array(HistoryEvent),
  excuse: z
    .object({ fromDate: z.string(), toDate: z.string(), reason: z.string(), document: z.string().nullable(), by: z.string() })
    .nullable(),
  corrections: z.array(
    z.object({
      id: z.number(),
      status: z.string(),
      oldValue: z.string().nullable(),
      newValue: z.string().nullable(),
      reason: z.string(),
      requestedAt: z.string(),
    }),
  ),
});
export type History = z.infer<typeof History>;

export const CreateCorrectionBody = z.object({
  lessonId: z.number().int().positive(),
  studentId: z.number().int().positive(),
  /** The mark to change or remove; absent when a missing mark is to be added. */
  markId: z.number().int().positive().nullable().optional(),
  /** null: remove the mark. */
  value: MarkValue.nullable(),
  workType: WorkTypeCode.nullable().optional(),
  weight: Weight.nullable().optional(),
  reason: z.string().trim().min(5, 'Объясните причину исправления (не короче 5 символов)').max(1000),
});
export type CreateCorrectionBody = z.infer<typeof CreateCorrectionBody>;

export const Correction = z.object({
  id: z.number(),
  status: z.enum(['pending', 'approved', 'rejected']),
  lesson: z.object({ id: z.number(), date: z.string() }),
  group: z.string(),
  subject: z.string(),
  student: z.object({ id: z.number(), fullName: z.string() }),
  kind: z.enum(['grade', 'absence']),
  markId: z.number().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  newWorkType: z.string().nullable(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  /** The caller may approve or reject this request (it is pending and they decide corrections). */
  canDecide: z.boolean(),
});
export type Correction = z.infer<typeof Correction>;
export const CorrectionsQuery = z.object({ status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending') });
/** `readsAll`: every request of the college (those who decide, and the director read-only); otherwise one's own. */
export const CorrectionList = z.object({ canDecide: z.boolean(), readsAll: z.boolean(), items: z.array(Correction) });
export type CorrectionList = z.infer<typeof CorrectionList>;
export const DecisionBody = z.object({ comment: z.string().trim().max(1000).optional() });
export const RejectBody = z.object({ comment: z.string().trim().min(3, 'Объясните, почему заявка отклонена').max(1000) });

export const ExcusesQuery = z.object({ groupId: z.coerce.number().int().positive() });
export const ExcuseList = z.object({
  group: Ref,
  canExcuse: z.boolean(),
  students: z.array(z.object({ studentId: z.number(), fullName: z.string(), unexcusedHours: z.number() })),
  items: z.array(Excuse),
});
export type ExcuseList = z.infer<typeof ExcuseList>;
export const CreateExcuseBody = z.object({
  studentId: z.number().int().positive(),
  fromDate: IsoDate,
  toDate: IsoDate,
  reason: z.string().trim().min(3, 'Укажите причину').max(500),
  document: z.string().trim().max(300).nullable().optional(),
});
export type CreateExcuseBody = z.infer<typeof CreateExcuseBody>;
/** What a справка for these dates would do, asked before saving it. */
export const ExcuseCheckQuery = z.object({ studentId: z.coerce.number().int().positive(), fromDate: IsoDate, toDate: IsoDate });
export const ExcuseCheck = z.object({
  /** Absences «н» of the student on those dates (lessons of any group), and their academic hours. */
  absences: z.number(),
  hours: z.number(),
  /** Active справки of the student that share days with these dates: a new one is refused. */
  overlapping: z.array(
    z.object({ id: z.number(), fromDate: z.string(), toDate: z.string(), reason: z.string(), document: z.string().nullable() }),
  ),
});
export type ExcuseCheck = z.infer<typeof ExcuseCheck>;
