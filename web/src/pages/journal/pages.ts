// The journal area as one lazily loaded chunk (web/src/lazy.tsx).
export { CorrectionsPage } from './corrections.js';
export { CuratorExcusesPanel } from './curator-panel.js';
export { ExcusesPage } from './excuses.js';
export { GridPage } from './grid.js';
export { JournalsPage } from './journals.js';
export { LessonPage } from './lesson.js';
export { TeacherDayPanel } from './today-panel.js';
