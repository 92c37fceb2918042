// The region area as one lazily loaded chunk (web/src/lazy.tsx).
export { CollegesPage } from './colleges-page.js';
export { CollegeSettingsPage } from './settings-page.js';
export { CollegeFiguresPage, RegionFiguresHomePanel, RegionReportsPage } from './reports-page.js';
