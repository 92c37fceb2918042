// The integrations area as one lazily loaded chunk (web/src/lazy.tsx).
export { IntegrationsPage } from './integrations-page.js';
