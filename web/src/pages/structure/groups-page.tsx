import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { StaffItem } from '../../../../src/contracts/people.js';
import type { GroupItem, Program } from '../../../../src/contracts/structure.js';
import { ApiError, get, post, put, qs } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { useDebounced } from '../people/common.js';
import { usePageTitle } from '../../page-title.js';

export function GroupsPage() {
  usePageTitle('Учебные группы', 'admin-structure');
  const me = useMe();
  const [q, setQ] = useState('');
  const [course, setCourse] = useState('');
  const [programId, setProgramId] = useState('');
  const [status, setStatus] = useState('active');
  const [editing, setEditing] = useState<GroupItem | 'new' | null>(null);
  const dq = useDebounced(q);
  const groups = useQuery({ queryKey: ['groups', dq, course, programId, status], queryFn: () => get<GroupItem[]>(`/groups${qs({ q: dq, course, programId, status })}`) });
  const programs = useQuery({ queryKey: ['programs'], queryFn: () => get<Program[]>('/programs') });
  const canEdit = can(me, 'structure:write');
  return (
    <>
      <h1>Учебные группы</h1>
      <div className="filters" role="search">
        <Field label="Поиск по названию" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="например, ПК-25" />
        <SelectField label="Курс" value={course} onChange={(e) => setCourse(e.target.value)}>
          <option value="">все</option>
          {[1, 2, 3, 4].map((c) => <option key={c} value={c}>{c}-й</option>)}
        </SelectField>
        <SelectField label="Специальность" value={programId} onChange={(e) => setProgramId(e.target.value)}>
          <option value="">все</option>
          {programs.data?.map((p) => <option key={p.id} value={p.id}>{p.code} {p.name}</option>)}
        </SelectField>
        <SelectField label="Статус" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="active">обучаются</option>
          <option value="graduated">выпущены</option>
          <option value="all">все</option>
        </SelectField>
      </div>
      {canEdit && editing === null && <div className="actions"><button type="button" onClick={() => setEditing('new')}>Создать группу</button></div>}
      {editing !== null && <GroupForm group={editing === 'new' ? null : editing} programs={programs.data ?? []} onDone={() => setEditing(null)} />}
      {groups.isLoading && <Loading />}
      <ErrorNotice error={groups.error} />
      {groups.data && groups.data.length === 0 && (
        <Empty>{q || course || programId ? 'Нет групп по этим условиям. Измените фильтры.' : 'Групп пока нет. Создайте специальности в разделе «Структура», затем группы — кнопкой «Создать группу».'}</Empty>
      )}
      {groups.data && groups.data.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <thead><tr><th>Группа</th><th>Курс</th><th>Специальность</th><th>Куратор</th><th>Обучающихся</th><th>Подгруппы</th>{canEdit && <th><span className="sr-only">Действия</span></th>}</tr></thead>
            <tbody>
              {groups.data.map((g) => (
                <tr key={g.id}>
                  <td><Link to={`/groups/${g.id}`}>{g.name}</Link>{g.status === 'graduated' && <> <span className="badge">выпущена</span></>}</td>
                  <td>{g.course}</td>
                  <td className="small">{g.programCode} {g.programName}</td>
                  <td>{g.curatorName ?? <span className="muted">не назначен</span>}</td>
                  <td>{g.students}</td>
                  <td className="small">{g.subgroups.map((s) => `${s.name} (${s.students})`).join('; ') || '—'}</td>
                  {canEdit && <td><button type="button" className="link" onClick={() => setEditing(g)}>Изменить</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function GroupForm({ group, programs, onDone }: { group: GroupItem | null; programs: Program[]; onDone(): void }) {
  const qc = useQueryClient();
  const staff = useQuery({ queryKey: ['staff-all'], queryFn: () => get<{ items: StaffItem[] }>('/staff?pageSize=500') });
  const [f, setF] = useState({
    name: group?.name ?? '', programId: String(group?.programId ?? ''), intakeYear: String(group?.intakeYear ?? new Date().getFullYear()),
    course: String(group?.course ?? 1), curatorPersonId: String(group?.curatorPersonId ?? ''),
  });
  const [sub, setSub] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const body = { name: f.name, programId: Number(f.programId), intakeYear: Number(f.intakeYear), course: Number(f.course), curatorPersonId: f.curatorPersonId ? Number(f.curatorPersonId) : null };
      return group ? put<GroupItem>(`/groups/${group.id}`, body) : post<GroupItem>('/groups', body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['groups'] });
      onDone();
    },
  });
  const addSub = useMutation({
    mutationFn: () => post(`/groups/${group!.id}/subgroups`, { name: sub }),
    onSuccess: () => {
      setSub('');
      void qc.invalidateQueries({ queryKey: ['groups'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={group ? `Группа ${group.name}` : 'Новая группа'}>
      <h2 style={{ marginTop: 0 }}>{group ? `Группа ${group.name}` : 'Новая группа'}</h2>
      <div className="form-row">
        <Field label="Название" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} error={err?.fields.name} placeholder="ПК-26" />
        <SelectField label="Специальность" value={f.programId} onChange={(e) => setF({ ...f, programId: e.target.value })} error={err?.fields.programId}>
          <option value="">— выберите —</option>
          {programs.map((p) => <option key={p.id} value={p.id}>{p.code} {p.name}</option>)}
        </SelectField>
        <Field label="Год набора" type="number" value={f.intakeYear} onChange={(e) => setF({ ...f, intakeYear: e.target.value })} error={err?.fields.intakeYear} />
        <SelectField label="Курс" value={f.course} onChange={(e) => setF({ ...f, course: e.target.value })}>
          {[1, 2, 3, 4, 5].map((c) => <option key={c} value={c}>{c}</option>)}
        </SelectField>
        <SelectField label="Куратор" value={f.curatorPersonId} onChange={(e) => setF({ ...f, curatorPersonId: e.target.value })} error={err?.fields.curatorPersonId}>
          <option value="">не назначен</option>
          {staff.data?.items.map((s) => <option key={s.personId} value={s.personId}>{s.fullName}</option>)}
        </SelectField>
      </div>
      <ErrorNotice error={err} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>Сохранить</button>
        <button type="button" className="secondary" onClick={onDone}>Отмена</button>
      </div>
      {group && (
        <>
          <h3>Подгруппы</h3>
          {group.subgroups.length ? <ul>{group.subgroups.map((s) => <li key={s.id}>{s.name} — {s.students} обуч.</li>)}</ul> : <p className="muted small">Подгрупп нет. Добавьте, если группа делится (иностранный язык, лабораторные).</p>}
          <div className="actions">
            <input aria-label="Название подгруппы" value={sub} onChange={(e) => setSub(e.target.value)} placeholder="Иностранный язык, подгруппа 1" />
            <button type="button" className="secondary" disabled={!sub || addSub.isPending} onClick={() => addSub.mutate()}>Добавить подгруппу</button>
          </div>
          <ErrorNotice error={addSub.error} />
          {addSub.isSuccess && <Notice kind="ok">Подгруппа добавлена. Состав подгруппы задаётся на странице группы.</Notice>}
        </>
      )}
    </form>
  );
}
