import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// Single sign-on (decision 040): the administrators' «Единый вход» page, one lazily loaded chunk.
const sso = areaPages(() => import('./pages.js'));

export const SSO_ROUTES: { path: string; element: ReactElement }[] = [{ path: 'sso', element: sso('SsoPage') }];
export const SSO_NAV = [{ to: '/sso', label: 'Единый вход', visible: (me: Me) => can(me, 'sso:providers') }];
