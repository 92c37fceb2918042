import type { Deps } from '../app.js';
import { ctxOf, type App } from '../platform/http.js';
import { Organization, RegionOverview } from '../../contracts/structure.js';
import { getOrganization, regionOverview } from './service.js';

export async function structureRoutes(app: App, deps: Deps) {
  app.get('/organization', {
    config: { access: 'organization:read' },
    schema: { tags: ['structure'], summary: 'Колледж: текущий учебный год, семестр, численность', response: { 200: Organization } },
  }, async (req) => getOrganization(ctxOf(req, deps)));

  app.get('/region/organizations', {
    config: { access: 'region:read' },
    schema: { tags: ['structure'], summary: 'Колледжи региона (региональный наблюдатель)', response: { 200: RegionOverview } },
  }, async (req) => regionOverview(ctxOf(req, deps)));
}
