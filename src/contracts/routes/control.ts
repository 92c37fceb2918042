import { FillDay, FillDayQuery, FillTeachers, FillTeachersQuery, MyUnrecorded } from '../control-fill.js';
import { IdParam, Ok } from '../common.js';
import { ControlPlan, PlanCopyBody, PlanDoneBody, PlanLine, PlanLineBody, PlanLineEdit, PlanOverdue, PlanQuery } from '../control-plan.js';
import { JobList, MakeFillReportBody, ReportDetail, ReportList, ReportsQuery } from '../control-reports.js';
import { CreateRemarkBody, Remark, RemarkCommentBody, RemarkList, RemarksQuery, ReopenRemarkBody } from '../control-remarks.js';
import { MakeWeeklyBody, WeeklyCheck, WeeklyList } from '../control-weekly.js';
import { HomeAbsences, HomeBehind, HomeDebtors } from '../control-home.js';
import { routes } from '../route.js';
import { MakeTermCheckBody, MyTermCheckParts, TermCheck, TermCheckList, TermCheckQuery } from '../control-term-check.js';

const tags = ['control'];

export const CONTROL_ROUTES = routes({
  'GET /control/fill': {
    access: 'control:fill:read',
    tags,
    summary: 'Контроль заполнения за день: прошедшие незаписанные занятия и записанные с опозданием (по умолчанию вчера)',
    query: FillDayQuery,
    response: { 200: FillDay },
  },
  'GET /control/fill/teachers': {
    access: 'control:fill:read',
    tags,
    summary: 'Контроль заполнения по преподавателям за семестр: незаписанные, самая длинная серия, доля записанных в день занятия',
    query: FillTeachersQuery,
    response: { 200: FillTeachers },
  },
  'GET /control/fill/mine': {
    access: 'journal:write',
    tags,
    summary: 'Мои прошедшие незаписанные занятия',
    response: { 200: MyUnrecorded },
  },
  'GET /control/reports': {
    access: 'control:reports:read',
    tags,
    summary: 'Сохранённые отчёты: кто или какое задание их сделал и когда',
    query: ReportsQuery,
    response: { 200: ReportList },
  },
  'GET /control/reports/:id': {
    access: 'control:reports:read',
    tags,
    summary: 'Сохранённый отчёт с его данными',
    params: IdParam,
    response: { 200: ReportDetail },
  },
  'GET /control/jobs': {
    access: 'control:reports:read',
    tags,
    summary: 'Задания по расписанию: последний выполненный срок, время, ошибка',
    response: { 200: JobList },
  },
  'POST /control/fill/reports': {
    access: 'control:reports:make',
    tags,
    summary: 'Сохранить контроль заполнения за прошедший день как отчёт',
    body: MakeFillReportBody,
    response: { 201: ReportDetail },
  },
  'GET /control/remarks': {
    access: 'remark:read',
    tags,
    summary: 'Замечания по ведению журнала (по умолчанию действующие); escalated=1 — просроченные, для заместителя директора',
    query: RemarksQuery,
    response: { 200: RemarkList },
  },
  'GET /control/remarks/:id': { access: 'remark:read', tags, summary: 'Замечание с историей', params: IdParam, response: { 200: Remark } },
  'POST /control/remarks': {
    access: 'remark:write',
    tags,
    summary: 'Написать замечание по журналу, занятию или преподавателю со сроком',
    body: CreateRemarkBody,
    response: { 201: Remark },
  },
  'POST /control/remarks/:id/fix': {
    access: 'remark:read',
    tags,
    summary: 'Преподаватель: замечание исправлено',
    params: IdParam,
    body: RemarkCommentBody,
    response: { 200: Remark },
  },
  'POST /control/remarks/:id/confirm': {
    access: 'remark:write',
    tags,
    summary: 'Автор: исправление подтверждено',
    params: IdParam,
    body: RemarkCommentBody,
    response: { 200: Remark },
  },
  'POST /control/remarks/:id/reopen': {
    access: 'remark:write',
    tags,
    summary: 'Автор: вернуть замечание (с причиной)',
    params: IdParam,
    body: ReopenRemarkBody,
    response: { 200: Remark },
  },
  'GET /control/weekly': {
    access: 'control:reports:read',
    tags,
    summary: 'Еженедельный контроль журналов: сохранённые отчёты по неделям и их подпись',
    response: { 200: WeeklyList },
  },
  'GET /control/weekly/:id': {
    access: 'control:reports:read',
    tags,
    summary: 'Еженедельный контроль за неделю: по преподавателям и группам, накопляемость оценок, подпись',
    params: IdParam,
    response: { 200: WeeklyCheck },
  },
  'POST /control/weekly': {
    access: 'control:reports:make',
    tags,
    summary: 'Составить еженедельный контроль за неделю (прошедшую или текущую)',
    body: MakeWeeklyBody,
    response: { 201: WeeklyCheck },
  },
  'POST /control/weekly/:id/sign': {
    access: 'control:weekly:sign',
    tags,
    summary: 'Заместитель директора подписывает еженедельный контроль (один раз)',
    params: IdParam,
    response: { 200: WeeklyCheck },
  },
  'GET /control/weekly/:id/report.pdf': {
    access: 'control:reports:read',
    tags,
    summary: 'Еженедельный контроль (PDF)',
    params: IdParam,
  },
  'GET /control/weekly/:id/report.xlsx': {
    access: 'control:reports:read',
    tags,
    summary: 'Еженедельный контроль (XLSX)',
    params: IdParam,
  },
  'GET /control/term-checks': {
    access: 'control:reports:read',
    tags,
    summary: 'Проверки по итогам семестра (п. 5.3): кто и когда составил, сколько ознакомились',
    query: TermCheckQuery,
    response: { 200: TermCheckList },
  },
  'POST /control/term-checks': {
    access: 'control:reports:make',
    tags,
    summary: 'Составить справку по итогам проверки журналов за семестр на имя директора',
    body: MakeTermCheckBody,
    response: { 201: TermCheck },
  },
  'GET /control/term-checks/mine': {
    access: 'term-check:ack',
    tags,
    summary: 'Мои части справок по итогам семестра (преподаватель, куратор)',
    response: { 200: MyTermCheckParts },
  },
  'GET /control/term-checks/:id': {
    access: 'control:reports:read',
    tags,
    summary: 'Справка по итогам семестра: выполнение программы, работы, объективность, пропуски, кто ознакомлен',
    params: IdParam,
    response: { 200: TermCheck },
  },
  'GET /control/term-checks/:id/report.pdf': {
    access: 'control:reports:read',
    tags,
    summary: 'Справка по итогам семестра (PDF)',
    params: IdParam,
  },
  'GET /control/term-checks/:id/report.xlsx': {
    access: 'control:reports:read',
    tags,
    summary: 'Справка по итогам семестра (XLSX): показатели по журналам, накопляемость оценок',
    params: IdParam,
  },
  'POST /control/term-checks/parts/:id/ack': {
    access: 'term-check:ack',
    tags,
    summary: 'Ознакомлен со своей частью справки',
    params: IdParam,
    response: { 200: MyTermCheckParts },
  },
  // Each role's home shows its duty (issue 12 item 7); each answers within the caller's reach.
  'GET /control/home/absences': {
    access: 'journal:read',
    tags,
    summary: 'Главная: кто отсутствует сегодня и пропуски за неделю в доступных группах (куратор — своя группа, специалист — направление)',
    response: { 200: HomeAbsences },
  },
  'GET /control/home/debtors': {
    access: 'performance:read',
    tags,
    summary: 'Главная: должники своих групп за последний завершённый семестр («2», «не зачтено», «н/а», нет итоговой оценки)',
    response: { 200: HomeDebtors },
  },
  'GET /control/home/behind': {
    access: 'control:fill:read',
    tags,
    summary:
      'Главная: отстающие журналы за семестр (прошедшие незаписанные занятия по преподавателям и дисциплинам; председатель ПЦК — своей комиссии)',
    response: { 200: HomeBehind },
  },
  // The plan of intra-college control (п. 2.12): kept by the deputy director, read by the director and the methodologist.
  'GET /control/plan': {
    access: 'control:plan:read',
    tags,
    summary: 'План внутриколледжного контроля на учебный год: строки, сроки и что выполнено, просрочено, предстоит',
    query: PlanQuery,
    response: { 200: ControlPlan },
  },
  'GET /control/plan/overdue': {
    access: 'control:plan:read',
    tags,
    summary: 'Просроченные проверки плана внутриколледжного контроля',
    response: { 200: PlanOverdue },
  },
  'POST /control/plan/lines': {
    access: 'control:plan:write',
    tags,
    summary: 'Добавить строку плана: что, где, когда и кто проверяет',
    body: PlanLineBody,
    response: { 201: PlanLine },
  },
  'PUT /control/plan/lines/:id': {
    access: 'control:plan:write',
    tags,
    summary: 'Изменить строку плана',
    params: IdParam,
    body: PlanLineEdit,
    response: { 200: PlanLine },
  },
  'DELETE /control/plan/lines/:id': {
    access: 'control:plan:write',
    tags,
    summary: 'Удалить строку плана (с отметками о выполнении)',
    params: IdParam,
    response: { 200: Ok },
  },
  'POST /control/plan/copy': {
    access: 'control:plan:write',
    tags,
    summary: 'Начать план года с копии плана прошлого года (даты сдвигаются на год)',
    body: PlanCopyBody,
    response: { 200: ControlPlan },
  },
  'POST /control/plan/lines/:id/done': {
    access: 'control:plan:read',
    tags,
    summary: 'Отметить срок строки выполненным: отчёт или замечание и комментарий (проверяющий по строке или заместитель директора)',
    params: IdParam,
    body: PlanDoneBody,
    response: { 200: PlanLine },
  },
  'DELETE /control/plan/marks/:id': {
    access: 'control:plan:read',
    tags,
    summary: 'Снять отметку о выполнении',
    params: IdParam,
    response: { 200: PlanLine },
  },
  'GET /control/plan/report.pdf': {
    access: 'control:plan:read',
    tags,
    summary: 'План внутриколледжного контроля с отметками о выполнении (PDF)',
    query: PlanQuery,
  },
  'GET /control/plan/report.xlsx': {
    access: 'control:plan:read',
    tags,
    summary: 'План внутриколледжного контроля с отметками о выполнении (XLSX)',
    query: PlanQuery,
  },
});
