// The performance reports as one lazily loaded chunk (web/src/lazy.tsx).
export { GroupSheetPage, PerformancePage } from './performance.js';
