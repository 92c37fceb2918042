import { z } from 'zod';
import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { IdParam, Ok } from '../../contracts/common.js';
import {
  AcademicYear, AcademicYearInput, AcademicYearPatch, AcademicYears, Commission, CommissionInput, Department, DepartmentInput, GroupInput, GroupItem, GroupsQuery,
  Organization, Program, ProgramInput, RegionOverview, RolloverBody, RolloverPlan, RolloverQuery, RolloverUndoBody, Subgroup, SubgroupInput,
} from '../../contracts/structure.js';
import { applyRollover, previewRollover, undoRollover } from './rollover.js';
import * as s from './service.js';

const Message = z.object({ message: z.string() });

export async function structureRoutes(app: App, deps: Deps) {
  const tags = ['structure'];
  app.get('/organization', {
    config: { access: 'organization:read' },
    schema: { tags, summary: 'Колледж: текущий учебный год, семестр, численность', response: { 200: Organization } },
  }, async (req) => s.getOrganization(ctxOf(req, deps)));

  app.get('/region/organizations', {
    config: { access: 'region:read' },
    schema: { tags, summary: 'Колледжи региона (региональный наблюдатель)', response: { 200: RegionOverview } },
  }, async (req) => s.regionOverview(ctxOf(req, deps)));

  app.get('/academic-years', { config: { access: 'structure:read' }, schema: { tags, summary: 'Учебные годы и семестры', response: { 200: AcademicYears } } },
    async (req) => s.listYears(ctxOf(req, deps)));
  app.post('/academic-years', { config: { access: 'structure:write' }, schema: { tags, summary: 'Создать учебный год с семестрами', body: AcademicYearInput, response: { 200: AcademicYear } } },
    async (req) => s.createYear(ctxOf(req, deps), req.body));
  app.patch('/academic-years/:id', { config: { access: 'structure:write' }, schema: { tags, summary: 'Изменить сроки семестров или закрыть учебный год', params: IdParam, body: AcademicYearPatch, response: { 200: AcademicYear } } },
    async (req) => s.updateYear(ctxOf(req, deps), req.params.id, req.body));

  app.get('/departments', { config: { access: 'structure:read' }, schema: { tags, summary: 'Отделения', response: { 200: z.array(Department) } } },
    async (req) => s.listDepartments(ctxOf(req, deps)));
  app.post('/departments', { config: { access: 'structure:write' }, schema: { tags, summary: 'Создать отделение', body: DepartmentInput, response: { 200: Department } } },
    async (req) => s.saveDepartment(ctxOf(req, deps), null, req.body));
  app.put('/departments/:id', { config: { access: 'structure:write' }, schema: { tags, summary: 'Изменить отделение', params: IdParam, body: DepartmentInput, response: { 200: Department } } },
    async (req) => s.saveDepartment(ctxOf(req, deps), req.params.id, req.body));

  app.get('/programs', { config: { access: 'structure:read' }, schema: { tags, summary: 'Специальности и профессии', response: { 200: z.array(Program) } } },
    async (req) => s.listPrograms(ctxOf(req, deps)));
  app.post('/programs', { config: { access: 'structure:write' }, schema: { tags, summary: 'Создать специальность (профессию)', body: ProgramInput, response: { 200: Program } } },
    async (req) => s.saveProgram(ctxOf(req, deps), null, req.body));
  app.put('/programs/:id', { config: { access: 'structure:write' }, schema: { tags, summary: 'Изменить специальность (профессию)', params: IdParam, body: ProgramInput, response: { 200: Program } } },
    async (req) => s.saveProgram(ctxOf(req, deps), req.params.id, req.body));

  app.get('/commissions', { config: { access: 'structure:read' }, schema: { tags, summary: 'Предметно-цикловые комиссии', response: { 200: z.array(Commission) } } },
    async (req) => s.listCommissions(ctxOf(req, deps)));
  app.post('/commissions', { config: { access: 'structure:write' }, schema: { tags, summary: 'Создать ПЦК', body: CommissionInput, response: { 200: Commission } } },
    async (req) => s.saveCommission(ctxOf(req, deps), null, req.body));
  app.put('/commissions/:id', { config: { access: 'structure:write' }, schema: { tags, summary: 'Изменить ПЦК и её председателя', params: IdParam, body: CommissionInput, response: { 200: Commission } } },
    async (req) => s.saveCommission(ctxOf(req, deps), req.params.id, req.body));

  app.get('/groups', { config: { access: 'structure:read' }, schema: { tags, summary: 'Учебные группы (поиск, курс, специальность, статус)', querystring: GroupsQuery, response: { 200: z.array(GroupItem) } } },
    async (req) => s.listGroups(ctxOf(req, deps), req.query));
  app.post('/groups', { config: { access: 'structure:write' }, schema: { tags, summary: 'Создать группу', body: GroupInput, response: { 200: GroupItem } } },
    async (req) => s.saveGroup(ctxOf(req, deps), null, req.body));
  app.put('/groups/:id', { config: { access: 'structure:write' }, schema: { tags, summary: 'Изменить группу (курс, куратор, специальность)', params: IdParam, body: GroupInput, response: { 200: GroupItem } } },
    async (req) => s.saveGroup(ctxOf(req, deps), req.params.id, req.body));
  app.post('/groups/:id/subgroups', { config: { access: 'structure:write' }, schema: { tags, summary: 'Добавить подгруппу', params: IdParam, body: SubgroupInput, response: { 200: Subgroup } } },
    async (req) => s.addSubgroup(ctxOf(req, deps), req.params.id, req.body.name));
  app.delete('/subgroups/:id', { config: { access: 'structure:write' }, schema: { tags, summary: 'Удалить подгруппу без нагрузки', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await s.deleteSubgroup(ctxOf(req, deps), req.params.id);
      return { ok: true as const };
    });

  app.get('/rollover/preview', { config: { access: 'structure:write' }, schema: { tags, summary: 'Переход на новый учебный год: что будет сделано', querystring: RolloverQuery, response: { 200: RolloverPlan } } },
    async (req) => previewRollover(ctxOf(req, deps), req.query.effectiveDate));
  app.post('/rollover', { config: { access: 'structure:write' }, schema: { tags, summary: 'Переход на новый учебный год: новый год, перевод на следующий курс, выпуск (с даты окончания года; раньше — с названной датой и подтверждением)', body: RolloverBody, response: { 200: Message } } },
    async (req) => applyRollover(ctxOf(req, deps), req.body));
  app.post('/rollover/:id/undo', { config: { access: 'structure:write' }, schema: { tags, summary: 'Отменить переход на новый учебный год (до первой отметки нового года)', params: IdParam, body: RolloverUndoBody, response: { 200: Message } } },
    async (req) => undoRollover(ctxOf(req, deps), req.params.id, req.body.reason));
}
