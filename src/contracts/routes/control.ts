import { routes } from '../route.js';

export const CONTROL_ROUTES = routes({});
