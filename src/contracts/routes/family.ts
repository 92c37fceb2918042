import { routes } from '../route.js';

export const FAMILY_ROUTES = routes({});
