import type { Me } from '../../../../src/contracts/auth.js';
import { can, hasRole } from '../../auth.js';
import { areaPages } from '../../lazy.js';

const fill = areaPages(() => import('./fill-pages.js'));

export const FILL_ROUTES = [{ path: 'control/fill', element: fill('FillPage') }];

export const FILL_NAV = [{ to: '/control/fill', label: 'Контроль заполнения', visible: (me: Me) => can(me, 'control:fill:read') }];

export const FILL_HOME_PANELS = [
  { key: 'control-fill', visible: (me: Me) => hasRole(me, 'methodist', 'deputy') && can(me, 'control:fill:read'), element: fill('FillHomePanel') },
  { key: 'control-fill-mine', visible: (me: Me) => hasRole(me, 'teacher'), element: fill('MyUnrecordedPanel') },
];
