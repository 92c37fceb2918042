import { IdParam } from '../common.js';
import { GroupSheet, GroupSheetQuery, PerformanceQuery, PerformanceReport } from '../performance.js';
import { routes } from '../route.js';

const tags = ['performance'];

export const PERFORMANCE_ROUTES = routes({
  'GET /performance': {
    access: 'performance:read',
    tags: ['performance'],
    summary: 'Успеваемость, качество знаний, средний балл, СОУ и пропуски за семестр или год (п. 2.8, 6.2)',
    query: PerformanceQuery,
    response: { 200: PerformanceReport },
  },
  'GET /performance/groups/:id/sheet': {
    access: 'performance:read',
    tags: ['performance'],
    summary: 'Сводная ведомость группы за семестр: итоговые оценки по всем дисциплинам, должники',
    params: IdParam,
    query: GroupSheetQuery,
    response: { 200: GroupSheet },
  },
  'GET /performance.pdf': { access: 'performance:read', tags, summary: 'Отчёт об успеваемости (PDF)', query: PerformanceQuery },
  'GET /performance.xlsx': { access: 'performance:read', tags, summary: 'Отчёт об успеваемости (XLSX)', query: PerformanceQuery },
  'GET /performance/groups/:id/sheet.pdf': {
    access: 'performance:read',
    tags,
    summary: 'Сводная ведомость группы (PDF)',
    params: IdParam,
    query: GroupSheetQuery,
  },
  'GET /performance/groups/:id/sheet.xlsx': {
    access: 'performance:read',
    tags,
    summary: 'Сводная ведомость группы (XLSX)',
    params: IdParam,
    query: GroupSheetQuery,
  },
});
