import type { Me } from '../../../../src/contracts/auth.js';
import { can, hasRole } from '../../auth.js';
import { areaPages } from '../../lazy.js';

const remarks = areaPages(() => import('./remarks-pages.js'));

export const REMARKS_ROUTES = [{ path: 'control/remarks', element: remarks('RemarksPage') }];

export const REMARKS_NAV = [{ to: '/control/remarks', label: 'Замечания', visible: (me: Me) => can(me, 'remark:read') }];

export const REMARKS_HOME_PANELS = [
  { key: 'remarks-mine', visible: (me: Me) => hasRole(me, 'teacher'), element: remarks('TeacherRemarksPanel') },
  { key: 'remarks-escalated', visible: (me: Me) => hasRole(me, 'deputy'), element: remarks('EscalatedRemarksPanel') },
];
