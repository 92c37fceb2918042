// The fill control as one lazily loaded chunk (web/src/lazy.tsx).
export { FillHomePanel, FillPage, MyUnrecordedPanel } from './fill-page.js';
