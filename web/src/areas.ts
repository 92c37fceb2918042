import { areaPages } from './lazy.js';

// Each area's pages and home panels load as one chunk the first time one of them is shown
// (decision 019). The journal, the timetable, the curriculum, control and help keep theirs in their own index.tsx.
export const attestationArea = areaPages(() => import('./pages/attestation/pages.js'));
export const familyArea = areaPages(() => import('./pages/family/pages.js'));
export const peopleArea = areaPages(() => import('./pages/people/pages.js'));
export const structureArea = areaPages(() => import('./pages/structure/pages.js'));
