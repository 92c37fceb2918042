import { routes } from '../route.js';

export const PEOPLE_ROUTES = routes({});
