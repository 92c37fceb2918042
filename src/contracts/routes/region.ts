import { CollegeSettings, CollegeSettingsPatch } from '../college-settings.js';
import { IdParam } from '../common.js';
import { College, CollegeAdminInput, CollegeInput, CollegeList, CollegeStatusBody, IssuedAdmin } from '../region.js';
import { CollegeFigures, Recomputed, RegionReport, RegionReportQuery } from '../region-reports.js';
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
    summary: 'Назначить администратора журнала колледжа или регионального наблюдателя: логин и временный пароль выдаются один раз',
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
  'GET /region/reports': {
    access: 'region:reports',
    tags,
    summary: 'Отчёт региона за семестр или год по колледжам и в целом, с предыдущим периодом (рассчитанные показатели)',
    query: RegionReportQuery,
    response: { 200: RegionReport },
  },
  'GET /region/reports.pdf': { access: 'region:reports', tags, summary: 'Отчёт региона (PDF)', query: RegionReportQuery },
  'GET /region/reports.xlsx': { access: 'region:reports', tags, summary: 'Отчёт региона (XLSX)', query: RegionReportQuery },
  'GET /region/reports/colleges/:id': {
    access: 'region:reports',
    tags,
    summary: 'Показатели колледжа по группам и курсам (группы менее 5 студентов — только вместе), с предыдущим периодом',
    params: IdParam,
    query: RegionReportQuery,
    response: { 200: CollegeFigures },
  },
  'GET /region/reports/colleges/:id/report.pdf': {
    access: 'region:reports',
    tags,
    summary: 'Показатели колледжа (PDF)',
    params: IdParam,
    query: RegionReportQuery,
  },
  'GET /region/reports/colleges/:id/report.xlsx': {
    access: 'region:reports',
    tags,
    summary: 'Показатели колледжа (XLSX)',
    params: IdParam,
    query: RegionReportQuery,
  },
  'POST /region/reports/colleges/:id/recompute': {
    access: 'region:colleges',
    tags,
    summary: 'Пересчитать показатели колледжа за текущий и предыдущий периоды сейчас, не дожидаясь задания',
    params: IdParam,
    response: { 200: Recomputed },
  },
});
