import { FillDay, FillDayQuery, FillTeachers, FillTeachersQuery, MyUnrecorded } from '../../contracts/control-fill.js';
import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { fillDayFor, fillTeachers, myUnrecorded } from './fill-service.js';

const tags = ['control'];

export async function fillRoutes(app: App, deps: Deps) {
  app.get('/control/fill', {
    config: { access: 'control:fill:read' },
    schema: { tags, summary: 'Контроль заполнения за день: прошедшие незаписанные занятия и записанные с опозданием (по умолчанию вчера)', querystring: FillDayQuery, response: { 200: FillDay } },
  }, async (req) => fillDayFor(ctxOf(req, deps), req.scopes, req.query.date));

  app.get('/control/fill/teachers', {
    config: { access: 'control:fill:read' },
    schema: { tags, summary: 'Контроль заполнения по преподавателям за семестр: незаписанные, самая длинная серия, доля записанных в день занятия', querystring: FillTeachersQuery, response: { 200: FillTeachers } },
  }, async (req) => fillTeachers(ctxOf(req, deps), req.scopes, req.query.termId));

  app.get('/control/fill/mine', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Мои прошедшие незаписанные занятия', response: { 200: MyUnrecorded } },
  }, async (req) => myUnrecorded(ctxOf(req, deps)));
}
