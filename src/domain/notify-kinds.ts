// The kinds of notice (issue 14) and their Russian names, for the unsubscribe page, the delivery
// log and a guardian's choices. A kind not listed here is shown as «Уведомления».

export const NOTICE_KINDS: Record<string, string> = {
  grade: 'Новые оценки',
  'grade-2': 'Оценки «2»',
  absence: 'Пропуски',
  digest: 'Еженедельная сводка',
  'term-grades': 'Оценки за семестр',
  report: 'Отчёт за период',
  alert: 'Оповещения о пропусках',
  message: 'Сообщения',
  event: 'События и объявления',
  '*': 'Все письма',
};

export const kindTitle = (kind: string): string => NOTICE_KINDS[kind] ?? 'Уведомления';

export const CHANNEL_TITLES = { email: 'Эл. почта', sms: 'SMS', app: 'В приложении' } as const;
