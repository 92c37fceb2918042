// The weekly check as one lazily loaded chunk (web/src/lazy.tsx).
export { WeeklyCheckPage, WeeklyHomePanel, WeeklyPage } from './weekly-page.js';
