import { IdParam, Ok } from '../common.js';
import {
  DemoExam,
  DemoExamBody,
  GiaGroupPage,
  GiaGroups,
  GiaHistory,
  GiaStaff,
  GiaYearQuery,
  ModuleExam,
  ModuleExamBody,
  SecretaryBody,
  SecretaryParams,
  StudentGia,
  Thesis,
  ThesisBody,
} from '../gia.js';
import { routes } from '../route.js';

const tags = ['gia'];

// Writes need `gia:read` at the guard: a secretary of the ГЭК is appointed per group and holds no
// `gia:write`; the service lets through `gia:write` over the college or the group's secretary (decision 034).
export const GIA_ROUTES = routes({
  'GET /gia/groups': {
    access: 'gia:read',
    tags,
    summary: 'ГИА и экзамены по модулям: группы в вашем доступе за учебный год (по умолчанию текущий)',
    query: GiaYearQuery,
    response: { 200: GiaGroups },
  },
  'GET /gia/groups/:id': {
    access: 'gia:read',
    tags,
    summary: 'ГИА группы за учебный год: демонстрационный экзамен, ВКР, экзамены по модулям',
    params: IdParam,
    query: GiaYearQuery,
    response: { 200: GiaGroupPage },
  },
  'GET /gia/groups/:id/history': {
    access: 'gia:read',
    tags,
    summary: 'История изменений записей ГИА группы: кто, когда, было → стало, причина',
    params: IdParam,
    query: GiaYearQuery,
    response: { 200: GiaHistory },
  },
  'GET /gia/groups/:id/protocol.pdf': {
    access: 'gia:read',
    tags,
    summary: 'Протокол ГИА группы (PDF)',
    params: IdParam,
    query: GiaYearQuery,
  },
  'GET /gia/groups/:id/protocol.xlsx': {
    access: 'gia:read',
    tags,
    summary: 'Протокол ГИА группы (XLSX)',
    params: IdParam,
    query: GiaYearQuery,
  },
  'PUT /gia/demo-exams': {
    access: 'gia:read',
    yearOf: ['year:body.yearId'],
    tags,
    summary: 'Результат демонстрационного экзамена (оценка по порогам колледжа); изменение — с причиной',
    body: DemoExamBody,
    response: { 200: DemoExam },
  },
  'PUT /gia/theses': {
    access: 'gia:read',
    yearOf: ['year:body.yearId'],
    tags,
    summary: 'ВКР: тема, руководитель, рецензент, допуск, дата и оценка защиты; изменение оценки — с причиной',
    body: ThesisBody,
    response: { 200: Thesis },
  },
  'PUT /gia/module-exams': {
    access: 'gia:read',
    yearOf: ['year:body.yearId'],
    tags,
    summary: 'Экзамен по модулю: вид профессиональной деятельности освоен / не освоен и оценка; изменение — с причиной',
    body: ModuleExamBody,
    response: { 200: ModuleExam },
  },
  'GET /gia/staff': {
    access: 'gia:write',
    tags,
    summary: 'Сотрудники, которых можно назначить секретарём ГЭК',
    response: { 200: GiaStaff },
  },
  'POST /gia/groups/:id/secretaries': {
    access: 'gia:write',
    tags,
    summary: 'Назначить секретаря ГЭК группы',
    params: IdParam,
    body: SecretaryBody,
    response: { 200: Ok },
  },
  'DELETE /gia/groups/:id/secretaries/:personId': {
    access: 'gia:write',
    tags,
    summary: 'Снять секретаря ГЭК группы',
    params: SecretaryParams,
    response: { 200: Ok },
  },
  'GET /gia/students/:id': {
    access: 'gia:read',
    tags,
    summary: 'ГИА и экзамены по модулям обучающегося: сам обучающийся, его родители, сотрудники в доступе',
    params: IdParam,
    response: { 200: StudentGia },
  },
});
