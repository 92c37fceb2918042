import { BackupOverview, BackupStarted, Health } from '../backup.js';
import { routes } from '../route.js';

const tags = ['backup'];

// Backups of the installation and its health (decision 037).
export const BACKUP_ROUTES = routes({
  'GET /backups': {
    access: 'backup:read',
    tags,
    summary: 'Резервные копии базы: последние копии, их состояние и места хранения, версия программы',
    response: { 200: BackupOverview },
  },
  'POST /backups': {
    access: 'backup:make',
    tags,
    summary: 'Сделать резервную копию сейчас (409, если копия уже делается)',
    description: 'Копия делается в фоне; её состояние — в GET /backups.',
    response: { 202: BackupStarted },
  },
  'GET /health': {
    access: 'public',
    tags,
    summary: 'Состояние для мониторинга: база доступна, миграции применены, последняя копия и её возраст, версия',
    description:
      'Открыт без входа: в ответе нет данных колледжей. 200 — работает (status ok или warn: копия просрочена или не удалась); 503 — база недоступна или схема не та.',
    response: { 200: Health },
  },
});
