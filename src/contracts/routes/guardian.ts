import { IdParam, Ok } from '../common.js';
import {
  AbsenceAlerts,
  AlertsQuery,
  GroupGuardians,
  MyPrefs,
  MyReports,
  OrderReportBody,
  OrderResult,
  PrefsBody,
} from '../notify-guardian.js';
import { routes } from '../route.js';

const tags = ['notify'];

export const GUARDIAN_ROUTES = routes({
  'GET /notify/prefs': {
    access: 'notify:prefs',
    tags,
    summary: 'Что и как сообщать: по каждому ребёнку (или о себе) и каналу — оценки, пропуски, сводка за неделю, итоговые оценки',
    response: { 200: MyPrefs },
  },
  'PUT /notify/prefs': {
    access: 'notify:prefs',
    tags,
    summary: 'Изменить выбор для ребёнка и канала',
    body: PrefsBody,
    response: { 200: MyPrefs },
  },
  'GET /notify/reports': {
    access: 'notify:report',
    tags,
    summary: 'Заказанные отчёты за период и готовые отчёты (PDF)',
    response: { 200: MyReports },
  },
  'POST /notify/reports': {
    access: 'notify:report',
    tags,
    summary: 'Заказать отчёт об оценках и посещаемости за период: один раз или по расписанию (п. 3.12)',
    description: 'Родитель — для своего ребёнка; куратор — для родителя обучающегося своей группы за дни, когда группа была его.',
    body: OrderReportBody,
    response: { 201: OrderResult },
  },
  'POST /notify/reports/orders/:id/cancel': {
    access: 'notify:report',
    tags,
    summary: 'Отменить отчёт по расписанию',
    params: IdParam,
    response: { 200: Ok },
  },
  'GET /notify/reports/:id/pdf': {
    access: 'notify:report',
    tags,
    summary: 'Отчёт за период (PDF)',
    params: IdParam,
  },
  'GET /notify/groups/:id/guardians': {
    access: 'notify:overview',
    tags,
    summary: 'Родители группы: кто что получает и у кого нет рабочего контакта',
    params: IdParam,
    response: { 200: GroupGuardians },
  },
  'GET /notify/alerts': {
    access: 'notify:alerts',
    tags,
    summary: 'Пропуски подряд и часы без уважительной причины сверх порога колледжа (по умолчанию — непросмотренные)',
    query: AlertsQuery,
    response: { 200: AbsenceAlerts },
  },
  'POST /notify/alerts/:id/seen': {
    access: 'notify:alerts',
    tags,
    summary: 'Отметить оповещение о пропусках просмотренным',
    params: IdParam,
    response: { 200: Ok },
  },
});
