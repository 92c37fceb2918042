import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateTimeRu, NOUNS } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { ErrorNotice, Loading } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { usePageTitle } from '../../page-title.js';

type Entry = ApiResponse<'GET /people/view-log'>['items'][number];

const people = (n: number) => countRu(n, NOUNS.person);
const SHOWN = 5;

/** 152-ФЗ: who saw whose personal data, on which screen or export, and when. */
export function ViewLogPage() {
  usePageTitle('Просмотры персональных данных', 'admin-view-log');
  const me = useMe();
  const [page, setPage] = useState(1);
  const req = { query: { page, pageSize: 100 } };
  const q = useQuery({ queryKey: keyOf('GET /people/view-log', req), queryFn: () => call('GET /people/view-log', req) });
  return (
    <>
      <h1>Просмотры персональных данных</h1>
      <p className="muted">
        Записывается каждый показ сотруднику чужих персональных данных (152-ФЗ): карточки, списки обучающихся, родителей и сотрудников,
        страницы групп, изменения контактов, выгрузки и листки с паролями — с перечнем всех показанных людей.
      </p>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      <DataTable
        caption="Просмотры персональных данных"
        captionHidden
        rows={q.data?.items}
        rowKey={(e) => e.id}
        empty="Просмотров пока не было."
        columns={[
          { key: 'at', title: 'Когда', cell: (e) => dateTimeRu(e.at, me.organization.timeZone) },
          {
            key: 'viewer',
            title: 'Кто смотрел',
            cell: (e) => (
              <>
                {e.viewer} <span className="muted small">({e.viewerLogin})</span>
              </>
            ),
          },
          {
            key: 'what',
            title: 'Что открыто',
            cell: (e) => (
              <>
                {e.what}
                {e.detail && <div className="muted small">{e.detail}</div>}
              </>
            ),
          },
          { key: 'persons', title: 'Чьи данные', cell: (e) => <Persons entry={e} /> },
        ]}
      />
      {q.data && q.data.total > 0 && <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={setPage} />}
    </>
  );
}

function Persons({ entry }: { entry: Entry }) {
  const join = (list: { fullName: string }[]) => list.map((p) => p.fullName).join(', ');
  if (entry.persons.length <= SHOWN) return <>{join(entry.persons)}</>;
  return (
    <details>
      <summary>
        {people(entry.personCount)}:{' '}
        {entry.persons
          .slice(0, 2)
          .map((p) => p.fullName)
          .join(', ')}{' '}
        и другие
      </summary>
      <div className="small">{join(entry.persons)}</div>
    </details>
  );
}
