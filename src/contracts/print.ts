import { z } from 'zod';

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
