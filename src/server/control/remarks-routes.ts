import { IdParam } from '../../contracts/common.js';
import { CreateRemarkBody, Remark, RemarkCommentBody, RemarkList, RemarksQuery, ReopenRemarkBody } from '../../contracts/control-remarks.js';
import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { createRemark, getRemark, listRemarks, moveRemark } from './remarks-service.js';

const tags = ['control'];

export async function remarksRoutes(app: App, deps: Deps) {
  app.get('/control/remarks', {
    config: { access: 'remark:read' },
    schema: { tags, summary: 'Замечания по ведению журнала (по умолчанию действующие); escalated=1 — просроченные, для заместителя директора', querystring: RemarksQuery, response: { 200: RemarkList } },
  }, async (req) => listRemarks(ctxOf(req, deps), req.scopes, req.query));

  app.get('/control/remarks/:id', {
    config: { access: 'remark:read' },
    schema: { tags, summary: 'Замечание с историей', params: IdParam, response: { 200: Remark } },
  }, async (req) => getRemark(ctxOf(req, deps), req.params.id));

  app.post('/control/remarks', {
    config: { access: 'remark:write' },
    schema: { tags, summary: 'Написать замечание по журналу, занятию или преподавателю со сроком', body: CreateRemarkBody, response: { 201: Remark } },
  }, async (req, reply) => reply.status(201).send(await createRemark(ctxOf(req, deps), req.scopes, req.body)));

  app.post('/control/remarks/:id/fix', {
    config: { access: 'remark:read' },
    schema: { tags, summary: 'Преподаватель: замечание исправлено', params: IdParam, body: RemarkCommentBody, response: { 200: Remark } },
  }, async (req) => moveRemark(ctxOf(req, deps), req.params.id, 'fix', req.body.comment));

  app.post('/control/remarks/:id/confirm', {
    config: { access: 'remark:write' },
    schema: { tags, summary: 'Автор: исправление подтверждено', params: IdParam, body: RemarkCommentBody, response: { 200: Remark } },
  }, async (req) => moveRemark(ctxOf(req, deps), req.params.id, 'confirm', req.body.comment));

  app.post('/control/remarks/:id/reopen', {
    config: { access: 'remark:write' },
    schema: { tags, summary: 'Автор: вернуть замечание (с причиной)', params: IdParam, body: ReopenRemarkBody, response: { 200: Remark } },
  }, async (req) => moveRemark(ctxOf(req, deps), req.params.id, 'reopen', req.body.comment));
}
