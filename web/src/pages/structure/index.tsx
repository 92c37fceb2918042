import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { areaPages } from '../../lazy.js';

const structure = areaPages(() => import('./pages.js'));

export const STRUCTURE_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'structure', element: structure('StructurePage') },
  { path: 'groups', element: structure('GroupsPage') },
  { path: 'archive', element: structure('ArchivePage') },
];

export const STRUCTURE_NAV = [
  { to: '/groups', label: 'Группы', visible: (me: Me) => !!me.abilities['structure:read'] },
  // The college's structure is shown to those who read the people of the whole college.
  { to: '/structure', label: 'Структура', visible: (me: Me) => !!me.abilities['people:read']?.includes('org') },
  { to: '/archive', label: 'Архив', visible: (me: Me) => !!me.abilities['archive:read'] },
];
