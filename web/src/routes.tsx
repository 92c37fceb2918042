import type { ReactElement } from 'react';
import { SheetsPage } from './pages/attestation/list.js';
import { OverridesPage } from './pages/attestation/overrides.js';
import { SheetPage } from './pages/attestation/sheet.js';
import { FamilyPage } from './pages/family/family.js';
import { JOURNAL_ROUTES } from './pages/journal/index.js';

/** The pages of the signed-in app beyond the home page: each area adds its own. */
export const ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'attestation', element: <SheetsPage /> },
  { path: 'attestation/overrides', element: <OverridesPage /> },
  { path: 'attestation/:id', element: <SheetPage /> },
  { path: 'family', element: <FamilyPage /> },
  ...JOURNAL_ROUTES,
];
