import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Loading, SelectField } from '../../ui/index.js';

// The curator's view (п. 3.12, issue 14 items 7, 8): absence alerts, and per student of a group who
// receives what and who has no working contact.

/** How many alerts the home panel lists; the rest are on «Родители и оповещения». */
const HOME_ALERTS = 5;

/**
 * New absence alerts of the caller's groups (or direction), marked seen one by one. On the home page
 * (`home`) only the first few and a link to the rest, and nothing at all when there are none.
 */
export function AbsenceAlerts({ home = false }: { home?: boolean }) {
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keyOf('GET /notify/alerts', { query: {} }), queryFn: () => call('GET /notify/alerts', { query: {} }) });
  const seen = useMutation({
    mutationFn: (id: number) => call('POST /notify/alerts/:id/seen', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['GET /notify/alerts'] }),
  });
  if (q.isPending) return home ? null : <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const items = q.data.items;
  if (home && !items.length) return null;
  const shown = home ? items.slice(0, HOME_ALERTS) : items;
  return (
    <section className="panel" aria-label="Оповещения о пропусках">
      <h2 style={home ? { marginTop: 0 } : undefined}>Оповещения о пропусках{home ? `: ${items.length}` : ''}</h2>
      {shown.length ? (
        <ul>
          {shown.map((a) => (
            <li key={a.id}>
              <strong>{a.studentName}</strong>
              {a.groupName ? ` (${a.groupName})` : ''}: {a.text}.{' '}
              <span className="muted">{dateTimeRu(a.createdAt, me.organization.timeZone)}</span>{' '}
              <button type="button" onClick={() => seen.mutate(a.id)} aria-label={`Просмотрено: ${a.studentName}`}>
                Просмотрено
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Новых оповещений нет. Они появляются, когда обучающийся пропускает несколько дней подряд или много часов за месяц.</Empty>
      )}
      {home && (
        <p>
          {items.length > shown.length ? `Показаны ${shown.length} из ${items.length}. ` : ''}
          <Link to="/notify/alerts">Все оповещения и родители группы</Link>
        </p>
      )}
    </section>
  );
}

/** The curator's (and the specialist's) home: new absence alerts (issue 14 item 8). */
export function AbsenceAlertsHomePanel() {
  return <AbsenceAlerts home />;
}

function GroupGuardians({ groupId }: { groupId: number }) {
  const q = useQuery({
    queryKey: keyOf('GET /notify/groups/:id/guardians', { params: { id: groupId } }),
    queryFn: () => call('GET /notify/groups/:id/guardians', { params: { id: groupId } }),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return (
    <section className="panel" aria-label={`Родители группы ${q.data.groupName}`}>
      <h2>Кто что получает: {q.data.groupName}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Обучающийся</th>
            <th scope="col">Родитель</th>
            <th scope="col">Получает</th>
            <th scope="col">Контакт</th>
          </tr>
        </thead>
        <tbody>
          {q.data.students.flatMap((s) =>
            (s.guardians.length ? s.guardians : [null]).map((g, i) => (
              <tr key={`${s.studentId}-${g?.personId ?? 0}`}>
                <td>{i === 0 ? s.name : ''}</td>
                <td>{g ? g.name : 'нет родителя в журнале'}</td>
                <td>{g ? g.receives.join('; ') || 'ничего' : ''}</td>
                <td>
                  {g
                    ? g.unreachable
                      ? `Нет рабочего контакта${g.failedDeliveries ? ` (не доставлено: ${g.failedDeliveries})` : ''}`
                      : [g.hasEmail && 'почта', g.hasPhone && 'телефон'].filter(Boolean).join(', ')
                    : ''}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

export function GuardianCuratorPage() {
  usePageTitle('Родители и оповещения', 'curator');
  const me = useMe();
  const groups = me.roles.filter((r) => r.role === 'curator').flatMap((r) => r.scope.filter((x) => x.kind === 'group'));
  const [groupId, setGroupId] = useState(groups[0]?.id ?? 0);
  return (
    <div>
      <h1>Родители и оповещения</h1>
      <AbsenceAlerts />
      {groups.length > 1 && (
        <SelectField label="Группа" value={groupId} onChange={(e) => setGroupId(Number(e.target.value))}>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
      )}
      {groupId ? <GroupGuardians groupId={groupId} /> : null}
    </div>
  );
}
