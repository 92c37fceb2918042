import { routes } from '../route.js';

export const STRUCTURE_ROUTES = routes({});
