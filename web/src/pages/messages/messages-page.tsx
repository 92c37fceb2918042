import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Field, Loading } from '../../ui/index.js';

// «Сообщения» (п. 2.11): my threads, newest first, found by text or by person.

export function MessagesPage() {
  usePageTitle('Сообщения', 'messages');
  const me = useMe();
  const [q, setQ] = useState('');
  const query = q.trim() ? { q: q.trim() } : {};
  const list = useQuery({ queryKey: keyOf('GET /messages/threads', { query }), queryFn: () => call('GET /messages/threads', { query }) });
  return (
    <>
      <h1>Сообщения</h1>
      <div className="actions">
        <Link className="button" to="/messages/new">
          Написать
        </Link>
        {can(me, 'message:group') && (
          <Link className="button secondary" to="/messages/new?group=1">
            Написать всем родителям группы
          </Link>
        )}
        {can(me, 'message:log') && (
          <Link className="button secondary" to="/messages/log">
            Журнал переписки
          </Link>
        )}
      </div>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label="Поиск по тексту или имени" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </form>
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>
            {q.trim()
              ? 'Ничего не найдено.'
              : 'Переписки пока нет. Нажмите «Написать» и выберите, кому: в списке те, с кем вы можете переписываться.'}
          </Empty>
        ) : (
          <ul className="plain threads" aria-label="Переписки">
            {list.data.items.map((t) => (
              <li key={t.id}>
                <Link to={`/messages/${t.id}`}>
                  <strong>{t.title}</strong>
                </Link>
                {t.unread > 0 && (
                  <span className="badge danger" aria-label={`непрочитанных: ${t.unread}`}>
                    {t.unread}
                  </span>
                )}
                <div className="small muted">
                  {dateTimeRu(t.lastAt, me.organization.timeZone)} · {t.lastText.length > 120 ? `${t.lastText.slice(0, 119)}…` : t.lastText}
                </div>
              </li>
            ))}
          </ul>
        ))}
      <p className="small muted">Сообщения хранятся в журнале: отозванное сообщение скрывается от собеседника, но запись о нём остаётся.</p>
    </>
  );
}

/** The administrator's record of every message (152-ФЗ), withdrawn ones included. */
export function MessageLogPage() {
  usePageTitle('Журнал переписки', 'messages');
  const me = useMe();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const q = useQuery({ queryKey: keyOf('GET /messages/log', { query }), queryFn: () => call('GET /messages/log', { query }) });
  return (
    <>
      <h1>Журнал переписки</h1>
      <div className="actions">
        <Field label="С даты" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Field label="По дату" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data &&
        (q.data.items.length === 0 ? (
          <Empty>За этот период сообщений нет.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Когда</th>
                  <th>От кого</th>
                  <th>Кому</th>
                  <th>Текст</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>{dateTimeRu(m.at, me.organization.timeZone)}</td>
                    <td>{m.from}</td>
                    <td>{m.to.join(', ')}</td>
                    <td>
                      {m.text}
                      {m.files.length > 0 && <div className="small muted">Файлы: {m.files.join(', ')}</div>}
                      {m.withdrawnAt && <div className="small">Отозвано {dateTimeRu(m.withdrawnAt, me.organization.timeZone)}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {q.data?.more && <p className="small muted">Показаны последние 200 сообщений: сузьте период.</p>}
    </>
  );
}
