import {
  AssignmentsQuery,
  AttestationAssignments,
  GradeParams,
  GradeSheet,
  Overrides,
  OverridesQuery,
  SetTermGradeBody,
  SetTermGradeResult,
} from '../../contracts/attestation.js';
import { IdParam } from '../../contracts/common.js';
import type { Deps } from '../app.js';
import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { ctxOf, type App } from '../platform/http.js';
import { sheetFileName, sheetPdf, sheetXlsx } from './documents.js';
import { getSheet, listAssignments, listOverrides, setTermGrade } from './service.js';

export async function attestationRoutes(app: App, deps: Deps) {
  app.get('/attestation/assignments', {
    config: { access: 'attestation:read' },
    schema: { tags: ['attestation'], summary: 'Нагрузка семестра с ходом выставления семестровых оценок', querystring: AssignmentsQuery, response: { 200: AttestationAssignments } },
  }, async (req) => listAssignments(ctxOf(req, deps), req.query.termId, req.scopes));

  app.get('/attestation/assignments/:id/sheet', {
    config: { access: 'attestation:read' },
    schema: { tags: ['attestation'], summary: 'Ведомость группы по дисциплине: средние, проверка объективности (п. 4.2), оценки', params: IdParam, response: { 200: GradeSheet } },
  }, async (req) => getSheet(ctxOf(req, deps), req.params.id, req.scopes));

  for (const ext of ['pdf', 'xlsx'] as const) {
    app.get(`/attestation/assignments/:id/sheet.${ext}`, {
      config: { access: 'attestation:read' },
      schema: { tags: ['attestation'], summary: `Ведомость для печати (${ext.toUpperCase()})`, params: IdParam },
    }, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const sheet = await getSheet(ctx, req.params.id, req.scopes);
      const org = await ctx.db.selectFrom('organizations').select('name').where('id', '=', ctx.principal.organizationId).executeTakeFirstOrThrow();
      const buf = ext === 'pdf' ? await sheetPdf(sheet, org.name) : await sheetXlsx(sheet, org.name);
      return sendDownload(reply, buf, sheetFileName(sheet, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }

  app.put('/attestation/assignments/:id/students/:studentId/grades/:kind', {
    config: { access: 'attestation:write' },
    schema: {
      tags: ['attestation'],
      summary: 'Выставить семестровую, экзаменационную или итоговую оценку (409 objectivity — чего не хватает по п. 4.2)',
      params: GradeParams, body: SetTermGradeBody, response: { 200: SetTermGradeResult },
    },
  }, async (req) => setTermGrade(ctxOf(req, deps), req.params.id, req.params.studentId, req.params.kind, req.body, req.scopes));

  app.get('/attestation/overrides', {
    config: { access: 'attestation:overrides:read' },
    schema: { tags: ['attestation'], summary: 'Оценки, выставленные вопреки проверке объективности: кто, почему, чего не хватало', querystring: OverridesQuery, response: { 200: Overrides } },
  }, async (req) => listOverrides(ctxOf(req, deps), req.query.termId));
}

