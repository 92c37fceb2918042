// The ГИА pages as one lazily loaded chunk (web/src/lazy.tsx).
export { GiaGroupPage, GiaGroupsPage } from './gia-page.js';
