import type { FastifyRequest } from 'fastify';
import type { YearObject, YearRef } from '../../contracts/route.js';
import { isIsoDate } from '../../domain/dates.js';
import type { Db } from '../platform/db.js';
import { HttpError } from '../platform/errors.js';
import type { App } from '../platform/http.js';
import { yearsOf } from './year-lock-queries.js';

// The year lock (decision 028): a closed academic year is read-only. Each write route names in its
// contract (`yearOf`) the objects it changes; here, once for every route, the year of each is
// found (yearsOf: one query per kind of object) and a closed one refuses the write with 409.

export const yearArchived = (name: string) =>
  new HttpError(409, 'year_archived', `Учебный год ${name} закрыт (архив): изменения невозможны. Открыть его снова может администратор.`);

/** The value a reference names in the request, as an id or a date; undefined when absent or malformed (validation answers then). */
function valueAt(req: FastifyRequest, kind: YearObject, path: string): number | string | undefined {
  const [part, ...keys] = path.split('.');
  let v: unknown = part === 'params' ? req.params : part === 'query' ? req.query : req.body;
  for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  if (kind === 'date') return typeof v === 'string' && isIsoDate(v) ? v : undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Refuses the write when an object it names belongs to a closed year. */
export async function refuseClosedYear(db: Db, orgId: number, refs: readonly YearRef[], req: FastifyRequest): Promise<void> {
  for (const ref of refs) {
    const colon = ref.indexOf(':');
    const kind = ref.slice(0, colon) as YearObject;
    const value = valueAt(req, kind, ref.slice(colon + 1));
    if (value === undefined) continue;
    const closed = (await yearsOf(db, orgId, kind, value)).find((y) => y.status === 'archived');
    if (closed) throw yearArchived(closed.name);
  }
}

/** Runs the lock before validation (after the guard): an archived object is refused whatever the body says. */
export function installYearLock(app: App, db: Db): void {
  app.addHook('preValidation', async (req) => {
    const refs = req.routeOptions.config?.yearOf;
    if (!refs || !req.principal) return;
    await refuseClosedYear(db, req.principal.organizationId, refs, req);
  });
}
