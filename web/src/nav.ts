import type { Me } from '../../src/contracts/auth.js';
import { can } from './auth.js';
import { JOURNAL_NAV } from './pages/journal/index.js';

/** The top menu: each area adds its entries, shown to those who may use them. */
export interface NavItem {
  to: string;
  label: string;
  visible(me: Me): boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Главная', visible: () => true },
  ...JOURNAL_NAV,
  { to: '/family', label: 'Дневник', visible: (me) => can(me, 'family:read') },
  { to: '/attestation', label: 'Ведомости', visible: (me) => can(me, 'attestation:read') },
];
