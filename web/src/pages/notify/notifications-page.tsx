import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Notification } from '../../../../src/contracts/notify.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';

const PAGE_SIZE = 20;

/** «Уведомления»: the caller's own, newest first; opening one marks it read. */
export function NotificationsPage() {
  usePageTitle('Уведомления', 'notifications');
  const me = useMe();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: keyOf('GET /notifications', { query: { page, pageSize: PAGE_SIZE } }),
    queryFn: () => call('GET /notifications', { query: { page, pageSize: PAGE_SIZE } }),
  });
  const read = useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) => call('POST /notifications/read', { body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /notifications') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /notifications/unread') });
    },
  });
  const unread = q.data?.unread ?? 0;
  return (
    <>
      <h1>Уведомления</h1>
      {unread > 0 && (
        <div className="actions">
          <span>Непрочитанных: {unread}</span>
          <button type="button" className="secondary" onClick={() => read.mutate({ all: true })} disabled={read.isPending}>
            Отметить все прочитанными
          </button>
        </div>
      )}
      {read.isSuccess && read.data.marked > 0 && <Notice kind="ok">Отмечено прочитанными: {read.data.marked}.</Notice>}
      <ErrorNotice error={q.error ?? read.error} />
      {q.isLoading && <Loading />}
      {q.data &&
        (q.data.items.length === 0 ? (
          <Empty>Уведомлений пока нет. Здесь появятся новые оценки, пропуски, сообщения и события — всё, о чём журнал вас извещает.</Empty>
        ) : (
          <ul className="plain notifications">
            {q.data.items.map((n) => (
              <NotificationItem key={n.id} n={n} timeZone={me.organization.timeZone} onRead={() => read.mutate({ ids: [n.id] })} />
            ))}
          </ul>
        ))}
      {q.data && <Pager page={page} pageSize={PAGE_SIZE} total={q.data.total} onPage={setPage} />}
    </>
  );
}

function NotificationItem({ n, timeZone, onRead }: { n: Notification; timeZone: string; onRead(): void }) {
  const unread = !n.readAt;
  return (
    <li className={`panel${unread ? ' unread' : ''}`} aria-label={`${unread ? 'Новое: ' : ''}${n.title}`}>
      <div>
        <strong>{n.title}</strong> {unread && <span className="badge warn">новое</span>}
      </div>
      <p style={{ whiteSpace: 'pre-line' }}>{n.text}</p>
      <div className="actions small">
        <span className="muted">{dateTimeRu(n.createdAt, timeZone)}</span>
        {n.link && (
          <Link to={n.link} onClick={() => unread && onRead()}>
            Открыть
          </Link>
        )}
        {unread && (
          <button type="button" className="secondary" onClick={onRead}>
            Прочитано
          </button>
        )}
      </div>
    </li>
  );
}
