import type { ComponentType } from 'react';
import type { Me } from '../../src/contracts/auth.js';
import { can } from './auth.js';
import { ACTIVITY_NAV, CONTROL_NAV, PERFORMANCE_NAV } from './pages/control/index.js';
import { CURRICULUM_NAV } from './pages/curriculum/index.js';
import { FORECAST_NAV } from './pages/forecast/index.js';
import { GIA_NAV } from './pages/gia/index.js';
import { JOURNAL_NAV } from './pages/journal/index.js';
import { NOTIFY_NAV } from './pages/notify/index.js';
import { MESSAGES_NAV } from './pages/messages/index.js';
import { PEOPLE_NAV } from './pages/people/index.js';
import { REGION_NAV } from './pages/region/index.js';
import { STRUCTURE_NAV } from './pages/structure/index.js';
import { GUARDIAN_NAV } from './pages/notify/guardian-index.js';
import { BACKUP_NAV } from './pages/backup/index.js';
import { SSO_NAV } from './pages/sso/index.js';
import { INTEGRATIONS_NAV } from './pages/integrations/index.js';

/** The top menu: each area adds its entries, shown to those who may use them. */
export interface NavItem {
  to: string;
  label: string;
  visible(me: Me): boolean;
  /** A count beside the label (unread messages). */
  Badge?: ComponentType;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Главная', visible: () => true },
  ...JOURNAL_NAV,
  ...CONTROL_NAV,
  { to: '/family', label: 'Дневник', visible: (me) => can(me, 'family:read') },
  ...MESSAGES_NAV,
  ...GUARDIAN_NAV,
  { to: '/attestation', label: 'Ведомости', visible: (me) => can(me, 'attestation:read') },
  ...PERFORMANCE_NAV,
  ...FORECAST_NAV,
  ...GIA_NAV,
  ...CURRICULUM_NAV,
  { to: '/timetable', label: 'Расписание', visible: (me) => can(me, 'timetable:read') },
  { to: '/timetable/changes', label: 'Замены', visible: (me) => can(me, 'timetable:write') },
  ...STRUCTURE_NAV,
  ...PEOPLE_NAV,
  ...ACTIVITY_NAV,
  ...NOTIFY_NAV,
  ...REGION_NAV,
  ...SSO_NAV,
  ...BACKUP_NAV,
  ...INTEGRATIONS_NAV,
];
