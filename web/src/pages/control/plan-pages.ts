// The plan of intra-college control as one lazily loaded chunk (web/src/lazy.tsx).
export { PlanHomePanel, PlanPage } from './plan-page.js';
