// The family area as one lazily loaded chunk (web/src/lazy.tsx).
export { FamilyPage } from './family.js';
export { FamilyHomePanel } from './home-panel.js';
