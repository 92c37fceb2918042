import { IdParam } from '../../contracts/common.js';
import { JobList, MakeFillReportBody, ReportDetail, ReportList, ReportsQuery } from '../../contracts/control-reports.js';
import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { jobs, makeFillReport, report, reports } from './scheduler-service.js';

const tags = ['control'];

export async function schedulerRoutes(app: App, deps: Deps) {
  app.get('/control/reports', {
    config: { access: 'control:reports:read' },
    schema: { tags, summary: 'Сохранённые отчёты: кто или какое задание их сделал и когда', querystring: ReportsQuery, response: { 200: ReportList } },
  }, async (req) => reports(ctxOf(req, deps), req.query.kind));

  app.get('/control/reports/:id', {
    config: { access: 'control:reports:read' },
    schema: { tags, summary: 'Сохранённый отчёт с его данными', params: IdParam, response: { 200: ReportDetail } },
  }, async (req) => report(ctxOf(req, deps), req.params.id));

  app.get('/control/jobs', {
    config: { access: 'control:reports:read' },
    schema: { tags, summary: 'Задания по расписанию: последний выполненный срок, время, ошибка', response: { 200: JobList } },
  }, async (req) => jobs(ctxOf(req, deps)));

  app.post('/control/fill/reports', {
    config: { access: 'control:reports:make' },
    schema: { tags, summary: 'Сохранить контроль заполнения за прошедший день как отчёт', body: MakeFillReportBody, response: { 201: ReportDetail } },
  }, async (req, reply) => reply.status(201).send(await makeFillReport(ctxOf(req, deps), req.scopes, req.body.date)));
}
