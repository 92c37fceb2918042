import { routes } from '../route.js';

export const ATTESTATION_ROUTES = routes({});
