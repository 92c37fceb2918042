import { IdParam } from '../common.js';
import { IssuedToken, ServiceAccount, ServiceAccountInput, ServiceAccounts, TokenUses } from '../integrations.js';
import { routes } from '../route.js';

const tags = ['integrations'];

export const INTEGRATIONS_ROUTES = routes({
  'GET /integrations/accounts': {
    access: 'integrations:manage',
    tags,
    summary: 'Интеграции: сервисные учётные записи с ключами API, права, которые можно им дать',
    response: { 200: ServiceAccounts },
  },
  'POST /integrations/accounts': {
    access: 'integrations:manage',
    tags,
    summary: 'Создать сервисную учётную запись: ключ API показывается один раз',
    body: ServiceAccountInput,
    response: { 201: IssuedToken },
  },
  'POST /integrations/accounts/:id/revoke': {
    access: 'integrations:manage',
    tags,
    summary: 'Отозвать ключ API сервисной учётной записи: следующий запрос с ним получит 401',
    params: IdParam,
    response: { 200: ServiceAccount },
  },
  'GET /integrations/accounts/:id/uses': {
    access: 'integrations:manage',
    tags,
    summary: 'Журнал использования ключа API: время, запрос, ответ, адрес (последние 200)',
    params: IdParam,
    response: { 200: TokenUses },
  },
});
