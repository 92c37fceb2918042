import { z } from 'zod';
import { AcademicYear } from './structure.js';

// The year-end archive (issue 13 items 4–5, п. 5.5; decision 028): closing a year, reopening it
// with a reason, the background batch that makes the archive and the files it kept.

export const ReopenYearBody = z.object({ reason: z.string().trim().min(5, 'Укажите причину (не короче 5 знаков).').max(1000) });

export const BatchStatus = z.enum(['queued', 'running', 'done', 'failed']);
/** A background batch: its kind, how far it got (steps: groups), and how it ended. */
export const Batch = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  status: BatchStatus,
  totalSteps: z.number(),
  doneSteps: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Batch = z.infer<typeof Batch>;

export const CloseYearResult = z.object({ year: AcademicYear, batch: Batch });
export type CloseYearResult = z.infer<typeof CloseYearResult>;

export const ArchiveFile = z.object({
  id: z.number(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** SHA-256 of the file's bytes, hex */
  sha256: z.string(),
});
export const ArchiveGroup = z.object({ groupId: z.number().nullable(), groupName: z.string(), files: z.array(ArchiveFile) });

export const YearArchive = z.object({
  year: AcademicYear.extend({ closedByName: z.string().nullable() }),
  /** The latest batch that made the year's archive, null when none was made */
  batch: Batch.nullable(),
  groups: z.array(ArchiveGroup),
});
export type YearArchive = z.infer<typeof YearArchive>;

export const ArchiveYears = z.array(AcademicYear.extend({ batch: Batch.nullable() }));
