import { z } from 'zod';
import { IdParam, Ok } from '../../contracts/common.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import {
  AssignmentList, AssignmentsQuery, Correction, CorrectionList, CorrectionsQuery, CreateCorrectionBody, CreateExcuseBody, CreateMarkBody, DecisionBody,
  DeleteMarkQuery, Excuse, ExcuseCheck, ExcuseCheckQuery, ExcuseList, ExcusesQuery, Grid, GridQuery, History, HistoryQuery, LessonDetail, LessonFile, MarkWriteResult, RecordLessonBody,
  RejectBody, LessonTextResult, SaveLessonTextBody, TodayQuery, TodayResponse, UpdateMarkBody, UploadFileBody,
} from '../../contracts/journal.js';
import type { Deps } from '../app.js';
import { sendDownload } from '../platform/documents.js';
import { ctxOf, type App } from '../platform/http.js';
import {
  addLessonFile, approveCorrection, assignments, cellHistory, checkExcuse, createExcuse, createMark, deleteLessonFile, deleteMark, excuses, grid, lessonDetail,
  lessonFile, listCorrections, recordLesson, rejectCorrection, requestCorrection, revokeExcuse, teacherDay, updateMark,
} from './service.js';
import { saveLessonText } from './lesson-text.js';

const tags = ['journal'];
// The grid and the lesson are built from typed rows; re-validating hundreds of marks with zod on
// the way out would cost more than the queries (the schemas still document the responses).
const plainJson = () => (data: unknown) => JSON.stringify(data);

