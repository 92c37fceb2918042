import { z } from 'zod';
import { countRu } from '../domain/russian.js';

// Field errors speak the words of the form (issue 10): every input field of the API has a
// Russian label, the one the web form shows next to it. A field's label is its `.meta({ title })`
// in the contract when a form names it in its own way, or else the entry below for its name.
// field-labels.test.ts walks the OpenAPI document and fails for an input field without one.
export const FIELD_LABELS: Record<string, string> = {
  admission: 'Допуск к защите',
  // Guardians' notices and reports for a period (issue 14 items 6, 7).
  absenceThreshold: 'Порог пропусков (N)',
  absences: 'Пропуски',
  digest: 'Сводка за неделю',
  grades: 'Оценки',
  schedule: 'Периодичность',
  termGrades: 'Итоговые оценки',
  approve: 'Решение',
  all: 'Все',
  assignmentId: 'Дисциплина',
  bellScheduleId: 'Расписание звонков',
  birthDate: 'Дата рождения',
  cells: 'Занятия недели',
  channel: 'Канал',
  chairPersonId: 'Председатель',
  code: 'Код',
  comment: 'Комментарий',
  competence: 'Компетенция',
  confirm: 'Подтверждение',
  commissionId: 'ПЦК',
  consultation: 'Консультации, ч',
  contactChangesNeedApproval: 'Порядок изменения контактов',
  contentBase64: 'Файл',
  contentType: 'Тип файла',
  copyFromId: 'Скопировать из плана',
  course: 'Курс',
  course_project: 'Курсовое проектирование, ч',
  curatorPersonId: 'Куратор',
  currentPassword: 'Текущий пароль',
  curriculumItemId: 'Дисциплина учебного плана',
  cutoffs: 'Пороги оценки ДЭ',
  date: 'Дата',
  defenseDate: 'Дата защиты',
  departmentId: 'Отделение',
  document: 'Документ',
  dryRun: 'Только проверка',
  durationTerms: 'Срок обучения, семестров',
  effectiveDate: 'Дата вступления в силу',
  email: 'Эл. почта',
  endDate: 'Дата окончания',
  endsAt: 'Конец',
  enrolDate: 'Дата зачисления',
  entryId: 'Занятие',
  exam: 'Экзамен, ч',
  examDate: 'Дата экзамена',
  fileName: 'Имя файла',
  firstName: 'Имя',
  form: 'Форма аттестации',
  format: 'Формат',
  from: 'С даты',
  fromDate: 'С даты',
  gender: 'Пол',
  grade: 'Оценка',
  groupId: 'Группа',
  groupIds: 'Группы',
  guardianPersonId: 'Родитель',
  headPersonId: 'Руководитель',
  homework: 'Домашнее задание',
  hours: 'Часы',
  fileId: 'Файл',
  id: 'Номер записи',
  ids: 'Записи',
  intakeYear: 'Год набора',
  isDefault: 'Основное расписание',
  itemId: 'Дисциплина',
  kind: 'Вид',
  laboratory: 'Лабораторные, ч',
  lastName: 'Фамилия',
  lessonId: 'Занятие',
  lessonType: 'Вид занятия',
  level: 'Уровень ДЭ',
  lines: 'Занятия КТП',
  login: 'Логин',
  markId: 'Отметка',
  mastered: 'Вид деятельности',
  max: 'Максимум баллов',
  middleName: 'Отчество',
  mine: 'Только мои',
  moduleId: 'Профессиональный модуль',
  modules: 'Модули ДЭ',
  month: 'Месяц',
  name: 'Название',
  newPassword: 'Новый пароль',
  note: 'Комментарий',
  number: 'Номер',
  opId: 'Номер операции',
  orderNo: 'Номер приказа',
  page: 'Страница',
  pageSize: 'Строк на странице',
  pairNo: 'Пара',
  parentId: 'Раздел',
  parity: 'Неделя (чётная, нечётная)',
  password: 'Пароль',
  periods: 'Пары и перемены',
  personId: 'Человек',
  personIds: 'Кому выдать доступ',
  phone: 'Телефон',
  points: 'Баллы',
  position: 'Номер занятия',
  practical: 'Практические, ч',
  practice: 'Практика, ч',
  programId: 'Специальность',
  q: 'Поиск',
  qualification: 'Квалификация',
  reason: 'Причина',
  recordBookNo: '№ зачётной книжки',
  relation: 'Кем приходится',
  remarks: 'Замечания преподавателю',
  reset: 'Сбросить пароль',
  reviewer: 'Рецензент',
  reviewerGrade: 'Рецензия',
  role: 'Роль',
  roles: 'Роли',
  room: 'Аудитория',
  section: 'Раздел',
  selfStudyHours: 'Часы самостоятельной работы',
  selfStudyTask: 'Самостоятельная работа',
  self_study: 'Самостоятельная работа, ч',
  snils: 'СНИЛС',
  sort: 'Сортировка',
  sourceDate: 'Неделя, откуда копировать',
  startDate: 'Дата начала',
  startsAt: 'Начало',
  status: 'Состояние',
  studentId: 'Обучающийся',
  studentIds: 'Обучающиеся',
  subgroupId: 'Подгруппа',
  supervisor: 'Руководитель',
  supervisorGrade: 'Отзыв руководителя',
  teacherPersonId: 'Преподаватель',
  termId: 'Семестр',
  termNo: 'Семестр',
  termWeeks: 'Недель в семестрах',
  terms: 'Семестры',
  theory: 'Теория, ч',
  title: 'Должность',
  to: 'По дату',
  toDate: 'По дату',
  toGroupId: 'В группу',
  toPairNo: 'Новая пара',
  toSubgroupId: 'В подгруппу',
  token: 'Ссылка для отписки',
  undo: 'Отмена действия',
  topic: 'Тема',
  value: 'Отметка',
  version: 'Версия записи',
  view: 'Чьё расписание',
  viewerUserId: 'Кто смотрел',
  weekday: 'День недели',
  weekStart: 'Неделя',
  weight: 'Вес оценки',
  workDone: 'Содержание работы',
  workType: 'Вид работы',
  workTypes: 'Виды работы',
  dueDate: 'Срок исправления',
  escalated: 'Только просроченные',
  extraForms: 'Другие формы аттестации',
  target: 'К чему замечание',
  text: 'Текст замечания',
  yearId: 'Учебный год',
  recipientPersonId: 'Кому',
  subject: 'Тема сообщения',
  files: 'Файлы',
  place: 'Место',
  time: 'Время',
  notify: 'Уведомить',
};

