import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GuardianCard as GuardianCardData, GuardianItem } from '../../../../src/contracts/people.js';
import type { GroupItem } from '../../../../src/contracts/structure.js';
import { get, qs } from '../../api.js';
import { useMe } from '../../auth.js';
import { Empty, ErrorNotice, Field, Loading, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { AccessBadge, useDebounced } from './common.js';
import { ContactsForm, CredentialsButtons } from './student-page.js';
import { usePageTitle } from '../../page-title.js';

export function GuardiansPage() {
  usePageTitle('Родители', 'admin-people');
  const me = useMe();
  const [q, setQ] = useState('');
  const [groupId, setGroupId] = useState('');
  const [page, setPage] = useState(1);
  const dq = useDebounced(q);
  const list = useQuery({ queryKey: ['guardians', dq, groupId, page], queryFn: () => get<{ items: GuardianItem[]; total: number; page: number; pageSize: number }>(`/guardians${qs({ q: dq, groupId, page, pageSize: 50 })}`) });
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => get<GroupItem[]>('/groups'), enabled: !!me.abilities['structure:read'] });
  return (
    <>
      <h1>Родители (законные представители)</h1>
      <div className="filters" role="search">
        <Field label="Поиск: ФИО или телефон" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
        {groups.data && (
          <SelectField label="Группа ребёнка" value={groupId} onChange={(e) => { setGroupId(e.target.value); setPage(1); }}>
            <option value="">все</option>{groups.data.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </SelectField>
        )}
      </div>
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      {list.data?.total === 0 && <Empty>Никого не нашли. Родителей добавляют в карточке обучающегося или вместе с ним из файла импорта.</Empty>}
      {list.data && list.data.total > 0 && (
        <>
          <div className="table-wrap"><table className="list">
            <thead><tr><th>ФИО</th><th>Контакты</th><th>Дети</th><th>Доступ</th></tr></thead>
            <tbody>{list.data.items.map((g) => (
              <tr key={g.personId}>
                <td><Link to={`/guardians/${g.personId}`}>{g.fullName}</Link></td>
                <td className="small">{g.phone ?? '—'}{g.email && <div>{g.email}</div>}</td>
                <td className="small">{g.children.map((c) => <div key={c.studentId}><Link to={`/students/${c.studentId}`}>{c.fullName}</Link> ({c.relation}{c.groupName ? `, ${c.groupName}` : ''})</div>)}</td>
                <td><AccessBadge access={g.access} /></td>
              </tr>
            ))}</tbody>
          </table></div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

export function GuardianPage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['guardian', id], queryFn: () => get<GuardianCardData>(`/guardians/${id}`) });
  usePageTitle(q.data?.person.fullName ?? 'Родитель', 'admin-people');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const g = q.data!;
  return (
    <>
      <h1>{g.person.fullName}</h1>
      <p className="muted">Родитель (законный представитель)</p>
      <section className="panel" aria-labelledby="ch-h">
        <h2 id="ch-h" style={{ marginTop: 0 }}>Дети</h2>
        <ul className="plain">{g.children.map((c) => <li key={c.studentId}><Link to={`/students/${c.studentId}`}>{c.fullName}</Link> — {c.relation}{c.groupName ? `, группа ${c.groupName}` : ''}</li>)}</ul>
      </section>
      <section className="panel" aria-labelledby="gc-h">
        <h2 id="gc-h" style={{ marginTop: 0 }}>Контакты и доступ</h2>
        {g.can.editContacts ? <ContactsForm personId={g.person.id} phone={g.person.phone} email={g.person.email} pendingNote={false} /> : (
          <p>{g.person.phone ?? 'телефон не указан'}{g.person.email ? ` · ${g.person.email}` : ''}</p>
        )}
        <p className="small">Доступ к журналу: <AccessBadge access={g.access} /> {g.access.login && <span className="muted">логин {g.access.login}</span>}</p>
        {g.can.credentials && <CredentialsButtons personIds={[g.person.id]} has={!!g.access.login} groupId={null} />}
      </section>
    </>
  );
}
