import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { areaPages } from '../../lazy.js';
import { reaches } from '../../scope.js';

// The ГИА area (issue 16): the group's demo exam, thesis and module exams, and the protocol.
const gia = areaPages(() => import('./pages.js'));

export const GIA_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'gia', element: gia('GiaGroupsPage') },
  { path: 'gia/groups/:id', element: gia('GiaGroupPage') },
];

/** Staff who read some group's ГИА (a student and a guardian see theirs in the diary). */
export const GIA_NAV = [{ to: '/gia', label: 'ГИА', visible: (me: Me) => reaches(me, 'gia:read', 'org', 'group', 'assignment') }];
