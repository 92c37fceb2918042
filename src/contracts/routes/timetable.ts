import { z } from 'zod';
import { IdParam, Ok } from '../common.js';
import { UPLOAD_LIMITS } from '../limits.js';
import {
  BellDayBody, Bells, BellScheduleBody, Catalog, ChangeBody, ChangeResult, CopyWeekBody, DateQuery, DayPlan, DayQuery, GenerateBody, Grid, GridQuery, GridSaveBody,
  GridSaveResult, ImportBody, ImportResult, LessonStats, PeriodQuery, SubstitutionReport, UnscheduledBody, UnscheduledResult, Week, WeekQuery,
} from '../timetable.js';
import { routes } from '../route.js';

const tags = ['timetable'];
const Saved = z.object({ id: z.number(), message: z.string() });
const Done = z.object({ ok: z.literal(true), message: z.string() });

export const TIMETABLE_ROUTES = routes({
  'GET /timetable/bells': { access: 'timetable:read', tags, summary: 'Расписания звонков и дни с особым расписанием', response: { 200: Bells } },
  'POST /timetable/bells': { access: 'timetable:write', tags, summary: 'Новое расписание звонков (например, сокращённый день)', body: BellScheduleBody, response: { 200: Saved } },
  'PUT /timetable/bells/:id': { access: 'timetable:write', tags, summary: 'Изменить расписание звонков', params: IdParam, body: BellScheduleBody, response: { 200: Saved } },
  'DELETE /timetable/bells/:id': { access: 'timetable:write', tags, summary: 'Удалить расписание звонков', params: IdParam, response: { 200: Ok } },
  'PUT /timetable/bell-days': { access: 'timetable:write', tags, summary: 'Звонки на дату: особое расписание или снова основное (null)', body: BellDayBody, response: { 200: Done } },
  'GET /timetable/catalog': { access: 'timetable:read', tags, summary: 'Группы, преподаватели и аудитории, чьё расписание можно открыть', response: { 200: Catalog } },
  'GET /timetable/week': { access: 'timetable:read', tags, summary: 'Неделя группы, преподавателя, аудитории или обучающегося с изменениями на даты', query: WeekQuery, response: { 200: Week } },
  'GET /timetable/groups/:id/week.pdf': { access: 'timetable:read', tags, summary: 'Печатный лист расписания группы на неделю (PDF)', params: IdParam, query: DateQuery },
  'GET /timetable/groups/:id/grid': { access: 'timetable:write', tags, summary: 'Сетка недели группы для редактора и нагрузка группы', params: IdParam, query: GridQuery, response: { 200: Grid } },
  'PUT /timetable/groups/:id/grid': { access: 'timetable:write', tags, summary: 'Сохранить неделю группы на период (конфликты — 409)', params: IdParam, body: GridSaveBody, response: { 200: GridSaveResult } },
  'POST /timetable/groups/:id/copy-week': { access: 'timetable:write', tags, summary: 'Скопировать неделю группы на другие недели', params: IdParam, body: CopyWeekBody, response: { 200: GridSaveResult } },
  'GET /timetable/day': { access: 'timetable:write', tags, summary: 'Все занятия колледжа на дату — для замен и изменений', query: DayQuery, response: { 200: DayPlan } },
  'POST /timetable/changes': { access: 'timetable:write', tags, summary: 'Изменение на дату: отмена, перенос, замена предмета или преподавателя', body: ChangeBody, response: { 200: ChangeResult } },
  'DELETE /timetable/changes/:id': { access: 'timetable:write', tags, summary: 'Снять изменение на дату', params: IdParam, response: { 200: Done } },
  'GET /timetable/substitutions': { access: 'substitutions:read', tags, summary: 'Замещённые часы по преподавателям за период (п. 5.3)', query: PeriodQuery, response: { 200: SubstitutionReport } },
  'POST /timetable/lessons/generate': { access: 'timetable:write', tags, summary: 'Сверить занятия периода с расписанием', body: GenerateBody, response: { 200: LessonStats.extend({ message: z.string() }) } },
  'POST /lessons/unscheduled': { access: 'lessons:unscheduled', tags, summary: 'Занятие вне расписания (с причиной)', body: UnscheduledBody, response: { 200: UnscheduledResult } },
  'DELETE /lessons/unscheduled/:id': { access: 'lessons:unscheduled', tags, summary: 'Удалить незаписанное занятие вне расписания', params: IdParam, response: { 200: Done } },
  'GET /timetable/export.xlsx': { access: 'timetable:write', tags, summary: 'Расписание семестра в Excel', query: DateQuery },
  'POST /timetable/import': { access: 'timetable:write', upload: UPLOAD_LIMITS.timetable, tags, summary: 'Загрузка расписания из Excel (сначала проверка без записи)', body: ImportBody, response: { 200: ImportResult } },
});
