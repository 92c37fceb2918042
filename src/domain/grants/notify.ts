import type { AreaGrants } from './types.js';

// Notifications (issue 14): in-app notifications are every signed-in person's own (no permission);
// the delivery log (152-ФЗ: who sent what to whom) and retrying failed messages are the administrator's.
export const NOTIFY_PERMISSIONS = ['notify:log'] as const;

export const NOTIFY_GRANTS: AreaGrants<(typeof NOTIFY_PERMISSIONS)[number]> = {
  admin: { 'notify:log': 'org' },
};
