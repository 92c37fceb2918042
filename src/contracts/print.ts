import { z } from 'zod';
import { ArchiveGroup, Batch } from './archive.js';

// The printed journal (issue 13, decision 027): a group's journal of a year or a term, and a
// teacher's part, as PDF on landscape A4 or A3.

export const PAPERS = ['A4', 'A3'] as const;
export const Paper = z.enum(PAPERS).default('A4').meta({ title: 'Формат листа' });

export const GroupJournalQuery = z.object({
  year: z.coerce.number().int().positive().optional().meta({ title: 'Учебный год' }),
  term: z.coerce.number().int().positive().optional().meta({ title: 'Семестр' }),
  paper: Paper,
});
export type GroupJournalQuery = z.infer<typeof GroupJournalQuery>;

export const SubjectJournalQuery = z.object({ paper: Paper });
export type SubjectJournalQuery = z.infer<typeof SubjectJournalQuery>;

/** The printed journals of every group of the college (issue 13 item 2): made in the background, a step per group. */
export const PrintBatchBody = z.object({
  year: z.number().int().positive().optional().meta({ title: 'Учебный год' }),
  term: z.number().int().positive().optional().meta({ title: 'Семестр' }),
  paper: Paper,
});
export type PrintBatchBody = z.infer<typeof PrintBatchBody>;

/** A batch of printed journals: how far it got and the PDF made for each group so far. */
export const PrintBatch = z.object({
  batch: Batch,
  groups: z.array(ArchiveGroup),
});
export type PrintBatch = z.infer<typeof PrintBatch>;
export const PrintBatches = z.array(Batch);
