import { z } from 'zod';
import { IdParam, Ok } from '../common.js';
import {
  AcademicYear, AcademicYearInput, AcademicYearPatch, AcademicYears, Commission, CommissionInput, Department, DepartmentInput, GroupInput, GroupItem, GroupsQuery,
  Organization, Program, ProgramInput, RegionOverview, RolloverBody, RolloverPlan, RolloverQuery, RolloverUndoBody, Subgroup, SubgroupInput,
} from '../structure.js';
import { routes } from '../route.js';


const tags = ['structure'];
const Message = z.object({ message: z.string() });

export const STRUCTURE_ROUTES = routes({
  'GET /organization': { access: 'organization:read', tags, summary: 'Колледж: текущий учебный год, семестр, численность', response: { 200: Organization } },
  'GET /region/organizations': { access: 'region:read', tags, summary: 'Колледжи региона (региональный наблюдатель)', response: { 200: RegionOverview } },
  'GET /academic-years': { access: 'structure:read', tags, summary: 'Учебные годы и семестры', response: { 200: AcademicYears } },
  'POST /academic-years': { access: 'structure:write', tags, summary: 'Создать учебный год с семестрами', body: AcademicYearInput, response: { 200: AcademicYear } },
  'PATCH /academic-years/:id': { access: 'structure:write', tags, summary: 'Изменить сроки семестров или закрыть учебный год', params: IdParam, body: AcademicYearPatch, response: { 200: AcademicYear } },
  'GET /departments': { access: 'structure:read', tags, summary: 'Отделения', response: { 200: z.array(Department) } },
  'POST /departments': { access: 'structure:write', tags, summary: 'Создать отделение', body: DepartmentInput, response: { 200: Department } },
  'PUT /departments/:id': { access: 'structure:write', tags, summary: 'Изменить отделение', params: IdParam, body: DepartmentInput, response: { 200: Department } },
  'GET /programs': { access: 'structure:read', tags, summary: 'Специальности и профессии', response: { 200: z.array(Program) } },
  'POST /programs': { access: 'structure:write', tags, summary: 'Создать специальность (профессию)', body: ProgramInput, response: { 200: Program } },
  'PUT /programs/:id': { access: 'structure:write', tags, summary: 'Изменить специальность (профессию)', params: IdParam, body: ProgramInput, response: { 200: Program } },
  'GET /commissions': { access: 'structure:read', tags, summary: 'Предметно-цикловые комиссии', response: { 200: z.array(Commission) } },
  'POST /commissions': { access: 'structure:write', tags, summary: 'Создать ПЦК', body: CommissionInput, response: { 200: Commission } },
  'PUT /commissions/:id': { access: 'structure:write', tags, summary: 'Изменить ПЦК и её председателя', params: IdParam, body: CommissionInput, response: { 200: Commission } },
  'GET /groups': { access: 'structure:read', tags, summary: 'Учебные группы (поиск, курс, специальность, статус)', query: GroupsQuery, response: { 200: z.array(GroupItem) } },
  'POST /groups': { access: 'structure:write', tags, summary: 'Создать группу', body: GroupInput, response: { 200: GroupItem } },
  'PUT /groups/:id': { access: 'structure:write', tags, summary: 'Изменить группу (курс, куратор, специальность)', params: IdParam, body: GroupInput, response: { 200: GroupItem } },
  'POST /groups/:id/subgroups': { access: 'structure:write', tags, summary: 'Добавить подгруппу', params: IdParam, body: SubgroupInput, response: { 200: Subgroup } },
  'DELETE /subgroups/:id': { access: 'structure:write', tags, summary: 'Удалить подгруппу без нагрузки', params: IdParam, response: { 200: Ok } },
  'GET /rollover/preview': { access: 'structure:write', tags, summary: 'Переход на новый учебный год: что будет сделано', query: RolloverQuery, response: { 200: RolloverPlan } },
  'POST /rollover': { access: 'structure:write', tags, summary: 'Переход на новый учебный год: новый год, перевод на следующий курс, выпуск (с даты окончания года; раньше — с названной датой и подтверждением)', body: RolloverBody, response: { 200: Message } },
  'POST /rollover/:id/undo': { access: 'structure:write', tags, summary: 'Отменить переход на новый учебный год (до первой отметки нового года)', params: IdParam, body: RolloverUndoBody, response: { 200: Message } },
});
