import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { ApiRequest } from '../../../../src/contracts/api.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { ErrorNotice, Field, Loading, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { STATUS_TITLES, useDebounced } from './common.js';
import { usePageTitle } from '../../page-title.js';

type Query = NonNullable<ApiRequest<'GET /students'>['query']>;

export function StudentsPage() {
  usePageTitle('Обучающиеся', 'admin-people');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const f = {
    q: params.get('q') ?? '',
    groupId: params.get('groupId') ?? '',
    course: params.get('course') ?? '',
    programId: params.get('programId') ?? '',
    status: params.get('status') ?? 'active',
    sort: params.get('sort') ?? 'name',
    page: Number(params.get('page') ?? 1),
  };
  const set = (patch: Partial<Record<keyof typeof f, string | number>>) => {
    const next = { ...f, page: 1, ...patch };
    setParams(
      Object.fromEntries(
        Object.entries(next)
          .filter(([, v]) => v !== '' && v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ),
    );
  };
  const dq = useDebounced(f.q);
  const orgWide = !!me.abilities['structure:read'];
  const req = { query: { ...f, q: dq, status: f.status as Query['status'], sort: f.sort as Query['sort'], pageSize: 50 } };
  const list = useQuery({ queryKey: keyOf('GET /students', req), queryFn: () => call('GET /students', req) });
  const allGroups = { query: { status: 'all' as const } };
  const groups = useQuery({ queryKey: keyOf('GET /groups', allGroups), queryFn: () => call('GET /groups', allGroups), enabled: orgWide });
  const programs = useQuery({ queryKey: keyOf('GET /programs'), queryFn: () => call('GET /programs'), enabled: orgWide });
  const sortKey = f.sort.replace(/^-/, '');
  return (
    <>
      <h1>Обучающиеся</h1>
      <nav className="section-links" aria-label="Люди">
        <Link to="/guardians">Родители (законные представители)</Link>
        {can(me, 'people:approve') && <Link to="/contact-changes">Изменения контактов</Link>}
        {can(me, 'people:view-log') && <Link to="/view-log">Просмотры персональных данных</Link>}
      </nav>
      <div className="filters" role="search">
        <Field label="Поиск: фамилия, имя или № зачётной книжки" type="search" value={f.q} onChange={(e) => set({ q: e.target.value })} />
        {orgWide && (
          <>
            <SelectField label="Группа" value={f.groupId} onChange={(e) => set({ groupId: e.target.value })}>
              <option value="">все</option>
              {groups.data?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="Курс" value={f.course} onChange={(e) => set({ course: e.target.value })}>
              <option value="">все</option>
              {[1, 2, 3, 4].map((c) => (
                <option key={c} value={c}>
                  {c}-й
                </option>
              ))}
            </SelectField>
            <SelectField label="Специальность" value={f.programId} onChange={(e) => set({ programId: e.target.value })}>
              <option value="">все</option>
              {programs.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} {p.name}
                </option>
              ))}
            </SelectField>
          </>
        )}
        <SelectField label="Статус" value={f.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="active">обучаются</option>
          <option value="leave">в академическом отпуске</option>
          <option value="expelled">отчислены</option>
          <option value="graduated">выпускники</option>
          <option value="all">все</option>
        </SelectField>
      </div>
      {can(me, 'people:write') && (
        <div className="actions">
          <Link className="button" to="/students/new">
            Зачислить обучающегося
          </Link>
          <Link className="button secondary" to="/start-of-year">
            Импорт из файла
          </Link>
        </div>
      )}
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      <DataTable
        caption="Обучающиеся"
        captionHidden
        rows={list.data?.items}
        rowKey={(s) => s.id}
        empty={
          f.q || f.groupId || f.course || f.programId
            ? 'Никого не нашли. Проверьте написание или снимите фильтры.'
            : 'Обучающихся пока нет. Загрузите список из файла в разделе «Начало года».'
        }
        sorted={{ key: sortKey, dir: f.sort.startsWith('-') ? -1 : 1 }}
        onSort={(key) => set({ sort: f.sort === key ? `-${key}` : key })}
        columns={[
          {
            key: 'name',
            title: 'ФИО',
            sort: true,
            cell: (s) => (
              <>
                <Link to={`/students/${s.id}`}>{s.fullName}</Link>
                {s.recordBookNo && <div className="muted small">з/к {s.recordBookNo}</div>}
              </>
            ),
          },
          {
            key: 'group',
            title: 'Группа',
            sort: true,
            cell: (s) => (s.groupId ? <Link to={`/groups/${s.groupId}`}>{s.groupName}</Link> : '—'),
          },
          { key: 'birthDate', title: 'Дата рождения', sort: true, cell: (s) => dateRu(s.birthDate) },
          { key: 'course', title: 'Курс', cell: (s) => s.course ?? '—' },
          { key: 'phone', title: 'Телефон', className: 'small', cell: (s) => s.phone ?? '' },
          {
            key: 'status',
            title: 'Статус',
            cell: (s) => <span className={s.status === 'active' ? 'badge ok' : 'badge'}>{STATUS_TITLES[s.status]}</span>,
          },
        ]}
      />
      {list.data && list.data.total > 0 && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => set({ page: p })} />
      )}
    </>
  );
}
