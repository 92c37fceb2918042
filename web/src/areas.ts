import { areaPages } from './lazy.js';

// Each area's pages and home panels load as one chunk the first time one of them is shown
// (decision 019). The other areas keep theirs in their own index.tsx.
export const attestationArea = areaPages(() => import('./pages/attestation/pages.js'));
export const familyArea = areaPages(() => import('./pages/family/pages.js'));
