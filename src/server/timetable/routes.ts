import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { exportXlsx, groupWeekPdf, importXlsx } from './files.js';
import { getBells, deleteBellSchedule, saveBellSchedule, setBellDay } from './bells.js';
import { deleteChange, getDayPlan, saveChange } from './changes.js';
import { substitutionReport } from './reports.js';
import { addUnscheduled, deleteUnscheduled } from './unscheduled.js';
import { copyWeek, getGrid, regenerate, saveGrid } from './week-editor.js';
import { getCatalog, getWeek } from './week-views.js';

export async function timetableRoutes(app: App, deps: Deps) {
  serve(app, 'GET /timetable/bells', async (req) => getBells(ctxOf(req, deps)));

  serve(app, 'POST /timetable/bells', async (req) => saveBellSchedule(ctxOf(req, deps), null, req.body));

  serve(app, 'PUT /timetable/bells/:id', async (req) => saveBellSchedule(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'DELETE /timetable/bells/:id', async (req) => deleteBellSchedule(ctxOf(req, deps), req.params.id));

  serve(app, 'PUT /timetable/bell-days', async (req) => setBellDay(ctxOf(req, deps), req.body.date, req.body.bellScheduleId));

  serve(app, 'GET /timetable/catalog', async (req) => getCatalog(ctxOf(req, deps)));

  serve(app, 'GET /timetable/week', async (req) => getWeek(ctxOf(req, deps), req.query));

  serve(app, 'GET /timetable/groups/:id/week.pdf', async (req, reply) => {
    const f = await groupWeekPdf(ctxOf(req, deps), req.params.id, req.query.date);
    return sendDownload(reply, f.buf, f.name, PDF_TYPE);
  });

  serve(app, 'GET /timetable/groups/:id/grid', async (req) => getGrid(ctxOf(req, deps), req.params.id, req.query.date));

  serve(app, 'PUT /timetable/groups/:id/grid', async (req) => saveGrid(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'POST /timetable/groups/:id/copy-week', async (req) => copyWeek(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'GET /timetable/day', async (req) => getDayPlan(ctxOf(req, deps), req.query.date));

  serve(app, 'POST /timetable/changes', async (req) => saveChange(ctxOf(req, deps), req.body));

  serve(app, 'DELETE /timetable/changes/:id', async (req) => deleteChange(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /timetable/substitutions', async (req) => substitutionReport(ctxOf(req, deps), req.query.from, req.query.to));

  serve(app, 'POST /timetable/lessons/generate', async (req) => regenerate(ctxOf(req, deps), req.body.from, req.body.to));

  serve(app, 'POST /lessons/unscheduled', async (req) => addUnscheduled(ctxOf(req, deps), req.body));

  serve(app, 'DELETE /lessons/unscheduled/:id', async (req) => deleteUnscheduled(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /timetable/export.xlsx', async (req, reply) => {
    const f = await exportXlsx(ctxOf(req, deps), req.query.date);
    return sendDownload(reply, f.buf, f.name, XLSX_TYPE);
  });

  serve(app, 'POST /timetable/import', async (req) => importXlsx(ctxOf(req, deps), req.body));
}
