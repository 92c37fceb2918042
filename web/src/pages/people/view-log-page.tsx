import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { get, qs } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { Pager } from './common.js';
import { usePageTitle } from '../../page-title.js';

interface Entry { id: number; at: string; viewer: string; viewerLogin: string; personId: number; person: string }

/** 152-ФЗ: who opened whose card, and when. */
export function ViewLogPage() {
  usePageTitle('Просмотры персональных данных', 'admin-view-log');
  const me = useMe();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['view-log', page], queryFn: () => get<{ items: Entry[]; total: number; page: number; pageSize: number }>(`/people/view-log${qs({ page, pageSize: 100 })}`) });
  return (
    <>
      <h1>Просмотры персональных данных</h1>
      <p className="muted">Каждое открытие карточки обучающегося или родителя сотрудником записывается (152-ФЗ).</p>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data?.total === 0 && <Empty>Просмотров пока не было.</Empty>}
      {q.data && q.data.total > 0 && (
        <>
          <div className="table-wrap"><table className="list">
            <thead><tr><th>Когда</th><th>Кто смотрел</th><th>Чью карточку</th></tr></thead>
            <tbody>{q.data.items.map((e) => (
              <tr key={e.id}><td>{dateTimeRu(e.at, me.organization.timeZone)}</td><td>{e.viewer} <span className="muted small">({e.viewerLogin})</span></td><td><Link to={`/students?q=${encodeURIComponent(e.person)}&status=all`}>{e.person}</Link></td></tr>
            ))}</tbody>
          </table></div>
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}
