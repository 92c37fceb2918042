import { ActivityQuery, ActivityReport } from '../activity.js';
import { routes } from '../route.js';

const tags = ['control'];

export const ACTIVITY_ROUTES = routes({
  'GET /activity': {
    access: 'activity:read',
    tags,
    summary: 'Активность пользователей за месяц (по умолчанию — прошлый)',
    query: ActivityQuery,
    response: { 200: ActivityReport },
  },
  'GET /activity.xlsx': { access: 'activity:read', tags, summary: 'Активность пользователей за месяц (XLSX)', query: ActivityQuery },
});
