import { z } from 'zod';
import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { IdParam, Ok } from '../../contracts/common.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import {
  AssignBody, ContactChangeList, ContactChangesQuery, ContactsPatch, ContactsResult, CredentialsBody, CredentialsResult, DecisionBody, GroupPage, GroupPageQuery, GroupUsage,
  GuardianCard, GuardianLinkBody, GuardianList, GuardiansQuery, MovementBody, PeopleSettings, Person, PersonPatch, StaffCreate, StaffList, StaffQuery, StaffRolesBody,
  StudentCard, StudentCreate, StudentList, StudentsQuery, SubgroupMembersBody, TemplateQuery, UsageSummary, ViewLogList, ViewLogQuery, ImportBody, ImportReport,
} from '../../contracts/people.js';
import { sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { issueCredentials } from './credentials.js';
import { importFile, templateFile } from './import.js';
import { groupPage, groupUsage, usageSummary, usageXlsx } from './group-page.js';
import { assignToGroup, move, setSubgroupMembers } from './movement.js';
import * as s from './service.js';
import { viewLog } from './view-log.js';
import { getDirection, setDirection } from './direction.js';
import { Direction, DirectionBody } from '../../contracts/people.js';

const Message = z.object({ message: z.string() });
const Created = z.object({ id: z.number(), personId: z.number() });

export async function peopleRoutes(app: App, deps: Deps) {
  const tags = ['people'];
  app.get('/students', { config: { access: 'people:read' }, schema: { tags, summary: 'Обучающиеся: поиск, фильтры, сортировка, страницы', querystring: StudentsQuery, response: { 200: StudentList } } },
    async (req) => s.listStudents(ctxOf(req, deps), req.scopes, req.query));
  app.post('/students', { config: { access: 'people:write' }, schema: { tags, summary: 'Зачислить обучающегося', body: StudentCreate, response: { 200: Created } } },
    async (req) => s.createStudent(ctxOf(req, deps), req.body));
  app.get('/students/:id', { config: { access: 'people:read' }, schema: { tags, summary: 'Карточка обучающегося (просмотр записывается)', params: IdParam, response: { 200: StudentCard } } },
    async (req) => s.studentCard(ctxOf(req, deps), req.scopes, req.params.id));
  app.post('/students/:id/movement', { config: { access: 'people:movement' }, schema: { tags, summary: 'Движение: перевод, академический отпуск и выход, отчисление, восстановление, выпуск', params: IdParam, body: MovementBody, response: { 200: z.object({ eventId: z.number(), status: z.string(), message: z.string() }) } } },
    async (req) => move(ctxOf(req, deps), req.params.id, req.body));
  app.post('/students/:id/guardians', { config: { access: 'people:write' }, schema: { tags, summary: 'Связать родителя (нового или уже известного) с обучающимся', params: IdParam, body: GuardianLinkBody, response: { 200: z.object({ linkId: z.number(), personId: z.number() }) } } },
    async (req) => s.linkGuardian(ctxOf(req, deps), req.scopes, req.params.id, req.body));
  app.delete('/guardian-links/:id', { config: { access: 'people:write' }, schema: { tags, summary: 'Убрать связь родителя с обучающимся', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await s.unlinkGuardian(ctxOf(req, deps), req.scopes, req.params.id);
      return { ok: true as const };
    });

  app.get('/guardians', { config: { access: 'people:read' }, schema: { tags, summary: 'Родители (законные представители)', querystring: GuardiansQuery, response: { 200: GuardianList } } },
    async (req) => s.listGuardians(ctxOf(req, deps), req.scopes, req.query));
  app.get('/guardians/:id', { config: { access: 'people:read' }, schema: { tags, summary: 'Карточка родителя (просмотр записывается)', params: IdParam, response: { 200: GuardianCard } } },
    async (req) => s.guardianCard(ctxOf(req, deps), req.scopes, req.params.id));

  app.put('/persons/:id', { config: { access: 'people:write' }, schema: { tags, summary: 'Изменить персональные данные', params: IdParam, body: PersonPatch, response: { 200: Person } } },
    async (req) => s.updatePerson(ctxOf(req, deps), req.scopes, req.params.id, req.body));
  app.patch('/persons/:id/contacts', { config: { access: 'people:contacts' }, schema: { tags, summary: 'Изменить телефон и эл. почту (куратор — сразу или на утверждение)', params: IdParam, body: ContactsPatch, response: { 200: ContactsResult } } },
    async (req) => s.changeContacts(ctxOf(req, deps), req.scopes, req.params.id, req.body));
  app.get('/contact-changes', { config: { access: 'people:contacts' }, schema: { tags, summary: 'Изменения контактов: кто, когда, было и стало', querystring: ContactChangesQuery, response: { 200: ContactChangeList } } },
    async (req) => s.listContactChanges(ctxOf(req, deps), req.scopes, req.query));
  app.post('/contact-changes/:id/decision', { config: { access: 'people:approve' }, schema: { tags, summary: 'Утвердить или отклонить изменение контактов', params: IdParam, body: DecisionBody, response: { 200: Ok } } },
    async (req) => s.decideContactChange(ctxOf(req, deps), req.scopes, req.params.id, req.body));
  app.get('/people/settings', { config: { access: 'people:read' }, schema: { tags, summary: 'Настройки колледжа по людям', response: { 200: PeopleSettings } } },
    async (req) => s.getSettings(ctxOf(req, deps)));
  app.put('/people/settings', { config: { access: 'people:approve' }, schema: { tags, summary: 'Изменения контактов кураторами — с утверждением или сразу', body: PeopleSettings, response: { 200: PeopleSettings } } },
    async (req) => s.saveSettings(ctxOf(req, deps), req.body));

  app.get('/staff', { config: { access: 'people:read' }, schema: { tags, summary: 'Сотрудники и их роли', querystring: StaffQuery, response: { 200: StaffList } } },
    async (req) => s.listStaff(ctxOf(req, deps), req.scopes, req.query));
  app.post('/staff', { config: { access: 'people:write' }, schema: { tags, summary: 'Добавить сотрудника с ролями', body: StaffCreate, response: { 200: z.object({ personId: z.number() }) } } },
    async (req) => s.createStaff(ctxOf(req, deps), req.body));
  app.put('/staff/:id/roles', { config: { access: 'people:write' }, schema: { tags, summary: 'Роли сотрудника', params: IdParam, body: StaffRolesBody, response: { 200: Ok } } },
    async (req) => s.setStaffRoles(ctxOf(req, deps), req.scopes, req.params.id, req.body.roles));

  app.get('/staff/:id/direction', { config: { access: 'people:write' }, schema: { tags, summary: 'Направление работы специалиста: группы и обучающиеся (п. 2.6)', params: IdParam, response: { 200: Direction } } },
    async (req) => getDirection(ctxOf(req, deps), req.params.id));
  app.put('/staff/:id/direction', { config: { access: 'people:write' }, schema: { tags, summary: 'Назначить специалисту направление работы: группы и обучающиеся (п. 2.6)', params: IdParam, body: DirectionBody, response: { 200: Direction } } },
    async (req) => setDirection(ctxOf(req, deps), req.params.id, req.body));

  app.get('/groups/:id/page', { config: { access: 'people:read' }, schema: { tags, summary: 'Страница группы: обучающиеся, родители, доступ', params: IdParam, querystring: GroupPageQuery, response: { 200: GroupPage } } },
    async (req) => groupPage(ctxOf(req, deps), req.scopes, req.params.id, req.query.date));
  app.post('/groups/:id/assign', { config: { access: 'people:movement' }, schema: { tags, summary: 'Распределить обучающихся в группу (начало года)', params: IdParam, body: AssignBody, response: { 200: Message.extend({ moved: z.number(), enrolled: z.number(), already: z.number() }) } } },
    async (req) => assignToGroup(ctxOf(req, deps), req.params.id, req.body));
  app.put('/subgroups/:id/members', { config: { access: 'people:movement' }, schema: { tags, summary: 'Состав подгруппы с даты', params: IdParam, body: SubgroupMembersBody, response: { 200: Message } } },
    async (req) => setSubgroupMembers(ctxOf(req, deps), req.params.id, req.body));

  app.post('/credentials', { config: { access: 'people:credentials' }, schema: { tags, summary: 'Выдать логины и временные пароли или сбросить пароли; листки для печати', body: CredentialsBody, response: { 200: CredentialsResult } } },
    async (req) => issueCredentials(ctxOf(req, deps), req.scopes, req.body, `${req.protocol}://${req.host}`));

  app.get('/usage', { config: { access: 'usage:read' }, schema: { tags, summary: 'Вход в журнал по группам', response: { 200: UsageSummary } } },
    async (req) => usageSummary(ctxOf(req, deps), req.scopes));
  app.get('/groups/:id/usage', { config: { access: 'usage:read' }, schema: { tags, summary: 'Вход в журнал обучающихся и родителей группы', params: IdParam, response: { 200: GroupUsage } } },
    async (req) => groupUsage(ctxOf(req, deps), req.scopes, req.params.id));
  app.get('/groups/:id/usage.xlsx', { config: { access: 'usage:read' }, schema: { tags, summary: 'Вход в журнал по группе (XLSX)', params: IdParam } },
    async (req, reply) => {
      const f = await usageXlsx(ctxOf(req, deps), req.scopes, req.params.id);
      return sendDownload(reply, f.buf, f.name, XLSX_TYPE);
    });

  app.get('/people/view-log', { config: { access: 'people:view-log' }, schema: { tags, summary: 'Журнал просмотров персональных данных (152-ФЗ)', querystring: ViewLogQuery, response: { 200: ViewLogList } } },
    async (req) => viewLog(ctxOf(req, deps), req.query));

  app.get('/import/template', { config: { access: 'people:import' }, schema: { tags, summary: 'Шаблон файла импорта (XLSX или CSV) с русскими заголовками', querystring: TemplateQuery } },
    async (req, reply) => {
      const f = await templateFile(req.query.kind, req.query.format);
      return sendDownload(reply, f.buf, f.name, f.type);
    });
  app.post('/import', {
    config: { access: 'people:import', upload: UPLOAD_LIMITS.people },
    schema: { tags, summary: 'Импорт обучающихся с родителями или сотрудников: проверка (dryRun) и загрузка целиком', body: ImportBody, response: { 200: ImportReport } },
  }, async (req) => importFile(ctxOf(req, deps), req.body));
}
