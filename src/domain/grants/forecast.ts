import type { AreaGrants } from './types.js';

// Forecasts of term grades (issue 16, п. 2.9): the administration sees the college, the curator their
// groups, the ПЦК chair the commission's subjects, the teacher their assignments (`forecast:read`,
// probabilities and reasons). Students and guardians see what is needed for a better grade
// (`forecast:advice`), never probabilities. The models and their backtest: the administration.
//
// The ГИА forecasts of graduating students (`forecast:gia:read`, decision 050) are for those who prepare
// the students for the ГИА and can still change its outcome: the administration over the college
// (the deputy, who enters ГИА records, among them) and the curator over their groups. Not a teacher or
// a ПЦК chair through a subject, and not a secretary of the ГЭК: the secretary records what the
// commission decides, and a forecast beside the protocol's empty grade would be an anchor. A college
// that wants another role to see them grants it here.
export const FORECAST_PERMISSIONS = ['forecast:read', 'forecast:advice', 'forecast:models:read', 'forecast:gia:read'] as const;

export const FORECAST_GRANTS: AreaGrants<(typeof FORECAST_PERMISSIONS)[number]> = {
  director: { 'forecast:read': 'org', 'forecast:models:read': 'org', 'forecast:gia:read': 'org' },
  deputy: { 'forecast:read': 'org', 'forecast:models:read': 'org', 'forecast:gia:read': 'org' },
  methodist: { 'forecast:read': 'org', 'forecast:models:read': 'org', 'forecast:gia:read': 'org' },
  chair: { 'forecast:read': 'commission' },
  curator: { 'forecast:read': 'group', 'forecast:gia:read': 'group' },
  teacher: { 'forecast:read': 'assignment' },
  student: { 'forecast:advice': 'self' },
  guardian: { 'forecast:advice': 'linked' },
};
