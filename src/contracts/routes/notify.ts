import {
  DeliveryLog,
  DeliveryLogItem,
  DeliveryLogQuery,
  DeliverySummary,
  MarkReadBody,
  MarkReadResult,
  NotificationList,
  NotificationsQuery,
  UnreadCount,
  UnsubscribeBody,
  UnsubscribeInfo,
  UnsubscribeQuery,
  UnsubscribeResult,
} from '../notify.js';
import { IdParam } from '../common.js';
import { routes } from '../route.js';

const tags = ['notify'];

export const NOTIFY_ROUTES = routes({
  'GET /notifications': {
    access: 'authenticated',
    tags,
    summary: 'Мои уведомления, новые сначала, и число непрочитанных',
    query: NotificationsQuery,
    response: { 200: NotificationList },
  },
  'GET /notifications/unread': {
    access: 'authenticated',
    tags,
    summary: 'Число моих непрочитанных уведомлений (для значка в шапке)',
    response: { 200: UnreadCount },
  },
  'POST /notifications/read': {
    access: 'authenticated',
    tags,
    summary: 'Отметить мои уведомления прочитанными: перечисленные или все',
    body: MarkReadBody,
    response: { 200: MarkReadResult },
  },
  'GET /unsubscribe': {
    access: 'public',
    tags,
    summary: 'Отписка по ссылке из письма: от каких писем и для какого адреса (без входа)',
    query: UnsubscribeQuery,
    response: { 200: UnsubscribeInfo },
  },
  'POST /unsubscribe': {
    access: 'public',
    tags,
    summary: 'Отписаться по ссылке из письма от писем этого вида или от всех (без входа)',
    body: UnsubscribeBody,
    response: { 200: UnsubscribeResult },
  },
  'GET /notify/log': {
    access: 'notify:log',
    tags,
    summary: 'Журнал рассылок: кому, что, когда и с каким итогом отправлено (152-ФЗ); фильтры по состоянию, каналу, человеку, датам',
    query: DeliveryLogQuery,
    response: { 200: DeliveryLog },
  },
  'GET /notify/summary': {
    access: 'notify:log',
    tags,
    summary: 'Рассылки коротко: не доставлено, ждут отправки, сколько ждёт самое старое',
    response: { 200: DeliverySummary },
  },
  'POST /notify/outbox/:id/retry': {
    access: 'notify:log',
    tags,
    summary: 'Повторить недоставленное или пропущенное сообщение (по текущему адресу получателя)',
    params: IdParam,
    response: { 200: DeliveryLogItem },
  },
});
