// The notifications area as one lazily loaded chunk (web/src/lazy.tsx).
export { NotificationsPage } from './notifications-page.js';
export { MailingsHomePanel, MailingsPage } from './mailings-page.js';
export { UnsubscribePage } from './unsubscribe-page.js';
