import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DeliveryLogItem } from '../../../../src/contracts/notify.js';
import { CHANNEL_TITLES } from '../../../../src/domain/notify-kinds.js';
import type { ApiRequest } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';
import { ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';

// «Рассылки» (issue 14, 152-ФЗ): who was sent what, when, by which channel and with what result;
// failed messages with the reason and «Повторить»; the college's quiet hours and limits.

type LogQuery = NonNullable<ApiRequest<'GET /notify/log'>['query']>;
const STATUS: Record<DeliveryLogItem['status'], string> = {
  pending: 'ждёт отправки',
  sending: 'отправляется',
  sent: 'доставлено',
  failed: 'не доставлено',
  skipped: 'не отправлялось',
};
const BADGE: Record<DeliveryLogItem['status'], string> = { pending: 'warn', sending: 'warn', sent: 'ok', failed: 'danger', skipped: '' };
const PAGE_SIZE = 50;

export function MailingsPage() {
  usePageTitle('Рассылки', 'admin-mailings');
  const me = useMe();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<{ status: string; channel: string; q: string; from: string; to: string }>({
    status: new URLSearchParams(location.search).get('status') ?? '',
    channel: '',
    q: '',
    from: '',
    to: '',
  });
  const [page, setPage] = useState(1);
  const query: LogQuery = {
    page,
    pageSize: PAGE_SIZE,
    ...(filter.status ? { status: filter.status as LogQuery['status'] } : {}),
    ...(filter.channel ? { channel: filter.channel as LogQuery['channel'] } : {}),
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
  const log = useQuery({ queryKey: keyOf('GET /notify/log', { query }), queryFn: () => call('GET /notify/log', { query }) });
  const [done, setDone] = useState('');
  const retry = useMutation({
    mutationFn: (id: number) => call('POST /notify/outbox/:id/retry', { params: { id } }),
    onSuccess: (m) => {
      setDone(`Сообщение для ${m.person.name} снова поставлено в очередь (${m.address}).`);
      void qc.invalidateQueries({ queryKey: keysOf('GET /notify/log') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /notify/summary') });
    },
  });
  const set = (k: keyof typeof filter) => (e: { target: { value: string } }) => {
    setFilter({ ...filter, [k]: e.target.value });
    setPage(1);
  };
  const tz = me.organization.timeZone;
  return (
    <>
      <h1>Рассылки</h1>
      <p className="muted small">
        Каждое письмо и SMS журнала: кому, что, когда и с каким итогом. Записи не удаляются (152-ФЗ). Недоставленные можно повторить — по
        текущему адресу получателя.
      </p>
      <form className="filters actions" aria-label="Отбор" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Состояние" value={filter.status} onChange={set('status')}>
          <option value="">любое</option>
          {Object.entries(STATUS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </SelectField>
        <SelectField label="Канал" value={filter.channel} onChange={set('channel')}>
          <option value="">любой</option>
          <option value="email">{CHANNEL_TITLES.email}</option>
          <option value="sms">{CHANNEL_TITLES.sms}</option>
        </SelectField>
        <Field label="Получатель" type="search" value={filter.q} onChange={set('q')} placeholder="Фамилия" />
        <Field label="С даты" type="date" value={filter.from} onChange={set('from')} />
        <Field label="По дату" type="date" value={filter.to} onChange={set('to')} />
      </form>
      {done && <Notice kind="ok">{done}</Notice>}
      <ErrorNotice error={log.error ?? retry.error} />
      {log.isLoading && <Loading />}
      <DataTable
        caption="Журнал рассылок"
        captionHidden
        rows={log.data?.items}
        rowKey={(m) => m.id}
        empty={
          filter.status || filter.channel || filter.q || filter.from || filter.to
            ? 'По этому отбору сообщений нет.'
            : 'Сообщений пока нет. Они появятся, когда журнал начнёт извещать родителей, обучающихся и сотрудников по почте и SMS.'
        }
        columns={[
          { key: 'at', title: 'Создано', cell: (m) => dateTimeRu(m.createdAt, tz) },
          {
            key: 'to',
            title: 'Кому',
            cell: (m) => (
              <>
                {m.person.name}
                {m.student && <div className="small muted">об обучающемся: {m.student}</div>}
                <div className="small muted">
                  {CHANNEL_TITLES[m.channel]}
                  {m.address ? `: ${m.address}` : ''}
                </div>
              </>
            ),
          },
          {
            key: 'what',
            title: 'Что',
            cell: (m) => (
              <>
                <div>{m.title}</div>
                <div className="small muted">
                  {m.kindTitle}
                  {m.sender ? ` · отправил: ${m.sender}` : ''}
                </div>
              </>
            ),
          },
          {
            key: 'status',
            title: 'Итог',
            cell: (m) => (
              <>
                <span className={`badge ${BADGE[m.status]}`}>{STATUS[m.status]}</span>
                {m.sentAt && <div className="small muted">{dateTimeRu(m.sentAt, tz)}</div>}
                {m.nextAttemptAt && m.status === 'pending' && <div className="small muted">до {dateTimeRu(m.nextAttemptAt, tz)}</div>}
                {m.reason && <div className="small">{m.reason}</div>}
                {m.attempts > 1 && <div className="small muted">Попыток: {m.attempts}</div>}
              </>
            ),
          },
          {
            key: 'actions',
            title: 'Действия',
            hiddenTitle: true,
            cell: (m) =>
              m.canRetry ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => retry.mutate(m.id)}
                  disabled={retry.isPending}
                  aria-label={`Повторить: ${m.person.name}, ${m.title}`}
                >
                  Повторить
                </button>
              ) : null,
          },
        ]}
      />
      {log.data && <Pager page={page} pageSize={PAGE_SIZE} total={log.data.total} onPage={setPage} />}
      <p className="small muted">
        SMS в тихие часы уходят утром; сверх предела на человека сообщения ждут и не теряются. Тихие часы и пределы —{' '}
        <Link to="/college/settings">в настройках колледжа</Link>.
      </p>
    </>
  );
}

/** The administrator's home: messages that could not be delivered. */
export function MailingsHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /notify/summary'), queryFn: () => call('GET /notify/summary') });
  if (!q.data) return <ErrorNotice error={q.error} />;
  if (q.data.failed === 0) return null;
  return (
    <section className="panel" aria-label="Недоставленные сообщения">
      <h2 style={{ marginTop: 0 }}>Недоставленные сообщения</h2>
      <p>
        Не доставлено: <strong>{q.data.failed}</strong>. <Link to="/admin/mailings?status=failed">Открыть «Рассылки»</Link>
      </p>
    </section>
  );
}
