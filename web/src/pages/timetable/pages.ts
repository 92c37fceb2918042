// The timetable area as one lazily loaded chunk (web/src/lazy.tsx).
export { BellsPage } from './bells.js';
export { ChangesPage } from './changes.js';
export { EditorPage } from './editor.js';
export { SubstitutionsPage } from './substitutions.js';
export { WeekPage } from './week.js';
