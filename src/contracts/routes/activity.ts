import { routes } from '../route.js';

export const ACTIVITY_ROUTES = routes({});
