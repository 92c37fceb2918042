import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Loading, SelectField } from '../../ui/index.js';

// The curator's view (п. 3.12, issue 14 items 7, 8): absence alerts, and per student of a group who
// receives what and who has no working contact.

function Alerts() {
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keyOf('GET /notify/alerts', { query: {} }), queryFn: () => call('GET /notify/alerts', { query: {} }) });
  const seen = useMutation({
    mutationFn: (id: number) => call('POST /notify/alerts/:id/seen', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['GET /notify/alerts'] }),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return (
    <section className="panel" aria-label="Оповещения о пропусках">
      <h2>Оповещения о пропусках</h2>
      {q.data.items.length ? (
        <ul>
          {q.data.items.map((a) => (
            <li key={a.id}>
              <strong>{a.studentName}</strong>
              {a.groupName ? ` (${a.groupName})` : ''}: {a.text}.{' '}
              <span className="muted">{dateTimeRu(a.createdAt, me.organization.timeZone)}</span>{' '}
              <button type="button" onClick={() => seen.mutate(a.id)}>
                Просмотрено
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Новых оповещений нет. Они появляются, когда обучающийся пропускает несколько дней подряд или много часов за месяц.</Empty>
      )}
    </section>
  );
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
      <Alerts />
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
