import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { useDebounced } from '../people/common.js';
import { usePageTitle } from '../../page-title.js';
import { PrintAllJournals } from '../journal/print-journal.js';

type Group = ApiResponse<'GET /groups'>[number];
type Program = ApiResponse<'GET /programs'>[number];

export function GroupsPage() {
  usePageTitle('Учебные группы', 'admin-structure');
  const me = useMe();
  const [q, setQ] = useState('');
  const [course, setCourse] = useState('');
  const [programId, setProgramId] = useState('');
  const [status, setStatus] = useState<'active' | 'graduated' | 'all'>('active');
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const dq = useDebounced(q);
  const req = { query: { q: dq, course, programId, status } };
  const groups = useQuery({ queryKey: keyOf('GET /groups', req), queryFn: () => call('GET /groups', req) });
  const programs = useQuery({ queryKey: keyOf('GET /programs'), queryFn: () => call('GET /programs') });
  const canEdit = can(me, 'structure:write');
  return (
    <>
      <h1>Учебные группы</h1>
      <div className="filters" role="search">
        <Field label="Поиск по названию" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="например, ПК-25" />
        <SelectField label="Курс" value={course} onChange={(e) => setCourse(e.target.value)}>
          <option value="">все</option>
          {[1, 2, 3, 4].map((c) => (
            <option key={c} value={c}>
              {c}-й
            </option>
          ))}
        </SelectField>
        <SelectField label="Специальность" value={programId} onChange={(e) => setProgramId(e.target.value)}>
          <option value="">все</option>
          {programs.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Статус" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="active">обучаются</option>
          <option value="graduated">выпущены</option>
          <option value="all">все</option>
        </SelectField>
      </div>
      {canEdit && editing === null && (
        <div className="actions">
          <button type="button" onClick={() => setEditing('new')}>
            Создать группу
          </button>
        </div>
      )}
      {editing !== null && (
        <GroupForm group={editing === 'new' ? null : editing} programs={programs.data ?? []} onDone={() => setEditing(null)} />
      )}
      <PrintAllJournals />
      {groups.isLoading && <Loading />}
      <ErrorNotice error={groups.error} />
      <DataTable
        caption="Учебные группы"
        captionHidden
        rows={groups.data}
        rowKey={(g) => g.id}
        empty={
          q || course || programId
            ? 'Нет групп по этим условиям. Измените фильтры.'
            : 'Групп пока нет. Создайте специальности в разделе «Структура», затем группы — кнопкой «Создать группу».'
        }
        columns={[
          {
            key: 'name',
            title: 'Группа',
            cell: (g) => (
              <>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
                {g.status === 'graduated' && (
                  <>
                    {' '}
                    <span className="badge">выпущена</span>
                  </>
                )}
              </>
            ),
          },
          { key: 'course', title: 'Курс', cell: (g) => g.course },
          { key: 'program', title: 'Специальность', className: 'small', cell: (g) => `${g.programCode} ${g.programName}` },
          { key: 'curator', title: 'Куратор', cell: (g) => g.curatorName ?? <span className="muted">не назначен</span> },
          { key: 'students', title: 'Обучающихся', cell: (g) => g.students },
          {
            key: 'subgroups',
            title: 'Подгруппы',
            className: 'small',
            cell: (g) => g.subgroups.map((s) => `${s.name} (${s.students})`).join('; ') || '—',
          },
          canEdit && {
            key: 'edit',
            title: 'Действия',
            hiddenTitle: true,
            cell: (g) => (
              <button type="button" className="link" onClick={() => setEditing(g)}>
                Изменить
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

function GroupForm({ group, programs, onDone }: { group: Group | null; programs: Program[]; onDone(): void }) {
  const qc = useQueryClient();
  const staffReq = { query: { pageSize: 500 } };
  const staff = useQuery({ queryKey: keyOf('GET /staff', staffReq), queryFn: () => call('GET /staff', staffReq) });
  const initial = {
    name: group?.name ?? '',
    programId: String(group?.programId ?? ''),
    intakeYear: String(group?.intakeYear ?? new Date().getFullYear()),
    course: String(group?.course ?? 1),
    curatorPersonId: String(group?.curatorPersonId ?? ''),
  };
  const [sub, setSub] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: keysOf('GET /groups') });
  const save = useMutation({
    mutationFn: (f: typeof initial) => {
      const body = {
        name: f.name,
        programId: Number(f.programId),
        intakeYear: Number(f.intakeYear),
        course: Number(f.course),
        curatorPersonId: f.curatorPersonId ? Number(f.curatorPersonId) : null,
      };
      return group ? call('PUT /groups/:id', { params: { id: group.id }, body }) : call('POST /groups', { body });
    },
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const form = useForm(initial, { error: save.error, onSubmit: (v) => save.mutate(v) });
  const addSub = useMutation({
    mutationFn: () => call('POST /groups/:id/subgroups', { params: { id: group!.id }, body: { name: sub } }),
    onSuccess: () => {
      setSub('');
      refresh();
    },
  });
  return (
    <form className="panel" {...form.form} aria-label={group ? `Группа ${group.name}` : 'Новая группа'}>
      <h2 style={{ marginTop: 0 }}>{group ? `Группа ${group.name}` : 'Новая группа'}</h2>
      <div className="form-row">
        <Field label="Название" {...form.field('name')} placeholder="ПК-26" />
        <SelectField label="Специальность" {...form.field('programId')}>
          <option value="">— выберите —</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} {p.name}
            </option>
          ))}
        </SelectField>
        <Field label="Год набора" type="number" {...form.field('intakeYear')} />
        <SelectField label="Курс" {...form.field('course')}>
          {[1, 2, 3, 4, 5].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <SelectField label="Куратор" {...form.field('curatorPersonId')}>
          <option value="">не назначен</option>
          {staff.data?.items.map((s) => (
            <option key={s.personId} value={s.personId}>
              {s.fullName}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Сохранить
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Отмена
        </button>
      </div>
      {group && (
        <>
          <h3>Подгруппы</h3>
          {group.subgroups.length ? (
            <ul>
              {group.subgroups.map((s) => (
                <li key={s.id}>
                  {s.name} — {s.students} обуч.
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">Подгрупп нет. Добавьте, если группа делится (иностранный язык, лабораторные).</p>
          )}
          <div className="actions">
            <input
              aria-label="Название подгруппы"
              value={sub}
              onChange={(e) => setSub(e.target.value)}
              placeholder="Иностранный язык, подгруппа 1"
            />
            <button type="button" className="secondary" disabled={!sub || addSub.isPending} onClick={() => addSub.mutate()}>
              Добавить подгруппу
            </button>
          </div>
          <ErrorNotice error={addSub.error} />
          {addSub.isSuccess && <Notice kind="ok">Подгруппа добавлена. Состав подгруппы задаётся на странице группы.</Notice>}
        </>
      )}
    </form>
  );
}
