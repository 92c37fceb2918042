import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// Forecasts of term grades (issue 16, п. 2.9): the «Прогноз» page for the deputy, curators and
// teachers; students and guardians see «Что нужно для лучшей оценки» in the diary (advice.tsx).
const forecast = areaPages(() => import('./pages.js'));

export const FORECAST_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'forecast', element: forecast('ForecastPage') },
  { path: 'forecast/groups/:id', element: forecast('ForecastGroupPage') },
  { path: 'forecast/gia', element: forecast('ForecastGiaPage') },
  { path: 'forecast/gia/:id', element: forecast('ForecastGiaGroupPage') },
];

export const FORECAST_NAV = [{ to: '/forecast', label: 'Прогноз', visible: (me: Me) => can(me, 'forecast:read') }];
