import { CollegeSettings, CollegeSettingsPatch } from '../college-settings.js';
import { IdParam } from '../common.js';
import { College, CollegeAdminInput, CollegeInput, CollegeList, CollegeStatusBody, IssuedAdmin } from '../region.js';
import { routes } from '../route.js';

const tags = ['region'];

export const REGION_ROUTES = routes({
  'GET /region/colleges': {
    access: 'region:colleges',
    tags,
    summary: 'Колледжи региона: состояние, численность, администраторы (региональный администратор)',
    response: { 200: CollegeList },
  },
  'POST /region/colleges': {
    access: 'region:colleges',
    tags,
    summary: 'Создать колледж в регионе',
    body: CollegeInput,
    response: { 201: College },
  },
  'POST /region/colleges/:id/suspend': {
    access: 'region:colleges',
    tags,
    summary: 'Приостановить колледж: его пользователи не входят и не пользуются API, данные сохраняются, задания не выполняются',
    params: IdParam,
    body: CollegeStatusBody,
    response: { 200: College },
  },
  'POST /region/colleges/:id/activate': {
    access: 'region:colleges',
    tags,
    summary: 'Возобновить работу приостановленного колледжа',
    params: IdParam,
    body: CollegeStatusBody,
    response: { 200: College },
  },
  'POST /region/colleges/:id/admins': {
    access: 'region:colleges',
    tags,
    summary: 'Назначить администратора журнала колледжа: логин и временный пароль выдаются один раз',
    params: IdParam,
    body: CollegeAdminInput,
    response: { 201: IssuedAdmin },
  },
  'GET /college/settings': {
    access: 'college:settings',
    tags,
    summary: 'Настройки колледжа: действующие значения и история изменений',
    response: { 200: CollegeSettings },
  },
  'PATCH /college/settings': {
    access: 'college:settings',
    tags,
    summary: 'Изменить настройки колледжа (только переданные поля)',
    body: CollegeSettingsPatch,
    response: { 200: CollegeSettings },
  },
});
