import { Children, DayQuery, FamilyDay, FamilyGrades, FamilyWeek, GradesQuery, StudentOverview, WeekQuery } from '../../contracts/family.js';
import { IdParam } from '../../contracts/common.js';
import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { listChildren, studentDay, studentGrades, studentOverview, studentWeek } from './service.js';

// The student's and guardian's view (п. 2.3, 2.6): a student sees only themself, a guardian only linked children.
export async function familyRoutes(app: App, deps: Deps) {
  app.get('/family/children', {
    config: { access: 'family:read' },
    schema: { tags: ['family'], summary: 'Обучающиеся, доступные пользователю: он сам или его дети', response: { 200: Children } },
  }, async (req) => listChildren(ctxOf(req, deps), req.scopes));

  app.get('/family/students/:id', {
    config: { access: 'family:read' },
    schema: { tags: ['family'], summary: 'Обучающийся: группа, учебные годы и семестры за весь период обучения', params: IdParam, response: { 200: StudentOverview } },
  }, async (req) => studentOverview(ctxOf(req, deps), req.params.id, req.scopes));

  app.get('/family/students/:id/day', {
    config: { access: 'family:read' },
    schema: { tags: ['family'], summary: 'День обучающегося: занятия, оценки и пропуски, новости и задания на следующий день', params: IdParam, querystring: DayQuery, response: { 200: FamilyDay } },
  }, async (req) => studentDay(ctxOf(req, deps), req.params.id, req.query.date, req.scopes));

  app.get('/family/students/:id/week', {
    config: { access: 'family:read' },
    schema: { tags: ['family'], summary: 'Неделя: расписание, темы, домашние задания и оценки по дням', params: IdParam, querystring: WeekQuery, response: { 200: FamilyWeek } },
  }, async (req) => studentWeek(ctxOf(req, deps), req.params.id, req.query.from, req.scopes));

  app.get('/family/students/:id/grades', {
    config: { access: 'family:read' },
    schema: { tags: ['family'], summary: 'Оценки за семестр по дисциплинам со средними, пропусками и итоговыми оценками', params: IdParam, querystring: GradesQuery, response: { 200: FamilyGrades } },
  }, async (req) => studentGrades(ctxOf(req, deps), req.params.id, req.query.termId, req.scopes));
}
