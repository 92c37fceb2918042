// The guardian's notice settings and reports as one lazily loaded chunk (web/src/lazy.tsx).
export { GuardianSettingsPage } from './guardian-settings.js';
