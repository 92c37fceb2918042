import { IdParam } from '../../contracts/common.js';
import { GroupSheet, GroupSheetQuery, PerformanceQuery, PerformanceReport } from '../../contracts/performance.js';
import type { Deps } from '../app.js';
import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { ctxOf, type App } from '../platform/http.js';
import { groupSheetPdf, groupSheetXlsx, reportFileName, reportPdf, reportXlsx, sheetFileName } from './performance-documents.js';
import { orgSettings } from './performance-queries.js';
import { groupSheet, performanceReport } from './performance-service.js';

export async function performanceRoutes(app: App, deps: Deps) {
  app.get('/performance', {
    config: { access: 'performance:read' },
    schema: { tags: ['performance'], summary: 'Успеваемость, качество знаний, средний балл, СОУ и пропуски за семестр или год (п. 2.8, 6.2)', querystring: PerformanceQuery, response: { 200: PerformanceReport } },
  }, async (req) => performanceReport(ctxOf(req, deps), req.query, req.scopes));

  app.get('/performance/groups/:id/sheet', {
    config: { access: 'performance:read' },
    schema: { tags: ['performance'], summary: 'Сводная ведомость группы за семестр: итоговые оценки по всем дисциплинам, должники', params: IdParam, querystring: GroupSheetQuery, response: { 200: GroupSheet } },
  }, async (req) => groupSheet(ctxOf(req, deps), req.params.id, req.query.termId, req.scopes));

  for (const ext of ['pdf', 'xlsx'] as const) {
    app.get(`/performance.${ext}`, {
      config: { access: 'performance:read' },
      schema: { tags: ['performance'], summary: `Отчёт об успеваемости (${ext.toUpperCase()})`, querystring: PerformanceQuery },
    }, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const r = await performanceReport(ctx, req.query, req.scopes);
      const org = await orgSettings(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await reportPdf(r, org.name) : await reportXlsx(r, org.name);
      return sendDownload(reply, buf, reportFileName(r, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });

    app.get(`/performance/groups/:id/sheet.${ext}`, {
      config: { access: 'performance:read' },
      schema: { tags: ['performance'], summary: `Сводная ведомость группы (${ext.toUpperCase()})`, params: IdParam, querystring: GroupSheetQuery },
    }, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const s = await groupSheet(ctx, req.params.id, req.query.termId, req.scopes);
      const org = await orgSettings(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await groupSheetPdf(s, org.name) : await groupSheetXlsx(s, org.name);
      return sendDownload(reply, buf, sheetFileName(s, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }
}
