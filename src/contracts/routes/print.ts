import { z } from 'zod';
import { IdParam } from '../common.js';
import { GroupJournalQuery, PrintBatch, PrintBatchBody, PrintBatches, SubjectJournalQuery } from '../print.js';
import { routes } from '../route.js';

const tags = ['print'];

export const PRINT_ROUTES = routes({
  'GET /print/groups/:id/journal': {
    access: 'journal:print',
    tags,
    summary: 'Журнал учебных занятий группы за учебный год или семестр (PDF, альбомный A4 или A3; п. 2.5, 3.10)',
    description:
      'Без year — текущий учебный год; term — один семестр этого года. Печатают директор, заместитель директора, методист и куратор своей группы.',
    params: IdParam,
    query: GroupJournalQuery,
  },
  'GET /print/assignments/:id/journal': {
    access: 'journal:print',
    tags,
    summary: 'Журнал по дисциплине — часть преподавателя (PDF, альбомный A4 или A3)',
    description: 'Печатают преподаватель своей дисциплины, куратор группы, директор, заместитель директора и методист.',
    params: IdParam,
    query: SubjectJournalQuery,
  },
  // The printed journals of the whole college, made in the background (a step per group).
  'POST /print/journals': {
    access: 'journal:print',
    tags,
    summary: 'Напечатать журналы всех групп колледжа за учебный год или семестр (PDF, фоновое изготовление)',
    description:
      'Без year — текущий учебный год; term — один семестр этого года. Запускают директор, заместитель директора и методист (печать журналов всего колледжа).',
    body: PrintBatchBody,
    response: { 200: PrintBatch },
  },
  'GET /print/journals': {
    access: 'journal:print',
    tags,
    summary: 'Последние изготовления печатных журналов всех групп',
    response: { 200: PrintBatches },
  },
  'GET /print/journals/:id': {
    access: 'journal:print',
    tags,
    summary: 'Печатные журналы всех групп: ход изготовления и готовые PDF по группам',
    params: IdParam,
    response: { 200: PrintBatch },
  },
  'GET /print/journals/:id/files/:fileId': {
    access: 'journal:print',
    tags,
    summary: 'Печатный журнал одной группы из изготовления (PDF)',
    params: IdParam.extend({ fileId: z.coerce.number().int().positive() }),
  },
  'GET /print/journals/:id/journals.zip': {
    access: 'journal:print',
    tags,
    summary: 'Печатные журналы всех групп одним ZIP (SHA256SUMS)',
    params: IdParam,
  },
});
