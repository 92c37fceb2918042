import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { StudentItem } from '../../../../src/contracts/people.js';
import type { GroupItem, Program } from '../../../../src/contracts/structure.js';
import { get, qs } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { STATUS_TITLES, useDebounced } from './common.js';
import { usePageTitle } from '../../page-title.js';

const SORTS: [string, string][] = [['name', 'ФИО'], ['group', 'Группа'], ['birthDate', 'Дата рождения']];

export function StudentsPage() {
  usePageTitle('Обучающиеся', 'admin-people');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const f = { q: params.get('q') ?? '', groupId: params.get('groupId') ?? '', course: params.get('course') ?? '', programId: params.get('programId') ?? '', status: params.get('status') ?? 'active', sort: params.get('sort') ?? 'name', page: Number(params.get('page') ?? 1) };
  const set = (patch: Partial<Record<keyof typeof f, string | number>>) => {
    const next = { ...f, page: 1, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => [k, String(v)])));
  };
  const dq = useDebounced(f.q);
  const orgWide = !!me.abilities['structure:read'];
  const list = useQuery({ queryKey: ['students', { ...f, q: dq }], queryFn: () => get<{ items: StudentItem[]; total: number; page: number; pageSize: number }>(`/students${qs({ ...f, q: dq, pageSize: 50 })}`) });
  const groups = useQuery({ queryKey: ['groups-all'], queryFn: () => get<GroupItem[]>('/groups?status=all'), enabled: orgWide });
  const programs = useQuery({ queryKey: ['programs'], queryFn: () => get<Program[]>('/programs'), enabled: orgWide });
  const sortBy = (key: string) => set({ sort: f.sort === key ? `-${key}` : key });
  const arrow = (key: string) => (f.sort === key ? ' ↑' : f.sort === `-${key}` ? ' ↓' : '');
  return (
    <>
      <h1>Обучающиеся</h1>
      <nav className="section-links" aria-label="Люди"><Link to="/guardians">Родители (законные представители)</Link>{can(me, 'people:approve') && <Link to="/contact-changes">Изменения контактов</Link>}{can(me, 'people:view-log') && <Link to="/view-log">Просмотры персональных данных</Link>}</nav>
      <div className="filters" role="search">
        <Field label="Поиск: фамилия, имя или № зачётной книжки" type="search" value={f.q} onChange={(e) => set({ q: e.target.value })} />
        {orgWide && (
          <>
            <SelectField label="Группа" value={f.groupId} onChange={(e) => set({ groupId: e.target.value })}>
              <option value="">все</option>{groups.data?.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </SelectField>
            <SelectField label="Курс" value={f.course} onChange={(e) => set({ course: e.target.value })}>
              <option value="">все</option>{[1, 2, 3, 4].map((c) => <option key={c} value={c}>{c}-й</option>)}
            </SelectField>
            <SelectField label="Специальность" value={f.programId} onChange={(e) => set({ programId: e.target.value })}>
              <option value="">все</option>{programs.data?.map((p) => <option key={p.id} value={p.id}>{p.code} {p.name}</option>)}
            </SelectField>
          </>
        )}
        <SelectField label="Статус" value={f.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="active">обучаются</option><option value="leave">в академическом отпуске</option><option value="expelled">отчислены</option><option value="graduated">выпускники</option><option value="all">все</option>
        </SelectField>
      </div>
      {can(me, 'people:write') && <div className="actions"><Link className="button" to="/students/new">Зачислить обучающегося</Link><Link className="button secondary" to="/start-of-year">Импорт из файла</Link></div>}
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      {list.data && list.data.total === 0 && <Empty>{f.q || f.groupId || f.course || f.programId ? 'Никого не нашли. Проверьте написание или снимите фильтры.' : 'Обучающихся пока нет. Загрузите список из файла в разделе «Начало года».'}</Empty>}
      {list.data && list.data.total > 0 && (
        <>
          <div className="table-wrap">
            <table className="list">
              <thead><tr>
                {SORTS.map(([k, t]) => <th key={k} aria-sort={f.sort === k ? 'ascending' : f.sort === `-${k}` ? 'descending' : undefined}><button type="button" className="link th-sort" onClick={() => sortBy(k)}>{t}{arrow(k)}</button></th>)}
                <th>Курс</th><th>Телефон</th><th>Статус</th>
              </tr></thead>
              <tbody>{list.data.items.map((s) => (
                <tr key={s.id}>
                  <td><Link to={`/students/${s.id}`}>{s.fullName}</Link>{s.recordBookNo && <div className="muted small">з/к {s.recordBookNo}</div>}</td>
                  <td>{s.groupId ? <Link to={`/groups/${s.groupId}`}>{s.groupName}</Link> : '—'}</td>
                  <td>{dateRu(s.birthDate)}</td>
                  <td>{s.course ?? '—'}</td>
                  <td className="small">{s.phone ?? ''}</td>
                  <td><span className={s.status === 'active' ? 'badge ok' : 'badge'}>{STATUS_TITLES[s.status]}</span></td>
                </tr>
              ))}</tbody>
            </table>
          </div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => set({ page: p })} />
        </>
      )}
    </>
  );
}
