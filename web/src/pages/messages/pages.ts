// Messages and events as one lazily loaded chunk (web/src/lazy.tsx).
export { MessagesPage, MessageLogPage } from './messages-page.js';
export { NewMessagePage } from './new-message.js';
export { ThreadPage } from './thread-page.js';
export { EventsHomePanel, EventsPage } from './events-page.js';
