import { z } from 'zod';
import { IdParam, Ok } from '../common.js';
import { UPLOAD_LIMITS } from '../limits.js';
import {
  AssignBody, ContactChangeList, ContactChangesQuery, ContactsPatch, ContactsResult, CredentialsBody, CredentialsResult, DecisionBody, GroupPage, GroupPageQuery, GroupUsage,
  GuardianCard, GuardianLinkBody, GuardianList, GuardiansQuery, MovementBody, PeopleSettings, Person, PersonPatch, StaffCreate, StaffList, StaffQuery, StaffRolesBody,
  StudentCard, StudentCreate, StudentList, StudentsQuery, SubgroupMembersBody, TemplateQuery, UsageSummary, ViewLogList, ViewLogQuery, ImportBody, ImportReport,
} from '../people.js';
import { Direction, DirectionBody } from '../people.js';
import { routes } from '../route.js';


const tags = ['people'];
const Message = z.object({ message: z.string() });
const Created = z.object({ id: z.number(), personId: z.number() });

export const PEOPLE_ROUTES = routes({
  'GET /students': { access: 'people:read', tags, summary: 'Обучающиеся: поиск, фильтры, сортировка, страницы', query: StudentsQuery, response: { 200: StudentList } },
  'POST /students': { access: 'people:write', tags, summary: 'Зачислить обучающегося', body: StudentCreate, response: { 200: Created } },
  'GET /students/:id': { access: 'people:read', tags, summary: 'Карточка обучающегося (просмотр записывается)', params: IdParam, response: { 200: StudentCard } },
  'POST /students/:id/movement': { access: 'people:movement', tags, summary: 'Движение: перевод, академический отпуск и выход, отчисление, восстановление, выпуск', params: IdParam, body: MovementBody, response: { 200: z.object({ eventId: z.number(), status: z.string(), message: z.string() }) } },
  'POST /students/:id/guardians': { access: 'people:write', tags, summary: 'Связать родителя (нового или уже известного) с обучающимся', params: IdParam, body: GuardianLinkBody, response: { 200: z.object({ linkId: z.number(), personId: z.number() }) } },
  'DELETE /guardian-links/:id': { access: 'people:write', tags, summary: 'Убрать связь родителя с обучающимся', params: IdParam, response: { 200: Ok } },
  'GET /guardians': { access: 'people:read', tags, summary: 'Родители (законные представители)', query: GuardiansQuery, response: { 200: GuardianList } },
  'GET /guardians/:id': { access: 'people:read', tags, summary: 'Карточка родителя (просмотр записывается)', params: IdParam, response: { 200: GuardianCard } },
  'PUT /persons/:id': { access: 'people:write', tags, summary: 'Изменить персональные данные', params: IdParam, body: PersonPatch, response: { 200: Person } },
  'PATCH /persons/:id/contacts': { access: 'people:contacts', tags, summary: 'Изменить телефон и эл. почту (куратор — сразу или на утверждение)', params: IdParam, body: ContactsPatch, response: { 200: ContactsResult } },
  'GET /contact-changes': { access: 'people:contacts', tags, summary: 'Изменения контактов: кто, когда, было и стало', query: ContactChangesQuery, response: { 200: ContactChangeList } },
  'POST /contact-changes/:id/decision': { access: 'people:approve', tags, summary: 'Утвердить или отклонить изменение контактов', params: IdParam, body: DecisionBody, response: { 200: Ok } },
  'GET /people/settings': { access: 'people:read', tags, summary: 'Настройки колледжа по людям', response: { 200: PeopleSettings } },
  'PUT /people/settings': { access: 'people:approve', tags, summary: 'Изменения контактов кураторами — с утверждением или сразу', body: PeopleSettings, response: { 200: PeopleSettings } },
  'GET /staff': { access: 'people:read', tags, summary: 'Сотрудники и их роли', query: StaffQuery, response: { 200: StaffList } },
  'POST /staff': { access: 'people:write', tags, summary: 'Добавить сотрудника с ролями', body: StaffCreate, response: { 200: z.object({ personId: z.number() }) } },
  'PUT /staff/:id/roles': { access: 'people:write', tags, summary: 'Роли сотрудника', params: IdParam, body: StaffRolesBody, response: { 200: Ok } },
  'GET /staff/:id/direction': { access: 'people:write', tags, summary: 'Направление работы специалиста: группы и обучающиеся (п. 2.6)', params: IdParam, response: { 200: Direction } },
  'PUT /staff/:id/direction': { access: 'people:write', tags, summary: 'Назначить специалисту направление работы: группы и обучающиеся (п. 2.6)', params: IdParam, body: DirectionBody, response: { 200: Direction } },
  'GET /groups/:id/page': { access: 'people:read', tags, summary: 'Страница группы: обучающиеся, родители, доступ', params: IdParam, query: GroupPageQuery, response: { 200: GroupPage } },
  'POST /groups/:id/assign': { access: 'people:movement', tags, summary: 'Распределить обучающихся в группу (начало года)', params: IdParam, body: AssignBody, response: { 200: Message.extend({ moved: z.number(), enrolled: z.number(), already: z.number() }) } },
  'PUT /subgroups/:id/members': { access: 'people:movement', tags, summary: 'Состав подгруппы с даты', params: IdParam, body: SubgroupMembersBody, response: { 200: Message } },
  'POST /credentials': { access: 'people:credentials', tags, summary: 'Выдать логины и временные пароли или сбросить пароли; листки для печати', body: CredentialsBody, response: { 200: CredentialsResult } },
  'GET /usage': { access: 'usage:read', tags, summary: 'Вход в журнал по группам', response: { 200: UsageSummary } },
  'GET /groups/:id/usage': { access: 'usage:read', tags, summary: 'Вход в журнал обучающихся и родителей группы', params: IdParam, response: { 200: GroupUsage } },
  'GET /groups/:id/usage.xlsx': { access: 'usage:read', tags, summary: 'Вход в журнал по группе (XLSX)', params: IdParam },
  'GET /people/view-log': { access: 'people:view-log', tags, summary: 'Журнал просмотров персональных данных (152-ФЗ)', query: ViewLogQuery, response: { 200: ViewLogList } },
  'GET /import/template': { access: 'people:import', tags, summary: 'Шаблон файла импорта (XLSX или CSV) с русскими заголовками', query: TemplateQuery },
  'POST /import': { access: 'people:import', upload: UPLOAD_LIMITS.people, tags, summary: 'Импорт обучающихся с родителями или сотрудников: проверка (dryRun) и загрузка целиком', body: ImportBody, response: { 200: ImportReport } },
});
