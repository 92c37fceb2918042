// Remarks as one lazily loaded chunk (web/src/lazy.tsx).
export { EscalatedRemarksPanel, RemarksPage, TeacherRemarksPanel } from './remarks-page.js';
