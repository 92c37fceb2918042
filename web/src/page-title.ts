import { useEffect, useSyncExternalStore } from 'react';

// Each page names itself in the browser tab and says which section of the user guide answers
// its questions; the header's «Справка» link opens that section (п. 3.6, 7.1.1).

export const APP_TITLE = 'Электронный журнал';

/** Sections of docs/guide.md, marked there as «## Title {#id}». */
export const HELP_SECTIONS = [
  'start',
  'teacher',
  'teacher-lesson',
  'teacher-grid',
  'corrections',
  'attestation',
  'plans',
  'timetable',
  'curator',
  'curator-group',
  'curator-excuses',
  'methodist',
  'methodist-timetable',
  'methodist-changes',
  'control-fill',
  'deputy',
  'deputy-weekly',
  'term-check',
  'control-plan',
  'director',
  'chair',
  'specialist',
  'performance',
  'forecast',
  'forecast-gia',
  'gia',
  'journals',
  'load',
  'curricula',
  'admin',
  'admin-start-of-year',
  'admin-people',
  'admin-structure',
  'archive',
  'messages',
  'backup',
  'admin-usage',
  'admin-activity',
  'admin-contacts',
  'admin-view-log',
  'admin-mailings',
  'notifications',
  'college-settings',
  'sso',
  'integrations',
  'family',
  'region',
  'region-reports',
] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

let current: HelpSection | null = null;
const listeners = new Set<() => void>();
function setSection(s: HelpSection | null) {
  if (current === s) return;
  current = s;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** «Журнал ПК-25 · Математика — Электронный журнал» in the tab; the page's help section for the header. */
export function usePageTitle(title: string, help: HelpSection | null = null): void {
  useEffect(() => {
    document.title = title ? `${title} — ${APP_TITLE}` : APP_TITLE;
  }, [title]);
  useEffect(() => {
    setSection(help);
    return () => setSection(null);
  }, [help]);
}

/** The help section of the page on screen. */
export const useHelpSection = () =>
  useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
