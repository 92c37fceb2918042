import { Children, DayQuery, FamilyDay, FamilyGrades, FamilyWeek, GradesQuery, StudentOverview, WeekQuery } from '../family.js';
import { IdParam } from '../common.js';
import { routes } from '../route.js';

export const FAMILY_ROUTES = routes({
  'GET /family/children': {
    access: 'family:read',
    tags: ['family'],
    summary: 'Обучающиеся, доступные пользователю: он сам или его дети',
    response: { 200: Children },
  },
  'GET /family/students/:id': {
    access: 'family:read',
    tags: ['family'],
    summary: 'Обучающийся: группа, учебные годы и семестры за весь период обучения',
    params: IdParam,
    response: { 200: StudentOverview },
  },
  'GET /family/students/:id/day': {
    access: 'family:read',
    tags: ['family'],
    summary: 'День обучающегося: занятия, оценки и пропуски, новости и задания на следующий день',
    params: IdParam,
    query: DayQuery,
    response: { 200: FamilyDay },
  },
  'GET /family/students/:id/week': {
    access: 'family:read',
    tags: ['family'],
    summary: 'Неделя: расписание, темы, домашние задания и оценки по дням',
    params: IdParam,
    query: WeekQuery,
    response: { 200: FamilyWeek },
  },
  'GET /family/students/:id/grades': {
    access: 'family:read',
    tags: ['family'],
    summary: 'Оценки за семестр по дисциплинам со средними, пропусками и итоговыми оценками',
    params: IdParam,
    query: GradesQuery,
    response: { 200: FamilyGrades },
  },
});
