import type { ReactElement } from 'react';
import { areaPages } from '../../lazy.js';

const help = areaPages(() => import('./help-page.js'));

export const HELP_ROUTES: { path: string; element: ReactElement }[] = [{ path: 'help', element: help('HelpPage') }];
