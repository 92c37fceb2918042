import { IdParam } from '../common.js';
import { GroupJournalQuery, SubjectJournalQuery } from '../print.js';
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
});
