import { z } from 'zod';
import { IdParam, Ok } from '../common.js';
import { UPLOAD_LIMITS } from '../limits.js';
import {
  AssignmentBody, CreateCurriculumBody, CreatePlanBody, Curriculum, CurriculumList, CurriculumQuery, Fulfilment, FulfilmentQuery, GroupItems, GroupItemsQuery,
  ImportResult, ItemBody, ItemParams, Load, LoadOptions, LoadQuery, MyPlans, PatchAssignmentBody, PatchCurriculumBody, PlanDetail, PlanImportResult, PlanList,
  PlanUploadBody, PlansQuery, PlxImportBody, PlxImportResult, ReturnBody, SaveLinesBody, Uncovered, UploadBody,
} from '../curriculum.js';
import { routes } from '../route.js';


const tags = ['curriculum'];
const Created = z.object({ id: z.number() });

export const CURRICULUM_ROUTES = routes({
  'GET /curricula': { access: 'curriculum:read', tags, summary: 'Учебные планы колледжа по специальностям и годам набора', query: CurriculumQuery, response: { 200: CurriculumList } },
  'POST /curricula': { access: 'curriculum:write', tags, summary: 'Новый учебный план, пустой или копия плана другого года', body: CreateCurriculumBody, response: { 200: Curriculum } },
  'GET /curricula/template.xlsx': { access: 'curriculum:read', tags, summary: 'Шаблон учебного плана (XLSX) для загрузки' },
  'POST /curricula/import-plx': { access: 'curriculum:write', upload: UPLOAD_LIMITS.plx, tags, description: `Файл .plx (UTF-16, diffgram) передаётся в base64. С dryRun: true ничего не записывает и показывает, что будет создано или изменено (план ищется по специальности и году набора), и строки, которые не взяты. Без dryRun загружает всё или ничего; план, по которому уже есть нагрузка или записанные занятия, меняется только с confirm: true. Ошибки (400): plx_not_plx, plx_corrupt, plx_no_semesters, plx_too_large, plx_other_program, plx_no_program (специальности нет, а завести её может только тот, кому доступна структура колледжа).`, summary: 'Загрузить учебный план и график учебного процесса из файла «Планов» (.plx)', body: PlxImportBody, response: { 200: PlxImportResult } },
  'GET /curricula/:id': { access: 'curriculum:read', tags, summary: 'Учебный план: дисциплины, часы по семестрам и видам, формы аттестации, недельная нагрузка', params: IdParam, response: { 200: Curriculum } },
  'GET /curricula/:id/export.xlsx': { access: 'curriculum:read', tags, summary: 'Учебный план в XLSX (в форме шаблона)', params: IdParam },
  'PATCH /curricula/:id': { access: 'curriculum:write', tags, summary: 'Название, состояние и недели обучения по семестрам', params: IdParam, body: PatchCurriculumBody, response: { 200: Curriculum } },
  'DELETE /curricula/:id': { access: 'curriculum:write', tags, summary: 'Удалить учебный план без распределённой нагрузки', params: IdParam, response: { 200: Ok } },
  'POST /curricula/:id/items': { access: 'curriculum:write', tags, summary: 'Добавить дисциплину (МДК, практику, модуль) с часами по семестрам', params: IdParam, body: ItemBody, response: { 200: Curriculum } },
  'PUT /curricula/:id/items/:itemId': { access: 'curriculum:write', tags, summary: 'Изменить дисциплину и её часы', params: ItemParams, body: ItemBody, response: { 200: Curriculum } },
  'DELETE /curricula/:id/items/:itemId': { access: 'curriculum:write', tags, summary: 'Удалить дисциплину, по которой нет нагрузки', params: ItemParams, response: { 200: Curriculum } },
  'POST /curricula/:id/import': { access: 'curriculum:write', upload: UPLOAD_LIMITS.curriculum, tags, summary: 'Загрузить дисциплины и часы из XLSX (по индексу: новые добавляются, имеющиеся обновляются)', params: IdParam, body: UploadBody, response: { 200: ImportResult } },
  'GET /load': { access: 'load:read', tags, summary: 'Нагрузка семестра с итогами по преподавателям и группам', query: LoadQuery, response: { 200: Load } },
  'GET /load/uncovered': { access: 'load:read', tags, summary: 'Часы учебного плана, которые никто не ведёт', query: LoadQuery.pick({ termId: true }), response: { 200: Uncovered } },
  'GET /load/options': { access: 'load:write', tags, summary: 'Семестры, группы с подгруппами и преподаватели для распределения нагрузки', response: { 200: LoadOptions } },
  'GET /load/group-items': { access: 'load:write', tags, summary: 'Дисциплины группы в семестре с часами учебного плана и уже распределёнными', query: GroupItemsQuery, response: { 200: GroupItems } },
  'POST /assignments': { access: 'load:write', tags, summary: 'Назначить преподавателя группе (подгруппе) по дисциплине на семестр', body: AssignmentBody, response: { 200: Created } },
  'PATCH /assignments/:id': { access: 'load:write', tags, summary: 'Передать нагрузку другому преподавателю или изменить часы', params: IdParam, body: PatchAssignmentBody, response: { 200: Created } },
  'DELETE /assignments/:id': { access: 'load:write', tags, summary: 'Снять нагрузку, по которой ещё нет занятий', params: IdParam, response: { 200: Ok } },
  'GET /fulfilment': { access: 'load:read', tags, summary: 'Выполнение нагрузки (п. 2.12): часы по расписанию на сегодня и проведённые', query: FulfilmentQuery, response: { 200: Fulfilment } },
  'GET /lesson-plans': { access: 'plans:read', tags, summary: 'КТП в пределах прав (например, ожидающие утверждения)', query: PlansQuery, response: { 200: PlanList } },
  'GET /lesson-plans/mine': { access: 'plans:read', tags, summary: 'Мои дисциплины этого учебного года и их КТП', response: { 200: MyPlans } },
  'GET /lesson-plans/template.xlsx': { access: 'plans:read', tags, summary: 'Шаблон КТП (XLSX)' },
  'POST /lesson-plans': { access: 'plans:write', tags, summary: 'Создать общий КТП дисциплины или копию для своей группы (подгруппы)', body: CreatePlanBody, response: { 200: PlanDetail } },
  'GET /lesson-plans/:id': { access: 'plans:read', tags, summary: 'КТП: занятия, сверка часов с учебным планом (п. 3.13), состояние и доступные действия', params: IdParam, response: { 200: PlanDetail } },
  'GET /lesson-plans/:id/export.xlsx': { access: 'plans:read', tags, summary: 'КТП в XLSX', params: IdParam },
  'PUT /lesson-plans/:id/lines': { access: 'plans:write', tags, summary: 'Сохранить занятия КТП (весь список, с проверкой версии)', params: IdParam, body: SaveLinesBody, response: { 200: PlanDetail } },
  'POST /lesson-plans/:id/import': { access: 'plans:write', upload: UPLOAD_LIMITS.lessonPlan, tags, summary: 'Загрузить занятия КТП из XLSX (заменяет список)', params: IdParam, body: PlanUploadBody, response: { 200: PlanImportResult } },
  'POST /lesson-plans/:id/submit': { access: 'plans:write', tags, summary: 'Отправить КТП на согласование (часы должны совпадать с учебным планом)', params: IdParam, response: { 200: PlanDetail } },
  'POST /lesson-plans/:id/revise': { access: 'plans:write', tags, summary: 'Внести изменения в утверждённый КТП (вернуть в черновик)', params: IdParam, response: { 200: PlanDetail } },
  'DELETE /lesson-plans/:id': { access: 'plans:write', tags, summary: 'Удалить черновик КТП', params: IdParam, response: { 200: Ok } },
  'POST /lesson-plans/:id/approve': { access: 'plans:approve', tags, summary: 'Утвердить КТП (председатель ПЦК, методист, заместитель директора)', params: IdParam, response: { 200: PlanDetail } },
  'POST /lesson-plans/:id/return': { access: 'plans:approve', tags, summary: 'Вернуть КТП на доработку с замечаниями', params: IdParam, body: ReturnBody, response: { 200: PlanDetail } },
});
