import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call, hrefOf, keyOf } from '../../api.js';
import { DataTable } from '../../ui/data-table.js';
import { percentRu } from '../../format.js';
import { ErrorNotice, Loading } from '../../ui/index.js';
import { AccessBadge } from './common.js';
import { usePageTitle } from '../../page-title.js';

/** п. 3.7: which students and guardians use the journal, per group. */
export function UsagePage() {
  usePageTitle('Вход в журнал', 'admin-usage');
  const q = useQuery({ queryKey: keyOf('GET /usage'), queryFn: () => call('GET /usage') });
  return (
    <>
      <h1>Вход в журнал</h1>
      <p className="muted">
        Кто из обучающихся и родителей входил в журнал. Группы с низкой долей — повод куратору напомнить семьям и выдать доступ.
      </p>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      <DataTable
        caption="Вход в журнал по группам"
        captionHidden
        rows={q.data}
        rowKey={(g) => g.groupId}
        empty="Групп нет."
        columns={[
          { key: 'group', title: 'Группа', cell: (g) => <Link to={`/usage/${g.groupId}`}>{g.groupName}</Link> },
          { key: 'course', title: 'Курс', cell: (g) => g.course },
          {
            key: 'students',
            title: 'Обучающиеся: входили',
            cell: (g) => (
              <>
                {g.studentsLoggedIn} из {g.students} <Bar n={g.studentsLoggedIn} of={g.students} />
              </>
            ),
          },
          {
            key: 'guardians',
            title: 'Родители: входили',
            cell: (g) => (
              <>
                {g.guardiansLoggedIn} из {g.guardians} <Bar n={g.guardiansLoggedIn} of={g.guardians} />
              </>
            ),
          },
          { key: 'none', title: 'Без доступа', cell: (g) => (g.noLogin ? <span className="badge warn">{g.noLogin}</span> : '—') },
        ]}
      />
    </>
  );
}

function Bar({ n, of }: { n: number; of: number }) {
  return <span className="muted small">({percentRu(of ? Math.round((n * 100) / of) : null)})</span>;
}

export function GroupUsagePage() {
  const id = Number(useParams().id);
  const [filter, setFilter] = useState<'all' | 'never' | 'none'>('all');
  const q = useQuery({
    queryKey: keyOf('GET /groups/:id/usage', { params: { id } }),
    queryFn: () => call('GET /groups/:id/usage', { params: { id } }),
  });
  usePageTitle(q.data ? `Вход в журнал: группа ${q.data.groupName}` : 'Вход в журнал', 'admin-usage');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const u = q.data!;
  const rows = u.rows
    .map((r, i) => ({ ...r, i }))
    .filter((r) => filter === 'all' || (filter === 'none' ? !r.access.login : r.access.login && !r.access.lastLoginAt));
  return (
    <>
      <h1>
        Вход в журнал: группа <Link to={`/groups/${u.groupId}`}>{u.groupName}</Link>
      </h1>
      <p className="muted">
        Обучающихся входили: {u.summary.studentsLoggedIn} из {u.summary.students}; родителей: {u.summary.guardiansLoggedIn} из{' '}
        {u.summary.guardians}; без доступа: {u.summary.noLogin}.
      </p>
      <div className="actions">
        <label className="inline">
          Показать{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
            <option value="all">всех</option>
            <option value="never">ни разу не входили</option>
            <option value="none">без доступа</option>
          </select>
        </label>
        <a className="button secondary" href={hrefOf('GET /groups/:id/usage.xlsx', { params: { id: u.groupId } })}>
          Скачать XLSX
        </a>
      </div>
      <DataTable
        caption={`Вход в журнал: группа ${u.groupName}`}
        captionHidden
        rows={rows}
        rowKey={(r) => r.i}
        empty="Таких нет."
        columns={[
          { key: 'name', title: 'ФИО', cell: (r) => r.fullName },
          {
            key: 'kind',
            title: 'Кто',
            className: 'small',
            cell: (r) => (r.kind === 'student' ? 'обучающийся' : `родитель: ${r.studentName}`),
          },
          { key: 'login', title: 'Логин', cell: (r) => r.access.login ?? '—' },
          { key: 'last', title: 'Последний вход', cell: (r) => <AccessBadge access={r.access} /> },
        ]}
      />
    </>
  );
}
