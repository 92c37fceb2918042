import {
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
});
