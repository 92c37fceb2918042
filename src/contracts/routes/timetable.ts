import { routes } from '../route.js';

export const TIMETABLE_ROUTES = routes({});
