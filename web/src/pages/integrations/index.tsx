import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// Service accounts with API tokens (decision 039): the college's and the regional administrator's «Интеграции».
const integrations = areaPages(() => import('./pages.js'));

export const INTEGRATIONS_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'integrations', element: integrations('IntegrationsPage') },
];

export const INTEGRATIONS_NAV = [{ to: '/integrations', label: 'Интеграции', visible: (me: Me) => can(me, 'integrations:manage') }];
