import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// Backups of the installation (п. 3.3, decision 037): the administrator's page and home panel, one chunk.
const backup = areaPages(() => import('./pages.js'));

export const BACKUP_ROUTES: { path: string; element: ReactElement }[] = [{ path: 'backups', element: backup('BackupsPage') }];
export const BACKUP_NAV = [{ to: '/backups', label: 'Резервные копии', visible: (me: Me) => can(me, 'backup:read') }];
export const BACKUP_HOME_PANELS = [{ key: 'backups', visible: (me: Me) => can(me, 'backup:read'), element: backup('BackupsHomePanel') }];
