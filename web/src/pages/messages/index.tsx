import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { keyOf, poll } from '../../api.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// Messages and events (issue 14 items 9–11): pages in a chunk of their own (decision 019); the
// menu's unread badge is polled here, cheaply, once a minute.
const pages = areaPages(() => import('./pages.js'));

export const MESSAGES_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'messages', element: pages('MessagesPage') },
  { path: 'messages/new', element: pages('NewMessagePage') },
  { path: 'messages/log', element: pages('MessageLogPage') },
  { path: 'messages/:id', element: pages('ThreadPage') },
  { path: 'events', element: pages('EventsPage') },
];

/** The number of unread messages beside «Сообщения» in the menu. */
export function UnreadBadge() {
  const q = useQuery({ queryKey: keyOf('GET /messages/unread'), queryFn: () => poll('GET /messages/unread'), refetchInterval: 60_000 });
  const n = q.data?.count ?? 0;
  return n ? (
    <span className="badge danger" aria-label={`непрочитанных: ${n}`}>
      {n}
    </span>
  ) : null;
}

export const MESSAGES_NAV = [
  { to: '/messages', label: 'Сообщения', visible: (me: Me) => can(me, 'message:write'), Badge: UnreadBadge },
  { to: '/events', label: 'События', visible: (me: Me) => can(me, 'event:read') },
];

export const MESSAGES_HOME_PANELS = [{ key: 'events', visible: (me: Me) => can(me, 'event:read'), element: pages('EventsHomePanel') }];
