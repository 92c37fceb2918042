// The guardian's notice settings and reports, the curator's view, as one lazily loaded chunk (web/src/lazy.tsx).
export { GuardianSettingsPage } from './guardian-settings.js';
export { AbsenceAlertsHomePanel, GuardianCuratorPage } from './guardian-curator.js';
