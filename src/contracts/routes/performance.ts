import { routes } from '../route.js';

export const PERFORMANCE_ROUTES = routes({});
