import { routes } from '../route.js';

export const CURRICULUM_ROUTES = routes({});
