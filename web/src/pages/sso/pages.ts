// The single sign-on area as one lazily loaded chunk (web/src/lazy.tsx).
export { SsoPage } from './sso-page.js';
