// The attestation area as one lazily loaded chunk (web/src/lazy.tsx).
export { SheetsPage } from './list.js';
export { OverridesHomePanel, OverridesPage } from './overrides.js';
export { SheetPage } from './sheet.js';
