// The structure area as one lazily loaded chunk (web/src/lazy.tsx).
export { GroupsPage } from './groups-page.js';
export { StructurePage } from './structure-page.js';
