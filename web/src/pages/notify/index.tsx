import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { NavLink } from 'react-router';
import type { Me } from '../../../../src/contracts/auth.js';
import { keyOf, poll } from '../../api.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// Notifications (issue 14): the bell in the header for everyone, the notifications page, the
// administrator's «Рассылки» (the delivery log) and the public unsubscribe page. The pages are one
// chunk (decision 019); the bell is in the shell, so it is kept to a link and a number.
export const notifyArea = areaPages(() => import('./pages.js'));

export const NOTIFY_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'notifications', element: notifyArea('NotificationsPage') },
  { path: 'admin/mailings', element: notifyArea('MailingsPage') },
];

export const NOTIFY_NAV = [{ to: '/admin/mailings', label: 'Рассылки', visible: (me: Me) => can(me, 'notify:log') }];

export const NOTIFY_HOME_PANELS = [
  { key: 'mailings-failed', visible: (me: Me) => can(me, 'notify:log'), element: notifyArea('MailingsHomePanel') },
];

/** How often an open page asks for the unread count (one cheap, compiled statement). */
const POLL_MS = 60_000;

/** The header's bell: the number of unread notifications, a link to them. */
export function Bell() {
  const q = useQuery({
    queryKey: keyOf('GET /notifications/unread'),
    queryFn: () => poll('GET /notifications/unread'),
    refetchInterval: POLL_MS,
  });
  const n = q.data?.count ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="bell"
      aria-label={n > 0 ? `Уведомления: непрочитанных ${n}` : 'Уведомления'}
      title="Уведомления"
    >
      <span aria-hidden="true">🔔</span>
      {n > 0 && (
        <span className="bell-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </NavLink>
  );
}
