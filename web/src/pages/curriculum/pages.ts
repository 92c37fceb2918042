// The curriculum area as one lazily loaded chunk (web/src/lazy.tsx).
export { CurriculaPage } from './curricula.js';
export { CurriculumPage } from './curriculum.js';
export { FulfilmentHomePanel, LoadPage } from './load.js';
export { PlanPage } from './plan.js';
export { PlansHomePanel, PlansPage } from './plans.js';
