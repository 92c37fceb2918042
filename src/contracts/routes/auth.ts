import { z } from 'zod';
import { ChangePasswordBody, LoginBody, Me } from '../auth.js';
import { Ok } from '../common.js';
import { routes } from '../route.js';

const tags = ['auth'];

export const AUTH_ROUTES = routes({
  'POST /auth/login': { access: 'public', tags, summary: 'Вход по логину и паролю', body: LoginBody, response: { 200: Me } },
  'POST /auth/logout': {
    access: 'authenticated',
    allowWithTemporaryPassword: true,
    tags,
    summary: 'Выход из системы',
    response: { 200: Ok },
  },
  'POST /auth/logout-all': {
    access: 'authenticated',
    allowWithTemporaryPassword: true,
    tags,
    summary: 'Выход на всех устройствах',
    response: { 200: z.object({ ended: z.number() }) },
  },
  'GET /auth/me': {
    access: 'authenticated',
    allowWithTemporaryPassword: true,
    tags,
    summary: 'Текущий пользователь, его роли и права',
    response: { 200: Me },
  },
  'POST /auth/password': {
    access: 'authenticated',
    allowWithTemporaryPassword: true,
    tags,
    summary: 'Смена пароля (в том числе временного)',
    body: ChangePasswordBody,
    response: { 200: Ok },
  },
});