type AnySchema = z.core.$ZodType;
const titleOf = (s: AnySchema): string | undefined => (z.globalRegistry.get(s) as { title?: string } | undefined)?.title;

/** The schema inside optional / nullable / default / pipe wrappers, with the first title met on the way. */
function unwrap(s: AnySchema): { schema: AnySchema; title?: string } {
  let title = titleOf(s);
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) break;
    s = next;
    title ??= titleOf(s);
  }
  return { schema: s, title };
}

/** The label of the field at `path` of a request schema: «Дата начала», «Пара (строка 3)». */
export function fieldLabel(schema: AnySchema | undefined, path: readonly PropertyKey[]): string {
  let s = schema ? unwrap(schema) : undefined;
  let label: string | undefined;
  let row: number | undefined;
  for (const key of path) {
    if (typeof key === 'number' || /^\d+$/.test(String(key))) {
      row = Number(key) + 1;
      const def = s?.schema._zod.def as { type: string; element?: AnySchema } | undefined;
      s = def?.type === 'array' && def.element ? unwrap(def.element) : undefined;
      continue;
    }
    const def = s?.schema._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
    const field = def?.type === 'object' ? def.shape?.[String(key)] : undefined;
    s = field ? unwrap(field) : undefined;
    label = s?.title ?? FIELD_LABELS[String(key)] ?? String(key);
  }
  if (!label) return 'Данные формы';
  return row ? `${label} (строка ${row})` : label;
}

const SYMBOLS = ['символ', 'символа', 'символов'] as const;
const ITEMS = ['значение', 'значения', 'значений'] as const;

/**
 * What to do, for the issues a contract does not word itself. Set once for server and web
 * (contracts/common.ts); a message given in the contract («Укажите фамилию») wins over these.
 */
export function whatToDo(iss: z.core.$ZodRawIssue): string | undefined {
  const i = iss as z.core.$ZodRawIssue & {
    origin?: string;
    expected?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    format?: string;
  };
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined || i.input === null)
        return i.expected === 'array' || i.expected === 'number' ? 'Выберите значение.' : 'Заполните поле.';
      if (i.expected === 'number' || i.expected === 'int') return 'Введите число, например 12.';
      if (i.expected === 'boolean') return 'Выберите «да» или «нет».';
      if (i.expected === 'array') return 'Выберите значения из списка.';
      if (i.expected === 'object') return 'Передайте объект JSON с полями.';
      return 'Введите текст.';
    case 'too_small': {
      const n = Number(i.minimum);
      if (i.origin === 'string') return n <= 1 ? 'Заполните поле.' : `Введите не меньше ${countRu(n, SYMBOLS)}.`;
      if (i.origin === 'array' || i.origin === 'set')
        return n <= 1 ? 'Выберите хотя бы одно значение.' : `Выберите не меньше ${countRu(n, ITEMS)}.`;
      // .positive() guards the ids a form picks from a list: nothing was chosen.
      if (n === 0 && !i.inclusive) return 'Выберите значение из списка.';
      return `Введите число не меньше ${n}.`;
    }
    case 'too_big': {
      const n = Number(i.maximum);
      if (i.origin === 'string') return `Сократите текст до ${countRu(n, SYMBOLS)}.`;
      if (i.origin === 'array' || i.origin === 'set') return `Выберите не больше ${countRu(n, ITEMS)}.`;
      return `Введите число не больше ${n}.`;
    }
    case 'invalid_value':
      return 'Выберите значение из списка.';
    case 'invalid_format':
      if (i.format === 'email') return 'Введите адрес эл. почты, например name@example.ru.';
      return 'Проверьте формат значения.';
    case 'not_multiple_of':
      return 'Введите целое число.';
    case 'unrecognized_keys':
      return 'Уберите лишние поля: форма их не принимает.';
    default:
      return undefined;
  }
}

/** «Дата начала: укажите дату, например 28.11.2026.»; a message that opens with an abbreviation (ИНН, КТП) keeps it. */
export const fieldMessage = (label: string, message: string) => {
  const abbreviation = /^\p{Lu}{2}/u.test(message);
  const first = abbreviation ? message.charAt(0) : message.charAt(0).toLowerCase();
  return `${label}: ${first}${message.slice(1).replace(/([^.!?])$/, '$1.')}`;
};
