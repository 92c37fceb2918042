import { z } from 'zod';

// The machine-readable export of a group's academic year kept by the year-end archive (decision 028,
// docs/archive-schema.md). docs/archive-export.schema.json is this schema as JSON Schema; a test
// keeps the two equal and validates real exports against it. Dates are 'YYYY-MM-DD' (the college's
// calendar), instants ISO-8601 UTC; ids are the database's, stable within the file.

const Id = z.number().int().positive();
const Date_ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ARCHIVE_EXPORT_SCHEMA_ID = 'ejournal.archive.group-year/1';

export const ExportStudent = z.strictObject({
  id: Id,
  name: z.string().describe('Фамилия Имя Отчество'),
  recordBookNo: z.string().nullable(),
  from: Date_.describe('в группе с'),
  to: Date_.nullable().describe('в группе по (null — до конца года)'),
});

export const ExportAssignment = z.strictObject({
  id: Id,
  term: z.number().int().describe('номер семестра учебного года'),
  subgroup: z.string().nullable(),
  teacher: z.string(),
  hours: z.number(),
});

export const ExportLesson = z.strictObject({
  id: Id,
  assignmentId: Id,
  date: Date_,
  pairNo: z.number().int().nullable(),
  hours: z.number(),
  status: z.string().describe('scheduled | cancelled'),
  topic: z.string().nullable(),
  workDone: z.string().nullable(),
  workTypes: z.array(z.string()),
  homework: z.string().nullable(),
  teacher: z.string().describe('кто провёл занятие'),
  substitute: z.boolean().describe('занятие провёл заменяющий преподаватель'),
});

export const ExportMark = z.strictObject({
  lessonId: Id,
  studentId: Id,
  kind: z.enum(['grade', 'absence']),
  value: z.string().describe('оценка (2–5, зач, незач) или код пропуска (н, у, б …)'),
  workType: z.string().nullable(),
  weight: z.number(),
  hours: z.number().nullable().describe('пропущено академических часов'),
});

export const ExportTermGrade = z.strictObject({
  assignmentId: Id,
  studentId: Id,
  kind: z.enum(['term', 'exam', 'final']),
  value: z.string(),
  setAt: z.string(),
});

export const ExportCorrection = z.strictObject({
  id: Id,
  lessonId: Id,
  studentId: Id,
  kind: z.enum(['grade', 'absence']),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

export const ExportSubject = z.strictObject({
  code: z.string(),
  name: z.string(),
  assignments: z.array(ExportAssignment),
  lessons: z.array(ExportLesson),
  marks: z.array(ExportMark),
  termGrades: z.array(ExportTermGrade),
  corrections: z.array(ExportCorrection),
});

export const ArchiveExport = z.strictObject({
  schema: z.literal(ARCHIVE_EXPORT_SCHEMA_ID),
  madeAt: z.string(),
  organization: z.strictObject({ name: z.string(), shortName: z.string() }),
  year: z.strictObject({ id: Id, name: z.string(), startDate: Date_, endDate: Date_ }),
  group: z.strictObject({
    id: Id,
    name: z.string(),
    course: z.number().int(),
    intakeYear: z.number().int(),
    program: z.strictObject({ code: z.string(), name: z.string() }),
    curator: z.string().nullable(),
  }),
  students: z.array(ExportStudent),
  subjects: z.array(ExportSubject),
});
export type ArchiveExport = z.infer<typeof ArchiveExport>;
export type ExportSubject = z.infer<typeof ExportSubject>;
