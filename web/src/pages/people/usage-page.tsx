import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GroupUsage } from '../../../../src/contracts/people.js';
import { get } from '../../api.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { AccessBadge } from './common.js';
import { usePageTitle } from '../../page-title.js';

type Summary = GroupUsage['summary'] & { groupId: number; groupName: string; course: number };

/** п. 3.7: which students and guardians use the journal, per group. */
export function UsagePage() {
  usePageTitle('Вход в журнал', 'admin-usage');
  const q = useQuery({ queryKey: ['usage'], queryFn: () => get<Summary[]>('/usage') });
  return (
    <>
      <h1>Вход в журнал</h1>
      <p className="muted">Кто из обучающихся и родителей входил в журнал. Группы с низкой долей — повод куратору напомнить семьям и выдать доступ.</p>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data?.length === 0 && <Empty>Групп нет.</Empty>}
      {q.data && q.data.length > 0 && (
        <div className="table-wrap"><table className="list">
          <thead><tr><th>Группа</th><th>Курс</th><th>Обучающиеся: входили</th><th>Родители: входили</th><th>Без доступа</th></tr></thead>
          <tbody>{q.data.map((g) => (
            <tr key={g.groupId}>
              <td><Link to={`/usage/${g.groupId}`}>{g.groupName}</Link></td><td>{g.course}</td>
              <td>{g.studentsLoggedIn} из {g.students} <Bar n={g.studentsLoggedIn} of={g.students} /></td>
              <td>{g.guardiansLoggedIn} из {g.guardians} <Bar n={g.guardiansLoggedIn} of={g.guardians} /></td>
              <td>{g.noLogin ? <span className="badge warn">{g.noLogin}</span> : '—'}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
    </>
  );
}

function Bar({ n, of }: { n: number; of: number }) {
  const pct = of ? Math.round((n * 100) / of) : 0;
  return <span className="muted small">({pct}%)</span>;
}

export function GroupUsagePage() {
  const { id } = useParams();
  const [filter, setFilter] = useState<'all' | 'never' | 'none'>('all');
  const q = useQuery({ queryKey: ['usage', id], queryFn: () => get<GroupUsage>(`/groups/${id}/usage`) });
  usePageTitle(q.data ? `Вход в журнал: группа ${q.data.groupName}` : 'Вход в журнал', 'admin-usage');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const u = q.data!;
  const rows = u.rows.filter((r) => filter === 'all' || (filter === 'none' ? !r.access.login : r.access.login && !r.access.lastLoginAt));
  return (
    <>
      <h1>Вход в журнал: группа <Link to={`/groups/${u.groupId}`}>{u.groupName}</Link></h1>
      <p className="muted">Обучающихся входили: {u.summary.studentsLoggedIn} из {u.summary.students}; родителей: {u.summary.guardiansLoggedIn} из {u.summary.guardians}; без доступа: {u.summary.noLogin}.</p>
      <div className="actions">
        <label className="inline">Показать{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
            <option value="all">всех</option><option value="never">ни разу не входили</option><option value="none">без доступа</option>
          </select>
        </label>
        <a className="button secondary" href={`/api/v1/groups/${u.groupId}/usage.xlsx`}>Скачать XLSX</a>
      </div>
      {rows.length === 0 ? <Empty>Таких нет.</Empty> : (
        <div className="table-wrap"><table className="list">
          <thead><tr><th>ФИО</th><th>Кто</th><th>Логин</th><th>Последний вход</th></tr></thead>
          <tbody>{rows.map((r, i) => (
            <tr key={i}><td>{r.fullName}</td><td className="small">{r.kind === 'student' ? 'обучающийся' : `родитель: ${r.studentName}`}</td><td>{r.access.login ?? '—'}</td><td><AccessBadge access={r.access} /></td></tr>
          ))}</tbody>
        </table></div>
      )}
    </>
  );
}
