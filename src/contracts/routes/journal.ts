import { z } from 'zod';
import { IdParam, Ok } from '../common.js';
import { UPLOAD_LIMITS } from '../limits.js';
import {
  AssignmentList, AssignmentsQuery, Correction, CorrectionList, CorrectionsQuery, CreateCorrectionBody, CreateExcuseBody, CreateMarkBody, DecisionBody,
  DeleteMarkQuery, Excuse, ExcuseCheck, ExcuseCheckQuery, ExcuseList, ExcusesQuery, Grid, GridQuery, History, HistoryQuery, LessonDetail, LessonFile, MarkWriteResult, RecordLessonBody,
  RejectBody, LessonTextResult, SaveLessonTextBody, TodayQuery, TodayResponse, UpdateMarkBody, UploadFileBody,
} from '../journal.js';
import { routes } from '../route.js';

const tags = ['journal'];

export const JOURNAL_ROUTES = routes({
  'GET /journal/today': { access: 'journal:write', tags, summary: 'Занятия преподавателя на день (замены включены)', query: TodayQuery, response: { 200: TodayResponse } },
  'GET /journal/lessons/:id': { access: 'journal:read', tags, summary: 'Занятие: тема, задание, обучающиеся и их отметки, окно внесения', params: IdParam, response: { 200: LessonDetail }, plainJson: true },
  'PUT /journal/lessons/:id': { access: 'journal:write', tags, summary: 'Записать занятие: тема, виды работы, задание, часы (с проверкой версии)', params: IdParam, body: RecordLessonBody, response: { 200: LessonDetail } },
  'PATCH /journal/lessons/:id': { access: 'journal:write', tags, summary: 'Сохранить часть записи занятия (тема, задание…) в фоне: с версией и opId; 409 с текущей записью', params: IdParam, body: SaveLessonTextBody, response: { 200: LessonTextResult } },
  'POST /journal/lessons/:id/files': { access: 'journal:write', upload: UPLOAD_LIMITS.lessonFile, tags, summary: 'Приложить файл к домашнему заданию (base64)', params: IdParam, body: UploadFileBody, response: { 201: LessonFile } },
  'GET /journal/files/:id': { access: 'journal:read', tags, summary: 'Скачать файл домашнего задания', params: IdParam },
  'DELETE /journal/files/:id': { access: 'journal:write', tags, summary: 'Удалить файл домашнего задания', params: IdParam, response: { 200: Ok } },
  'POST /journal/marks': { access: 'journal:write', tags, summary: 'Поставить оценку или отметить пропуск (повтор с тем же opId не дублирует)', body: CreateMarkBody, response: { 200: MarkWriteResult, 201: MarkWriteResult }, plainJson: true },
  'PATCH /journal/marks/:id': { access: 'journal:write', tags, summary: 'Изменить отметку (409 с текущим значением, если её уже изменили)', params: IdParam, body: UpdateMarkBody, response: { 200: MarkWriteResult }, plainJson: true },
  'DELETE /journal/marks/:id': { access: 'journal:write', tags, summary: 'Удалить отметку (с проверкой версии)', params: IdParam, query: DeleteMarkQuery, response: { 200: MarkWriteResult }, plainJson: true },
  'GET /journal/grid': { access: 'journal:read', tags, summary: 'Журнал группы по дисциплине за семестр: обучающиеся × занятия, средние, пропуски', query: GridQuery, response: { 200: Grid }, plainJson: true },
  'GET /journal/assignments': { access: 'journal:read', tags, summary: 'Журналы (нагрузка), доступные пользователю, за семестр', query: AssignmentsQuery, response: { 200: AssignmentList } },
  'GET /journal/history': { access: 'journal:read', tags, summary: 'История клетки: все изменения отметок, справки и заявки', query: HistoryQuery, response: { 200: History } },
  'GET /journal/corrections': { access: 'journal:read', tags, summary: 'Заявки на исправление (свои; все — для заместителя директора и методиста)', query: CorrectionsQuery, response: { 200: CorrectionList } },
  'POST /journal/corrections': { access: 'journal:write', tags, summary: 'Подать заявку на исправление после закрытия окна внесения (п. 3.13)', body: CreateCorrectionBody, response: { 201: Correction } },
  'POST /journal/corrections/:id/approve': { access: 'correction:approve', tags, summary: 'Утвердить заявку: изменение вносится событием, связанным с заявкой', params: IdParam, body: DecisionBody, response: { 200: Correction } },
  'POST /journal/corrections/:id/reject': { access: 'correction:approve', tags, summary: 'Отклонить заявку с пояснением', params: IdParam, body: RejectBody, response: { 200: Correction } },
  'GET /journal/excuses': { access: 'journal:read', tags, summary: 'Справки группы: пропуски «н», признанные уважительными', query: ExcusesQuery, response: { 200: ExcuseList } },
  'POST /journal/excuses': { access: 'absence:excuse', tags, summary: 'Куратор: признать пропуски «н» уважительными за период по справке', body: CreateExcuseBody, response: { 201: Excuse } },
  'GET /journal/excuses/check': { access: 'absence:excuse', tags, summary: 'Куратор: до сохранения справки — сколько пропусков «н» она покроет и какие справки уже действуют в эти дни', query: ExcuseCheckQuery, response: { 200: ExcuseCheck } },
  'DELETE /journal/excuses/:id': { access: 'absence:excuse', tags, summary: 'Куратор: отменить справку', params: IdParam, response: { 200: z.object({ ok: z.literal(true) }) } },
});
