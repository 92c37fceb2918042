import { IdParam } from '../common.js';
import { AcademicYear } from '../structure.js';
import { ArchiveYears, Batch, CloseYearResult, ReopenYearBody, YearArchive } from '../archive.js';
import { routes } from '../route.js';

const tags = ['archive'];

// The year-end archive (decision 028). Closing and reopening are the actions that set the year
// lock, so they carry no `yearOf` of their own.
export const ARCHIVE_ROUTES = routes({
  'POST /academic-years/:id/close': {
    access: 'archive:manage',
    tags,
    summary: 'Закрыть учебный год (после его окончания): журналы, оценки, КТП, нагрузка и расписание года — только для чтения',
    description:
      'Закрытие ставит в очередь изготовление архива года (по группам: печатный журнал PDF, XLSX журналов и JSON-выгрузка с контрольными суммами).',
    params: IdParam,
    response: { 200: CloseYearResult },
  },
  'POST /academic-years/:id/reopen': {
    access: 'archive:manage',
    tags,
    summary: 'Открыть закрытый учебный год снова (с причиной; записывается в журнал действий)',
    params: IdParam,
    body: ReopenYearBody,
    response: { 200: AcademicYear },
  },
  'GET /archive/years': {
    access: 'archive:read',
    tags,
    summary: 'Учебные годы и их архивы (последнее изготовление)',
    response: { 200: ArchiveYears },
  },
  'GET /archive/years/:id': {
    access: 'archive:read',
    tags,
    summary: 'Архив учебного года: файлы по группам с размерами и контрольными суммами, ход изготовления',
    params: IdParam,
    response: { 200: YearArchive },
  },
  'GET /archive/years/:id/archive.zip': {
    access: 'archive:read',
    tags,
    summary: 'Архив колледжа за учебный год одним ZIP (по папке на группу, SHA256SUMS)',
    params: IdParam,
  },
  'GET /archive/batches/:id': {
    access: 'archive:read',
    tags,
    summary: 'Фоновое изготовление: состояние и ход',
    params: IdParam,
    response: { 200: Batch },
  },
  'GET /archive/files/:id': {
    access: 'archive:read',
    tags,
    summary: 'Файл архива',
    params: IdParam,
  },
});