export async function journalRoutes(app: App, deps: Deps) {
  app.get('/journal/today', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Занятия преподавателя на день (замены включены)', querystring: TodayQuery, response: { 200: TodayResponse } },
  }, async (req) => teacherDay(ctxOf(req, deps), req.query.date));

  app.get('/journal/lessons/:id', {
    config: { access: 'journal:read' },
    serializerCompiler: plainJson,
    schema: { tags, summary: 'Занятие: тема, задание, обучающиеся и их отметки, окно внесения', params: IdParam, response: { 200: LessonDetail } },
  }, async (req) => lessonDetail(ctxOf(req, deps), req.scopes, req.params.id));

  app.put('/journal/lessons/:id', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Записать занятие: тема, виды работы, задание, часы (с проверкой версии)', params: IdParam, body: RecordLessonBody, response: { 200: LessonDetail } },
  }, async (req) => recordLesson(ctxOf(req, deps), req.params.id, req.body));

  app.patch('/journal/lessons/:id', {
    config: { access: 'journal:write' },
    schema: {
      tags, summary: 'Сохранить часть записи занятия (тема, задание…) в фоне: с версией и opId; 409 с текущей записью', params: IdParam, body: SaveLessonTextBody,
      response: { 200: LessonTextResult },
    },
  }, async (req) => saveLessonText(ctxOf(req, deps), req.params.id, req.body));

  app.post('/journal/lessons/:id/files', {
    config: { access: 'journal:write', upload: UPLOAD_LIMITS.lessonFile },
    schema: { tags, summary: 'Приложить файл к домашнему заданию (base64)', params: IdParam, body: UploadFileBody, response: { 201: LessonFile } },
  }, async (req, reply) => reply.status(201).send(await addLessonFile(ctxOf(req, deps), req.params.id, req.body)));

  app.get('/journal/files/:id', {
    config: { access: 'journal:read' },
    schema: { tags, summary: 'Скачать файл домашнего задания', params: IdParam },
  }, async (req, reply) => {
    const f = await lessonFile(ctxOf(req, deps), req.scopes, req.params.id);
    return sendDownload(reply, f.content, f.fileName, f.contentType);
  });

  app.delete('/journal/files/:id', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Удалить файл домашнего задания', params: IdParam, response: { 200: Ok } },
  }, async (req) => deleteLessonFile(ctxOf(req, deps), req.params.id));

  app.post('/journal/marks', {
    config: { access: 'journal:write' },
    schema: {
      tags, summary: 'Поставить оценку или отметить пропуск (повтор с тем же opId не дублирует)', body: CreateMarkBody,
      response: { 200: MarkWriteResult, 201: MarkWriteResult },
    },
  }, async (req, reply) => {
    const r = await createMark(ctxOf(req, deps), req.body);
    return reply.status(r.replayed ? 200 : 201).send(r);
  });

  app.patch('/journal/marks/:id', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Изменить отметку (409 с текущим значением, если её уже изменили)', params: IdParam, body: UpdateMarkBody, response: { 200: MarkWriteResult } },
  }, async (req) => updateMark(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/journal/marks/:id', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Удалить отметку (с проверкой версии)', params: IdParam, querystring: DeleteMarkQuery, response: { 200: MarkWriteResult } },
  }, async (req) => deleteMark(ctxOf(req, deps), req.params.id, req.query));

  app.get('/journal/grid', {
    config: { access: 'journal:read' },
    serializerCompiler: plainJson,
    schema: { tags, summary: 'Журнал группы по дисциплине за семестр: обучающиеся × занятия, средние, пропуски', querystring: GridQuery, response: { 200: Grid } },
  }, async (req) => grid(ctxOf(req, deps), req.scopes, req.query.assignmentId));

  app.get('/journal/assignments', {
    config: { access: 'journal:read' },
    schema: { tags, summary: 'Журналы (нагрузка), доступные пользователю, за семестр', querystring: AssignmentsQuery, response: { 200: AssignmentList } },
  }, async (req) => assignments(ctxOf(req, deps), req.scopes, req.query));

  app.get('/journal/history', {
    config: { access: 'journal:read' },
    schema: { tags, summary: 'История клетки: все изменения отметок, справки и заявки', querystring: HistoryQuery, response: { 200: History } },
  }, async (req) => cellHistory(ctxOf(req, deps), req.scopes, req.query.lessonId, req.query.studentId));

  app.get('/journal/corrections', {
    config: { access: 'journal:read' },
    schema: { tags, summary: 'Заявки на исправление (свои; все — для заместителя директора и методиста)', querystring: CorrectionsQuery, response: { 200: CorrectionList } },
  }, async (req) => listCorrections(ctxOf(req, deps), req.query.status));

  app.post('/journal/corrections', {
    config: { access: 'journal:write' },
    schema: { tags, summary: 'Подать заявку на исправление после закрытия окна внесения (п. 3.13)', body: CreateCorrectionBody, response: { 201: Correction } },
  }, async (req, reply) => reply.status(201).send(await requestCorrection(ctxOf(req, deps), req.body)));

  app.post('/journal/corrections/:id/approve', {
    config: { access: 'correction:approve' },
    schema: { tags, summary: 'Утвердить заявку: изменение вносится событием, связанным с заявкой', params: IdParam, body: DecisionBody, response: { 200: Correction } },
  }, async (req) => approveCorrection(ctxOf(req, deps), req.params.id, req.body.comment));

  app.post('/journal/corrections/:id/reject', {
    config: { access: 'correction:approve' },
    schema: { tags, summary: 'Отклонить заявку с пояснением', params: IdParam, body: RejectBody, response: { 200: Correction } },
  }, async (req) => rejectCorrection(ctxOf(req, deps), req.params.id, req.body.comment));

  app.get('/journal/excuses', {
    config: { access: 'journal:read' },
    schema: { tags, summary: 'Справки группы: пропуски «н», признанные уважительными', querystring: ExcusesQuery, response: { 200: ExcuseList } },
  }, async (req) => excuses(ctxOf(req, deps), req.query.groupId));

  app.post('/journal/excuses', {
    config: { access: 'absence:excuse' },
    schema: { tags, summary: 'Куратор: признать пропуски «н» уважительными за период по справке', body: CreateExcuseBody, response: { 201: Excuse } },
  }, async (req, reply) => reply.status(201).send(await createExcuse(ctxOf(req, deps), req.body)));

  app.get('/journal/excuses/check', {
    config: { access: 'absence:excuse' },
    schema: { tags, summary: 'Куратор: до сохранения справки — сколько пропусков «н» она покроет и какие справки уже действуют в эти дни', querystring: ExcuseCheckQuery, response: { 200: ExcuseCheck } },
  }, async (req) => checkExcuse(ctxOf(req, deps), req.query));

  app.delete('/journal/excuses/:id', {
    config: { access: 'absence:excuse' },
    schema: { tags, summary: 'Куратор: отменить справку', params: IdParam, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => revokeExcuse(ctxOf(req, deps), req.params.id));
}
