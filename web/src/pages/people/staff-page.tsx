import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CredentialsResult, StaffItem } from '../../../../src/contracts/people.js';
import type { Commission } from '../../../../src/contracts/structure.js';
import { ROLE_TITLES, STAFF_ROLES, type StaffRole } from '../../../../src/domain/roles.js';
import { ApiError, get, post, put, qs } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { AccessBadge, SexField, useDebounced } from './common.js';
import { CredentialsResultView } from './group-page.js';
import { usePageTitle } from '../../page-title.js';
import { DirectionForm } from './direction.js';

type RoleRow = { role: StaffRole; title: string; commissionId: string };

export function StaffPage() {
  usePageTitle('Сотрудники', 'admin-people');
  const me = useMe();
  const qc = useQueryClient();
  const edit = can(me, 'people:write');
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<StaffItem | 'new' | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [direction, setDirection] = useState<number | null>(null);
  const dq = useDebounced(q);
  const list = useQuery({ queryKey: ['staff', dq, role, page], queryFn: () => get<{ items: StaffItem[]; total: number; page: number; pageSize: number }>(`/staff${qs({ q: dq, role, page, pageSize: 50 })}`) });
  const issue = useMutation({
    mutationFn: (reset: boolean) => post<CredentialsResult>('/credentials', { personIds: [...selected], reset }),
    onSuccess: () => {
      setSelected(new Set());
      void qc.invalidateQueries({ queryKey: ['staff'] });
    },
  });
  const toggle = (id: number) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  return (
    <>
      <h1>Сотрудники</h1>
      <div className="filters" role="search">
        <Field label="Поиск по ФИО" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
        <SelectField label="Роль" value={role} onChange={(e) => { setRole(e.target.value); setPage(1); }}>
          <option value="">все</option>{STAFF_ROLES.map((r) => <option key={r} value={r}>{ROLE_TITLES[r]}</option>)}
        </SelectField>
      </div>
      {edit && (
        <div className="actions">
          <button type="button" onClick={() => setEditing('new')}>Добавить сотрудника</button>
          {can(me, 'people:credentials') && (
            <>
              <button type="button" className="secondary" disabled={!selected.size || issue.isPending} onClick={() => issue.mutate(false)}>Выдать доступ выбранным ({selected.size})</button>
              <button type="button" className="secondary" disabled={!selected.size || issue.isPending} onClick={() => issue.mutate(true)}>Сбросить пароли выбранным</button>
            </>
          )}
        </div>
      )}
      <ErrorNotice error={issue.error} />
      {issue.data && <CredentialsResultView result={issue.data} />}
      {editing && <StaffForm staff={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {direction && <DirectionForm key={direction} personId={direction} onDone={() => setDirection(null)} />}
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      {list.data?.total === 0 && <Empty>Никого не нашли. Сотрудников добавляют кнопкой «Добавить сотрудника» или загружают из файла в разделе «Начало года».</Empty>}
      {list.data && list.data.total > 0 && (
        <>
          <div className="table-wrap"><table className="list">
            <thead><tr>{edit && <th><span className="sr-only">Выбрать</span></th>}<th>ФИО</th><th>Роли</th><th>Куратор групп</th><th>Контакты</th><th>Доступ</th>{edit && <th><span className="sr-only">Действия</span></th>}</tr></thead>
            <tbody>{list.data.items.map((s) => (
              <tr key={s.personId}>
                {edit && <td><input type="checkbox" aria-label={`Выбрать: ${s.fullName}`} checked={selected.has(s.personId)} onChange={() => toggle(s.personId)} /></td>}
                <td>{s.fullName}</td>
                <td className="small">{s.roles.map((r, i) => <div key={i}>{ROLE_TITLES[r.role]}{r.commissionName ? ` (${r.commissionName})` : ''}{r.title && r.title !== ROLE_TITLES[r.role] ? ` — ${r.title}` : ''}</div>)}</td>
                <td className="small">{s.curatorOf.join(', ') || '—'}</td>
                <td className="small">{s.phone ?? ''}{s.email && <div>{s.email}</div>}</td>
                <td><AccessBadge access={s.access} />{s.access.login && <div className="muted small">{s.access.login}</div>}</td>
                {edit && (
                  <td>
                    <button type="button" className="link" onClick={() => setEditing(s)}>Роли</button>
                    {s.roles.some((r) => r.role === 'specialist') && <div><button type="button" className="link" onClick={() => setDirection(s.personId)}>Направление работы</button></div>}
                  </td>
                )}
              </tr>
            ))}</tbody>
          </table></div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

function StaffForm({ staff, onDone }: { staff: StaffItem | null; onDone(): void }) {
  const qc = useQueryClient();
  const commissions = useQuery({ queryKey: ['commissions'], queryFn: () => get<Commission[]>('/commissions') });
  const [person, setPerson] = useState({ lastName: '', firstName: '', middleName: '', gender: '', phone: '', email: '' });
  const [roles, setRoles] = useState<RoleRow[]>(staff ? staff.roles.map((r) => ({ role: r.role, title: r.title ?? '', commissionId: String(commissions.data?.find((c) => c.name === r.commissionName)?.id ?? '') })) : [{ role: 'teacher', title: 'Преподаватель', commissionId: '' }]);
  const save = useMutation({
    mutationFn: () => {
      const body = roles.map((r) => ({ role: r.role, title: r.title || null, commissionId: r.commissionId ? Number(r.commissionId) : null }));
      return staff ? put(`/staff/${staff.personId}/roles`, { roles: body }) : post('/staff', { ...person, middleName: person.middleName || null, gender: person.gender || null, phone: person.phone || null, email: person.email || null, roles: body });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['staff'] });
      onDone();
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={staff ? `Роли: ${staff.fullName}` : 'Новый сотрудник'}>
      <h2 style={{ marginTop: 0 }}>{staff ? `Роли: ${staff.fullName}` : 'Новый сотрудник'}</h2>
      {!staff && (
        <div className="form-row">
          <Field label="Фамилия" value={person.lastName} onChange={(e) => setPerson({ ...person, lastName: e.target.value })} error={err?.fields.lastName} />
          <Field label="Имя" value={person.firstName} onChange={(e) => setPerson({ ...person, firstName: e.target.value })} error={err?.fields.firstName} />
          <Field label="Отчество" value={person.middleName} onChange={(e) => setPerson({ ...person, middleName: e.target.value })} error={err?.fields.middleName} />
          <SexField value={person.gender} onChange={(gender) => setPerson({ ...person, gender })} error={err?.fields.gender} />
          <Field label="Телефон" type="tel" value={person.phone} onChange={(e) => setPerson({ ...person, phone: e.target.value })} error={err?.fields.phone} />
          <Field label="Эл. почта" type="email" value={person.email} onChange={(e) => setPerson({ ...person, email: e.target.value })} error={err?.fields.email} />
        </div>
      )}
      <p className="small muted">Куратор назначается в карточке группы; роли обучающегося и родителя следуют из списков групп и связей с детьми.</p>
      {roles.map((r, i) => (
        <div className="form-row" key={i}>
          <SelectField label={`Роль ${i + 1}`} value={r.role} onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, role: e.target.value as StaffRole } : x)))}>
            {STAFF_ROLES.map((x) => <option key={x} value={x}>{ROLE_TITLES[x]}</option>)}
          </SelectField>
          <Field label="Должность" value={r.title} onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
          {r.role === 'chair' && (
            <SelectField label="ПЦК" value={r.commissionId} onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, commissionId: e.target.value } : x)))}>
              <option value="">— выберите —</option>{commissions.data?.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </SelectField>
          )}
          <div><button type="button" className="link" style={{ marginTop: '2rem' }} onClick={() => setRoles(roles.filter((_, j) => j !== i))}>Убрать роль</button></div>
        </div>
      ))}
      <div className="actions"><button type="button" className="secondary" onClick={() => setRoles([...roles, { role: 'teacher', title: '', commissionId: '' }])}>Добавить роль</button></div>
      {err && <Notice kind="error">{err.fields.roles ?? err.message}</Notice>}
      <div className="actions"><button type="submit" disabled={save.isPending}>Сохранить</button><button type="button" className="secondary" onClick={onDone}>Отмена</button></div>
    </form>
  );
}
