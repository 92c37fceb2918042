import type { AreaGrants } from './types.js';

// Forecasts of term grades (issue 16, п. 2.9): the administration sees the college, the curator their
// groups, the ПЦК chair the commission's subjects, the teacher their assignments (`forecast:read`,
// probabilities and reasons). Students and guardians see what is needed for a better grade
// (`forecast:advice`), never probabilities. The models and their backtest: the administration.
export const FORECAST_PERMISSIONS = ['forecast:read', 'forecast:advice', 'forecast:models:read'] as const;

export const FORECAST_GRANTS: AreaGrants<(typeof FORECAST_PERMISSIONS)[number]> = {
  director: { 'forecast:read': 'org', 'forecast:models:read': 'org' },
  deputy: { 'forecast:read': 'org', 'forecast:models:read': 'org' },
  methodist: { 'forecast:read': 'org', 'forecast:models:read': 'org' },
  chair: { 'forecast:read': 'commission' },
  curator: { 'forecast:read': 'group' },
  teacher: { 'forecast:read': 'assignment' },
  student: { 'forecast:advice': 'self' },
  guardian: { 'forecast:advice': 'linked' },
};
