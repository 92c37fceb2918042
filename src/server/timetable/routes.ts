import { z } from 'zod';
import type { Deps } from '../app.js';
import { IdParam, Ok } from '../../contracts/common.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import {
  BellDayBody, Bells, BellScheduleBody, Catalog, ChangeBody, ChangeResult, CopyWeekBody, DateQuery, DayPlan, DayQuery, GenerateBody, Grid, GridQuery, GridSaveBody,
  GridSaveResult, ImportBody, ImportResult, LessonStats, PeriodQuery, SubstitutionReport, UnscheduledBody, UnscheduledResult, Week, WeekQuery,
} from '../../contracts/timetable.js';
import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { ctxOf, type App } from '../platform/http.js';
import { exportXlsx, groupWeekPdf, importXlsx } from './files.js';
import {
  addUnscheduled, copyWeek, deleteBellSchedule, deleteChange, deleteUnscheduled, getBells, getCatalog, getDayPlan, getGrid, getWeek, regenerate, saveBellSchedule,
  saveChange, saveGrid, setBellDay, substitutionReport,
} from './service.js';

const tags = ['timetable'];
const Saved = z.object({ id: z.number(), message: z.string() });
const Done = z.object({ ok: z.literal(true), message: z.string() });

export async function timetableRoutes(app: App, deps: Deps) {
  app.get('/timetable/bells', {
    config: { access: 'timetable:read' },
    schema: { tags, summary: 'Расписания звонков и дни с особым расписанием', response: { 200: Bells } },
  }, async (req) => getBells(ctxOf(req, deps)));

  app.post('/timetable/bells', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Новое расписание звонков (например, сокращённый день)', body: BellScheduleBody, response: { 200: Saved } },
  }, async (req) => saveBellSchedule(ctxOf(req, deps), null, req.body));

  app.put('/timetable/bells/:id', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Изменить расписание звонков', params: IdParam, body: BellScheduleBody, response: { 200: Saved } },
  }, async (req) => saveBellSchedule(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/timetable/bells/:id', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Удалить расписание звонков', params: IdParam, response: { 200: Ok } },
  }, async (req) => deleteBellSchedule(ctxOf(req, deps), req.params.id));

  app.put('/timetable/bell-days', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Звонки на дату: особое расписание или снова основное (null)', body: BellDayBody, response: { 200: Done } },
  }, async (req) => setBellDay(ctxOf(req, deps), req.body.date, req.body.bellScheduleId));

  app.get('/timetable/catalog', {
    config: { access: 'timetable:read' },
    schema: { tags, summary: 'Группы, преподаватели и аудитории, чьё расписание можно открыть', response: { 200: Catalog } },
  }, async (req) => getCatalog(ctxOf(req, deps), req.scopes));

  app.get('/timetable/week', {
    config: { access: 'timetable:read' },
    schema: { tags, summary: 'Неделя группы, преподавателя, аудитории или обучающегося с изменениями на даты', querystring: WeekQuery, response: { 200: Week } },
  }, async (req) => getWeek(ctxOf(req, deps), req.scopes, req.query));

  app.get('/timetable/groups/:id/week.pdf', {
    config: { access: 'timetable:read' },
    schema: { tags, summary: 'Печатный лист расписания группы на неделю (PDF)', params: IdParam, querystring: DateQuery },
  }, async (req, reply) => {
    const f = await groupWeekPdf(ctxOf(req, deps), req.scopes, req.params.id, req.query.date);
    return sendDownload(reply, f.buf, f.name, PDF_TYPE);
  });

  app.get('/timetable/groups/:id/grid', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Сетка недели группы для редактора и нагрузка группы', params: IdParam, querystring: GridQuery, response: { 200: Grid } },
  }, async (req) => getGrid(ctxOf(req, deps), req.params.id, req.query.date));

  app.put('/timetable/groups/:id/grid', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Сохранить неделю группы на период (конфликты — 409)', params: IdParam, body: GridSaveBody, response: { 200: GridSaveResult } },
  }, async (req) => saveGrid(ctxOf(req, deps), req.params.id, req.body));

  app.post('/timetable/groups/:id/copy-week', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Скопировать неделю группы на другие недели', params: IdParam, body: CopyWeekBody, response: { 200: GridSaveResult } },
  }, async (req) => copyWeek(ctxOf(req, deps), req.params.id, req.body));

  app.get('/timetable/day', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Все занятия колледжа на дату — для замен и изменений', querystring: DayQuery, response: { 200: DayPlan } },
  }, async (req) => getDayPlan(ctxOf(req, deps), req.query.date));

  app.post('/timetable/changes', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Изменение на дату: отмена, перенос, замена предмета или преподавателя', body: ChangeBody, response: { 200: ChangeResult } },
  }, async (req) => saveChange(ctxOf(req, deps), req.body));

  app.delete('/timetable/changes/:id', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Снять изменение на дату', params: IdParam, response: { 200: Done } },
  }, async (req) => deleteChange(ctxOf(req, deps), req.params.id));

  app.get('/timetable/substitutions', {
    config: { access: 'substitutions:read' },
    schema: { tags, summary: 'Замещённые часы по преподавателям за период (п. 5.3)', querystring: PeriodQuery, response: { 200: SubstitutionReport } },
  }, async (req) => substitutionReport(ctxOf(req, deps), req.scopes, req.query.from, req.query.to));

  app.post('/timetable/lessons/generate', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Сверить занятия периода с расписанием', body: GenerateBody, response: { 200: LessonStats.extend({ message: z.string() }) } },
  }, async (req) => regenerate(ctxOf(req, deps), req.body.from, req.body.to));

  app.post('/lessons/unscheduled', {
    config: { access: 'lessons:unscheduled' },
    schema: { tags, summary: 'Занятие вне расписания (с причиной)', body: UnscheduledBody, response: { 200: UnscheduledResult } },
  }, async (req) => addUnscheduled(ctxOf(req, deps), req.scopes, req.body));

  app.delete('/lessons/unscheduled/:id', {
    config: { access: 'lessons:unscheduled' },
    schema: { tags, summary: 'Удалить незаписанное занятие вне расписания', params: IdParam, response: { 200: Done } },
  }, async (req) => deleteUnscheduled(ctxOf(req, deps), req.scopes, req.params.id));

  app.get('/timetable/export.xlsx', {
    config: { access: 'timetable:write' },
    schema: { tags, summary: 'Расписание семестра в Excel', querystring: DateQuery },
  }, async (req, reply) => {
    const f = await exportXlsx(ctxOf(req, deps), req.query.date);
    return sendDownload(reply, f.buf, f.name, XLSX_TYPE);
  });

  app.post('/timetable/import', {
    config: { access: 'timetable:write', upload: UPLOAD_LIMITS.timetable },
    schema: { tags, summary: 'Загрузка расписания из Excel (сначала проверка без записи)', body: ImportBody, response: { 200: ImportResult } },
  }, async (req) => importXlsx(ctxOf(req, deps), req.body));
}
