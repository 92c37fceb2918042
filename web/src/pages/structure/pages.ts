// The structure area as one lazily loaded chunk (web/src/lazy.tsx).
export { ArchivePage } from './archive-page.js';
export { GroupsPage } from './groups-page.js';
export { StructurePage } from './structure-page.js';
