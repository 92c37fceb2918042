// The end-of-term check as one lazily loaded chunk (web/src/lazy.tsx).
export { MyTermChecksPage, MyTermChecksPanel, TermCheckPage, TermChecksPage } from './term-check-page.js';
