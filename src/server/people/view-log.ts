import type { z } from 'zod';
import type { ViewLogQuery } from '../../contracts/people.js';
import { fullName } from '../../domain/text.js';
import type { Ctx } from '../platform/http.js';
import { insertView, viewPersons, viewsPage } from './queries/view-log.js';

/** What a logged response showed, in the administrator's words. */
export const VIEW_SCREENS = {
  card: 'Карточка',
  'student-card': 'Карточка обучающегося',
  'guardian-card': 'Карточка родителя',
  students: 'Список обучающихся',
  guardians: 'Список родителей',
  staff: 'Список сотрудников',
  'group-page': 'Страница группы',
  'group-usage': 'Вход в журнал по группе',
  'group-usage-xlsx': 'Вход в журнал по группе (XLSX)',
  'contact-changes': 'Изменения контактов',
  credentials: 'Логины и временные пароли (листки)',
  activity: 'Активность пользователей за месяц',
  'activity-xlsx': 'Активность пользователей за месяц (XLSX)',
} as const;
export type ViewScreen = keyof typeof VIEW_SCREENS;

/**
 * 152-ФЗ: every response that shows personal data of others to staff — a card, a list, a group
 * page, an export — writes one entry naming the screen and every person shown. A person's own
 * data and what students and guardians see of their own family are not logged.
 */
export async function logViews(ctx: Ctx, screen: ViewScreen, personIds: Iterable<number>, detail: string | null = null) {
  const p = ctx.principal;
  if (!p.roles.some((r) => r !== 'guardian' && r !== 'student')) return;
  const ids = [...new Set(personIds)].filter((id) => id !== p.personId);
  if (!ids.length) return;
  await insertView(ctx.db, { orgId: p.organizationId, viewerUserId: p.userId, screen, detail, personIds: ids });
}

export async function viewLog(ctx: Ctx, f: z.infer<typeof ViewLogQuery>) {
  const orgId = ctx.principal.organizationId;
  const { total, rows } = await viewsPage(ctx.db, orgId, f);
  const persons = await viewPersons(
    ctx.db,
    orgId,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      viewer: fullName(r),
      viewerLogin: r.login,
      screen: r.screen,
      what: VIEW_SCREENS[r.screen as ViewScreen] ?? r.screen,
      detail: r.detail,
      personCount: r.person_count,
      persons: persons.filter((x) => x.view_id === r.id).map((x) => ({ id: x.id, fullName: fullName(x) })),
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}
