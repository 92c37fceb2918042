import { z } from 'zod';
import { IdParam, Ok } from '../../contracts/common.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import {
  AssignmentBody, CreateCurriculumBody, CreatePlanBody, Curriculum, CurriculumList, CurriculumQuery, Fulfilment, FulfilmentQuery, GroupItems, GroupItemsQuery,
  ImportResult, ItemBody, ItemParams, Load, LoadOptions, LoadQuery, MyPlans, PatchAssignmentBody, PatchCurriculumBody, PlanDetail, PlanImportResult, PlanList,
  PlanUploadBody, PlansQuery, ReturnBody, SaveLinesBody, Uncovered, UploadBody,
} from '../../contracts/curriculum.js';
import type { Deps } from '../app.js';
import { sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { ctxOf, type App } from '../platform/http.js';
import {
  createCurriculum, createItem, deleteCurriculum, deleteItem, getCurriculum, importCurriculum, listCurricula, updateCurriculum, updateItem,
} from './curricula-service.js';
import { createAssignment, deleteAssignment, getFulfilment, getLoad, getUncovered, groupItems, loadOptions, updateAssignment } from './load-service.js';
import { approvePlan, createPlan, deletePlan, getPlan, importPlan, listPlans, myPlans, returnPlan, revisePlan, saveLines, submitPlan } from './plans-service.js';
import { curriculumWorkbook, planWorkbook } from './xlsx.js';

const Created = z.object({ id: z.number() });

export async function curriculumRoutes(app: App, deps: Deps) {
  const tags = ['curriculum'];
  const orgName = async (req: Parameters<typeof ctxOf>[0]) =>
    (await deps.db.selectFrom('organizations').select('name').where('id', '=', req.principal!.organizationId).executeTakeFirstOrThrow()).name;
  const commissionsOf = (orgId: number) => deps.db.selectFrom('subject_commissions').select(['id', 'name']).where('organization_id', '=', orgId).orderBy('name').execute();

  // Curricula (учебные планы).
  app.get('/curricula', {
    config: { access: 'curriculum:read' },
    schema: { tags, summary: 'Учебные планы колледжа по специальностям и годам набора', querystring: CurriculumQuery, response: { 200: CurriculumList } },
  }, async (req) => listCurricula(ctxOf(req, deps), req.query.programId));

  app.post('/curricula', {
    config: { access: 'curriculum:write' },
    schema: { tags, summary: 'Новый учебный план, пустой или копия плана другого года', body: CreateCurriculumBody, response: { 200: Curriculum } },
  }, async (req) => createCurriculum(ctxOf(req, deps), req.body));

  app.get('/curricula/template.xlsx', {
    config: { access: 'curriculum:read' },
    schema: { tags, summary: 'Шаблон учебного плана (XLSX) для загрузки' },
  }, async (req, reply) => sendDownload(reply, await curriculumWorkbook(null, await commissionsOf(req.principal!.organizationId)), 'Шаблон учебного плана.xlsx', XLSX_TYPE));

  app.get('/curricula/:id', {
    config: { access: 'curriculum:read' },
    schema: { tags, summary: 'Учебный план: дисциплины, часы по семестрам и видам, формы аттестации, недельная нагрузка', params: IdParam, response: { 200: Curriculum } },
  }, async (req) => getCurriculum(ctxOf(req, deps), req.params.id));

  app.get('/curricula/:id/export.xlsx', {
    config: { access: 'curriculum:read' },
    schema: { tags, summary: 'Учебный план в XLSX (в форме шаблона)', params: IdParam },
  }, async (req, reply) => {
    const c = await getCurriculum(ctxOf(req, deps), req.params.id);
    return sendDownload(reply, await curriculumWorkbook(c, await commissionsOf(req.principal!.organizationId)), `Учебный план ${c.programCode} ${c.intakeYear}.xlsx`, XLSX_TYPE);
  });

  app.patch('/curricula/:id', {
    config: { access: 'curriculum:write' },
    schema: { tags, summary: 'Название, состояние и недели обучения по семестрам', params: IdParam, body: PatchCurriculumBody, response: { 200: Curriculum } },
  }, async (req) => updateCurriculum(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/curricula/:id', {
    config: { access: 'curriculum:write' },
    schema: { tags, summary: 'Удалить учебный план без распределённой нагрузки', params: IdParam, response: { 200: Ok } },
  }, async (req) => {
    await deleteCurriculum(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  app.post('/curricula/:id/items', {
    config: { access: 'curriculum:write' },
    schema: { tags, summary: 'Добавить дисциплину (МДК, практику, модуль) с часами по семестрам', params: IdParam, body: ItemBody, response: { 200: Curriculum } },
  }, async (req) => createItem(ctxOf(req, deps), req.params.id, req.body));

  app.put('/curricula/:id/items/:itemId', {
    config: { access: 'curriculum:write' },
    schema: { tags, summary: 'Изменить дисциплину и её часы', params: ItemParams, body: ItemBody, response: { 200: Curriculum } },
  }, async (req) => updateItem(ctxOf(req, deps), req.params.id, req.params.itemId, req.body));

  app.delete('/curricula/:id/items/:itemId', {
    config: { access: 'curriculum:write' },
    schema: { tags, summary: 'Удалить дисциплину, по которой нет нагрузки', params: ItemParams, response: { 200: Curriculum } },
  }, async (req) => deleteItem(ctxOf(req, deps), req.params.id, req.params.itemId));

  app.post('/curricula/:id/import', {
    config: { access: 'curriculum:write', upload: UPLOAD_LIMITS.curriculum },
    schema: { tags, summary: 'Загрузить дисциплины и часы из XLSX (по индексу: новые добавляются, имеющиеся обновляются)', params: IdParam, body: UploadBody, response: { 200: ImportResult } },
  }, async (req) => importCurriculum(ctxOf(req, deps), req.params.id, req.body));

  // Teaching load (нагрузка) and fulfilment.
  app.get('/load', {
    config: { access: 'load:read' },
    schema: { tags, summary: 'Нагрузка семестра с итогами по преподавателям и группам', querystring: LoadQuery, response: { 200: Load } },
  }, async (req) => getLoad(ctxOf(req, deps), req.scopes, req.query));

  app.get('/load/uncovered', {
    config: { access: 'load:read' },
    schema: { tags, summary: 'Часы учебного плана, которые никто не ведёт', querystring: LoadQuery.pick({ termId: true }), response: { 200: Uncovered } },
  }, async (req) => getUncovered(ctxOf(req, deps), req.scopes, req.query.termId));

  app.get('/load/options', {
    config: { access: 'load:write' },
    schema: { tags, summary: 'Семестры, группы с подгруппами и преподаватели для распределения нагрузки', response: { 200: LoadOptions } },
  }, async (req) => loadOptions(ctxOf(req, deps)));

  app.get('/load/group-items', {
    config: { access: 'load:write' },
    schema: { tags, summary: 'Дисциплины группы в семестре с часами учебного плана и уже распределёнными', querystring: GroupItemsQuery, response: { 200: GroupItems } },
  }, async (req) => groupItems(ctxOf(req, deps), req.query.groupId, req.query.termId));

  app.post('/assignments', {
    config: { access: 'load:write' },
    schema: { tags, summary: 'Назначить преподавателя группе (подгруппе) по дисциплине на семестр', body: AssignmentBody, response: { 200: Created } },
  }, async (req) => createAssignment(ctxOf(req, deps), req.body));

  app.patch('/assignments/:id', {
    config: { access: 'load:write' },
    schema: { tags, summary: 'Передать нагрузку другому преподавателю или изменить часы', params: IdParam, body: PatchAssignmentBody, response: { 200: Created } },
  }, async (req) => updateAssignment(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/assignments/:id', {
    config: { access: 'load:write' },
    schema: { tags, summary: 'Снять нагрузку, по которой ещё нет занятий', params: IdParam, response: { 200: Ok } },
  }, async (req) => {
    await deleteAssignment(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  app.get('/fulfilment', {
    config: { access: 'load:read' },
    schema: { tags, summary: 'Выполнение нагрузки (п. 2.12): часы по расписанию на сегодня и проведённые', querystring: FulfilmentQuery, response: { 200: Fulfilment } },
  }, async (req) => getFulfilment(ctxOf(req, deps), req.scopes, req.query));

  // Lesson plans (КТП).
  app.get('/lesson-plans', {
    config: { access: 'plans:read' },
    schema: { tags, summary: 'КТП в пределах прав (например, ожидающие утверждения)', querystring: PlansQuery, response: { 200: PlanList } },
  }, async (req) => listPlans(ctxOf(req, deps), req.scopes, req.query.status));

  app.get('/lesson-plans/mine', {
    config: { access: 'plans:read' },
    schema: { tags, summary: 'Мои дисциплины этого учебного года и их КТП', response: { 200: MyPlans } },
  }, async (req) => myPlans(ctxOf(req, deps)));

  app.get('/lesson-plans/template.xlsx', {
    config: { access: 'plans:read' },
    schema: { tags, summary: 'Шаблон КТП (XLSX)' },
  }, async (req, reply) => sendDownload(reply, await planWorkbook(null, await orgName(req)), 'Шаблон КТП.xlsx', XLSX_TYPE));

  app.post('/lesson-plans', {
    config: { access: 'plans:write' },
    schema: { tags, summary: 'Создать общий КТП дисциплины или копию для своей группы (подгруппы)', body: CreatePlanBody, response: { 200: PlanDetail } },
  }, async (req) => createPlan(ctxOf(req, deps), req.body));

  app.get('/lesson-plans/:id', {
    config: { access: 'plans:read' },
    schema: { tags, summary: 'КТП: занятия, сверка часов с учебным планом (п. 3.13), состояние и доступные действия', params: IdParam, response: { 200: PlanDetail } },
  }, async (req) => getPlan(ctxOf(req, deps), req.params.id));

  app.get('/lesson-plans/:id/export.xlsx', {
    config: { access: 'plans:read' },
    schema: { tags, summary: 'КТП в XLSX', params: IdParam },
  }, async (req, reply) => {
    const plan = await getPlan(ctxOf(req, deps), req.params.id);
    return sendDownload(reply, await planWorkbook(plan, await orgName(req)), `КТП ${plan.item.code}${plan.groupName ? ` ${plan.groupName}` : ''}.xlsx`, XLSX_TYPE);
  });

  app.put('/lesson-plans/:id/lines', {
    config: { access: 'plans:write' },
    schema: { tags, summary: 'Сохранить занятия КТП (весь список, с проверкой версии)', params: IdParam, body: SaveLinesBody, response: { 200: PlanDetail } },
  }, async (req) => saveLines(ctxOf(req, deps), req.params.id, req.body));

  app.post('/lesson-plans/:id/import', {
    config: { access: 'plans:write', upload: UPLOAD_LIMITS.lessonPlan },
    schema: { tags, summary: 'Загрузить занятия КТП из XLSX (заменяет список)', params: IdParam, body: PlanUploadBody, response: { 200: PlanImportResult } },
  }, async (req) => importPlan(ctxOf(req, deps), req.params.id, req.body));

  app.post('/lesson-plans/:id/submit', {
    config: { access: 'plans:write' },
    schema: { tags, summary: 'Отправить КТП на согласование (часы должны совпадать с учебным планом)', params: IdParam, response: { 200: PlanDetail } },
  }, async (req) => submitPlan(ctxOf(req, deps), req.params.id));

  app.post('/lesson-plans/:id/revise', {
    config: { access: 'plans:write' },
    schema: { tags, summary: 'Внести изменения в утверждённый КТП (вернуть в черновик)', params: IdParam, response: { 200: PlanDetail } },
  }, async (req) => revisePlan(ctxOf(req, deps), req.params.id));

  app.delete('/lesson-plans/:id', {
    config: { access: 'plans:write' },
    schema: { tags, summary: 'Удалить черновик КТП', params: IdParam, response: { 200: Ok } },
  }, async (req) => {
    await deletePlan(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  app.post('/lesson-plans/:id/approve', {
    config: { access: 'plans:approve' },
    schema: { tags, summary: 'Утвердить КТП (председатель ПЦК, методист, заместитель директора)', params: IdParam, response: { 200: PlanDetail } },
  }, async (req) => approvePlan(ctxOf(req, deps), req.params.id));

  app.post('/lesson-plans/:id/return', {
    config: { access: 'plans:approve' },
    schema: { tags, summary: 'Вернуть КТП на доработку с замечаниями', params: IdParam, body: ReturnBody, response: { 200: PlanDetail } },
  }, async (req) => returnPlan(ctxOf(req, deps), req.params.id, req.body.remarks));
}
