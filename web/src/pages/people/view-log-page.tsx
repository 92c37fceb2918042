import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ViewLogEntry } from '../../../../src/contracts/people.js';
import { get, qs } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateTimeRu, NOUNS } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { usePageTitle } from '../../page-title.js';

const people = (n: number) => countRu(n, NOUNS.person);
const SHOWN = 5;

/** 152-ФЗ: who saw whose personal data, on which screen or export, and when. */
export function ViewLogPage() {
  usePageTitle('Просмотры персональных данных', 'admin-view-log');
  const me = useMe();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['view-log', page], queryFn: () => get<{ items: ViewLogEntry[]; total: number; page: number; pageSize: number }>(`/people/view-log${qs({ page, pageSize: 100 })}`) });
  return (
    <>
      <h1>Просмотры персональных данных</h1>
      <p className="muted">Записывается каждый показ сотруднику чужих персональных данных (152-ФЗ): карточки, списки обучающихся, родителей и сотрудников, страницы групп, изменения контактов, выгрузки и листки с паролями — с перечнем всех показанных людей.</p>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data?.total === 0 && <Empty>Просмотров пока не было.</Empty>}
      {q.data && q.data.total > 0 && (
        <>
          <div className="table-wrap"><table className="list">
            <thead><tr><th>Когда</th><th>Кто смотрел</th><th>Что открыто</th><th>Чьи данные</th></tr></thead>
            <tbody>{q.data.items.map((e) => (
              <tr key={e.id}>
                <td>{dateTimeRu(e.at, me.organization.timeZone)}</td>
                <td>{e.viewer} <span className="muted small">({e.viewerLogin})</span></td>
                <td>{e.what}{e.detail && <div className="muted small">{e.detail}</div>}</td>
                <td><Persons entry={e} /></td>
              </tr>
            ))}</tbody>
          </table></div>
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

function Persons({ entry }: { entry: ViewLogEntry }) {
  const join = (list: { fullName: string }[]) => list.map((p) => p.fullName).join(', ');
  if (entry.persons.length <= SHOWN) return <>{join(entry.persons)}</>;
  return (
    <details>
      <summary>{people(entry.personCount)}: {entry.persons.slice(0, 2).map((p) => p.fullName).join(', ')} и другие</summary>
      <div className="small">{join(entry.persons)}</div>
    </details>
  );
}
