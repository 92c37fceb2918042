import { areaPages } from './lazy.js';

// Each area's pages and home panels load as one chunk the first time one of them is shown
// (decision 019). The journal, the timetable, people and structure keep theirs in their own index.tsx.
export const curriculumArea = areaPages(() => import('./pages/curriculum/pages.js'));
export const attestationArea = areaPages(() => import('./pages/attestation/pages.js'));
export const familyArea = areaPages(() => import('./pages/family/pages.js'));
export const activityArea = areaPages(() => import('./pages/control/activity-page.js'));
export const performanceArea = areaPages(() => import('./pages/control/performance-pages.js'));
export const helpArea = areaPages(() => import('./pages/help/help-page.js'));
