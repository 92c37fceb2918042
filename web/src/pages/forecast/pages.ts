// The forecasts as one lazily loaded chunk (web/src/lazy.tsx).
export { ForecastPage, ForecastGroupPage } from './forecast-page.js';
export { ForecastGiaPage, ForecastGiaGroupPage } from './gia.js';
