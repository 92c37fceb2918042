import { IdParam, Ok } from '../common.js';
import { routes } from '../route.js';
import {
  PersonSso,
  PersonSsoLinkInput,
  SsoButtons,
  SsoCallbackQuery,
  SsoLink,
  SsoLinkInput,
  SsoProvider,
  SsoProviderInput,
  SsoProviderParam,
  SsoProviderPatch,
  SsoSettings,
} from '../sso.js';

const tags = ['sso'];

export const SSO_ROUTES = routes({
  'GET /auth/sso/providers': {
    access: 'public',
    tags,
    summary: 'Провайдеры единого входа: названия кнопок и адреса начала входа (для страницы входа, без сессии)',
    response: { 200: SsoButtons },
  },
  'GET /auth/sso/:providerId/start': {
    access: 'public',
    tags,
    summary: 'Начать вход через провайдера: перенаправление к нему (код авторизации, PKCE S256, state, nonce)',
    params: SsoProviderParam,
  },
  'GET /auth/sso/:providerId/callback': {
    access: 'public',
    tags,
    summary:
      'Возврат от провайдера: обмен кода, проверка ID-токена, вход и перенаправление в журнал (или на страницу входа с причиной отказа)',
    params: SsoProviderParam,
    query: SsoCallbackQuery,
  },
  'GET /sso': {
    access: 'sso:providers',
    tags,
    summary: 'Единый вход: провайдеры колледжа и региона, связи людей с учётными записями провайдеров',
    response: { 200: SsoSettings },
  },
  'POST /sso/providers': {
    access: 'sso:providers',
    tags,
    summary: 'Добавить провайдера единого входа (колледжа или, для регионального администратора, региона)',
    body: SsoProviderInput,
    response: { 201: SsoProvider },
  },
  'PATCH /sso/providers/:id': {
    access: 'sso:providers',
    tags,
    summary: 'Изменить провайдера единого входа (только переданные поля; секрет — если передан)',
    params: IdParam,
    body: SsoProviderPatch,
    response: { 200: SsoProvider },
  },
  'DELETE /sso/providers/:id': {
    access: 'sso:providers',
    tags,
    summary: 'Удалить провайдера единого входа вместе с его связями',
    params: IdParam,
    response: { 200: Ok },
  },
  'POST /sso/links': {
    access: 'sso:links',
    tags,
    summary: 'Связать человека (по логину в журнале) с учётной записью провайдера (sub)',
    body: SsoLinkInput,
    response: { 201: SsoLink },
  },
  'GET /sso/persons/:id': {
    access: 'sso:links',
    tags,
    summary: 'Единый вход в карточке человека: его связи с учётными записями провайдеров и провайдеры, с которыми можно связать',
    params: IdParam,
    response: { 200: PersonSso },
  },
  'POST /sso/persons/:id/links': {
    access: 'sso:links',
    tags,
    summary: 'Связать человека из его карточки с учётной записью провайдера (sub)',
    params: IdParam,
    body: PersonSsoLinkInput,
    response: { 201: SsoLink },
  },
  'DELETE /sso/links/:id': {
    access: 'sso:links',
    tags,
    summary: 'Разорвать связь с учётной записью провайдера',
    params: IdParam,
    response: { 200: Ok },
  },
});
