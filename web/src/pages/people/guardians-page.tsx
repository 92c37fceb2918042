import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { DataTable } from '../../ui/data-table.js';
import { ErrorNotice, Field, Loading, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { AccessBadge, useDebounced } from './common.js';
import { ContactsForm, CredentialsButtons } from './student-page.js';
import { usePageTitle } from '../../page-title.js';
import { PersonSsoPanel } from '../sso/person-links.js';

export function GuardiansPage() {
  usePageTitle('Родители', 'admin-people');
  const me = useMe();
  const [q, setQ] = useState('');
  const [groupId, setGroupId] = useState('');
  const [page, setPage] = useState(1);
  const dq = useDebounced(q);
  const req = { query: { q: dq, groupId, page, pageSize: 50 } };
  const list = useQuery({ queryKey: keyOf('GET /guardians', req), queryFn: () => call('GET /guardians', req) });
  const groups = useQuery({
    queryKey: keyOf('GET /groups'),
    queryFn: () => call('GET /groups'),
    enabled: !!me.abilities['structure:read'],
  });
  return (
    <>
      <h1>Родители (законные представители)</h1>
      <div className="filters" role="search">
        <Field
          label="Поиск: ФИО или телефон"
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        {groups.data && (
          <SelectField
            label="Группа ребёнка"
            value={groupId}
            onChange={(e) => {
              setGroupId(e.target.value);
              setPage(1);
            }}
          >
            <option value="">все</option>
            {groups.data.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      <DataTable
        caption="Родители"
        captionHidden
        rows={list.data?.items}
        rowKey={(g) => g.personId}
        empty="Никого не нашли. Родителей добавляют в карточке обучающегося или вместе с ним из файла импорта."
        columns={[
          { key: 'name', title: 'ФИО', cell: (g) => <Link to={`/guardians/${g.personId}`}>{g.fullName}</Link> },
          {
            key: 'contacts',
            title: 'Контакты',
            className: 'small',
            cell: (g) => (
              <>
                {g.phone ?? '—'}
                {g.email && <div>{g.email}</div>}
              </>
            ),
          },
          {
            key: 'children',
            title: 'Дети',
            className: 'small',
            cell: (g) =>
              g.children.map((c) => (
                <div key={c.studentId}>
                  <Link to={`/students/${c.studentId}`}>{c.fullName}</Link> ({c.relation}
                  {c.groupName ? `, ${c.groupName}` : ''})
                </div>
              )),
          },
          { key: 'access', title: 'Доступ', cell: (g) => <AccessBadge access={g.access} /> },
        ]}
      />
      {list.data && list.data.total > 0 && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
      )}
    </>
  );
}

export function GuardianPage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: keyOf('GET /guardians/:id', { params: { id } }),
    queryFn: () => call('GET /guardians/:id', { params: { id } }),
  });
  usePageTitle(q.data?.person.fullName ?? 'Родитель', 'admin-people');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const g = q.data!;
  return (
    <>
      <h1>{g.person.fullName}</h1>
      <p className="muted">Родитель (законный представитель)</p>
      <section className="panel" aria-labelledby="ch-h">
        <h2 id="ch-h" style={{ marginTop: 0 }}>
          Дети
        </h2>
        <ul className="plain">
          {g.children.map((c) => (
            <li key={c.studentId}>
              <Link to={`/students/${c.studentId}`}>{c.fullName}</Link> — {c.relation}
              {c.groupName ? `, группа ${c.groupName}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="gc-h">
        <h2 id="gc-h" style={{ marginTop: 0 }}>
          Контакты и доступ
        </h2>
        {g.can.editContacts ? (
          <ContactsForm personId={g.person.id} phone={g.person.phone} email={g.person.email} pendingNote={false} />
        ) : (
          <p>
            {g.person.phone ?? 'телефон не указан'}
            {g.person.email ? ` · ${g.person.email}` : ''}
          </p>
        )}
        <p className="small">
          Доступ к журналу: <AccessBadge access={g.access} /> {g.access.login && <span className="muted">логин {g.access.login}</span>}
        </p>
        {g.can.credentials && <CredentialsButtons personIds={[g.person.id]} has={!!g.access.login} groupId={null} />}
      </section>
      <PersonSsoPanel personId={g.person.id} />
    </>
  );
}
