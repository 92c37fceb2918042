import type { ReactElement } from 'react';

/** The pages of the signed-in app beyond the home page: each area adds its own. */
export const ROUTES: { path: string; element: ReactElement }[] = [];
