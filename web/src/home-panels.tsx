import type { ReactElement } from 'react';
import type { Me } from '../../src/contracts/auth.js';
import { can } from './auth.js';
import { attestationArea, familyArea } from './areas.js';
import { ACTIVITY_HOME_PANELS, CONTROL_HOME_PANELS } from './pages/control/index.js';
import { CURRICULUM_HOME_PANELS } from './pages/curriculum/index.js';
import { JOURNAL_HOME_PANELS } from './pages/journal/index.js';
import { NOTIFY_HOME_PANELS } from './pages/notify/index.js';
import { GUARDIAN_HOME_PANELS } from './pages/notify/guardian-index.js';
import { MESSAGES_HOME_PANELS } from './pages/messages/index.js';
import { PEOPLE_HOME_PANELS } from './pages/people/index.js';
import { TimetableHomePanel } from './pages/timetable/index.js';
import { BACKUP_HOME_PANELS } from './pages/backup/index.js';
import { REGION_HOME_PANELS } from './pages/region/index.js';

/**
 * What a role sees first on its home page (a teacher's day, a curator's group, a child's
 * grades…): each area adds its panels, shown above the roles summary to those they fit.
 */
export const HOME_PANELS: { key: string; visible(me: Me): boolean; element: ReactElement }[] = [
  // A failing backup is the administrator's first concern (п. 3.3).
  ...BACKUP_HOME_PANELS,
  ...PEOPLE_HOME_PANELS,
  ...CONTROL_HOME_PANELS,
  ...JOURNAL_HOME_PANELS,
  // Students absent for days or many hours, next to the curator's group.
  ...GUARDIAN_HOME_PANELS,
  { key: 'family-today', visible: (me) => can(me, 'family:read'), element: familyArea('FamilyHomePanel') },
  ...MESSAGES_HOME_PANELS,
  { key: 'timetable', visible: (me) => can(me, 'timetable:write'), element: <TimetableHomePanel /> },
  { key: 'attestation-overrides', visible: (me) => can(me, 'attestation:overrides:read'), element: attestationArea('OverridesHomePanel') },
  ...CURRICULUM_HOME_PANELS,
  ...ACTIVITY_HOME_PANELS,
  ...NOTIFY_HOME_PANELS,
  ...REGION_HOME_PANELS,
];
