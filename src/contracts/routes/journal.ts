import { routes } from '../route.js';

export const JOURNAL_ROUTES = routes({});
