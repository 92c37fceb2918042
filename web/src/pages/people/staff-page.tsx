import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { NOT_GRANTED_BY_COLLEGE, ROLE_TITLES, STAFF_ROLES, type StaffRole } from '../../../../src/domain/roles.js';
import { call, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm, useKept } from '../../ui/form.js';
import { hasKept } from '../../unsaved.js';
import { ErrorNotice, errorText, Field, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { Pager } from '../../ui/pager.js';
import { AccessBadge, personBody, SexField, useDebounced } from './common.js';
import { CredentialsResultView } from './group-page.js';
import { usePageTitle } from '../../page-title.js';
import { PersonSsoPanel } from '../sso/person-links.js';
import { DirectionForm } from './direction.js';

type StaffItem = ApiResponse<'GET /staff'>['items'][number];
type RoleRow = { role: StaffRole; title: string; commissionId: string };

export function StaffPage() {
  usePageTitle('Сотрудники', 'admin-people');
  const me = useMe();
  const qc = useQueryClient();
  const edit = can(me, 'people:write');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [page, setPage] = useState(1);
  // A new staff member typed when the session ended opens again with what was typed.
  const [editing, setEditing] = useState<StaffItem | 'new' | null>(() => (hasKept(NEW_STAFF) ? 'new' : null));
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [direction, setDirection] = useState<number | null>(null);
  const dq = useDebounced(q);
  const req = { query: { q: dq, role: role || undefined, page, pageSize: 50 } };
  const list = useQuery({ queryKey: keyOf('GET /staff', req), queryFn: () => call('GET /staff', req) });
  const issue = useMutation({
    mutationFn: (reset: boolean) => call('POST /credentials', { body: { personIds: [...selected], reset } }),
    onSuccess: () => {
      setSelected(new Set());
      void qc.invalidateQueries({ queryKey: keysOf('GET /staff') });
    },
  });
  const toggle = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <>
      <h1>Сотрудники</h1>
      <div className="filters" role="search">
        <Field
          label="Поиск по ФИО"
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <SelectField
          label="Роль"
          value={role}
          onChange={(e) => {
            setRole(e.target.value as StaffRole | '');
            setPage(1);
          }}
        >
          <option value="">все</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_TITLES[r]}
            </option>
          ))}
        </SelectField>
      </div>
      {edit && (
        <div className="actions">
          <button type="button" onClick={() => setEditing('new')}>
            Добавить сотрудника
          </button>
          {can(me, 'people:credentials') && (
            <>
              <button type="button" className="secondary" disabled={!selected.size || issue.isPending} onClick={() => issue.mutate(false)}>
                Выдать доступ выбранным ({selected.size})
              </button>
              <button type="button" className="secondary" disabled={!selected.size || issue.isPending} onClick={() => issue.mutate(true)}>
                Сбросить пароли выбранным
              </button>
            </>
          )}
        </div>
      )}
      <ErrorNotice error={issue.error} />
      {issue.data && <CredentialsResultView result={issue.data} />}
      {editing && <StaffForm staff={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {editing && editing !== 'new' && <PersonSsoPanel key={editing.personId} personId={editing.personId} />}
      {direction && <DirectionForm key={direction} personId={direction} onDone={() => setDirection(null)} />}
      {list.isLoading && <Loading />}
      <ErrorNotice error={list.error} />
      <DataTable
        caption="Сотрудники"
        captionHidden
        rows={list.data?.items}
        rowKey={(s) => s.personId}
        empty="Никого не нашли. Сотрудников добавляют кнопкой «Добавить сотрудника» или загружают из файла в разделе «Начало года»."
        columns={[
          edit && {
            key: 'pick',
            title: 'Выбрать',
            hiddenTitle: true,
            cell: (s) => (
              <input
                type="checkbox"
                aria-label={`Выбрать: ${s.fullName}`}
                checked={selected.has(s.personId)}
                onChange={() => toggle(s.personId)}
              />
            ),
          },
          { key: 'name', title: 'ФИО', cell: (s) => s.fullName },
          {
            key: 'roles',
            title: 'Роли',
            className: 'small',
            cell: (s) =>
              s.roles.map((r, i) => (
                <div key={i}>
                  {ROLE_TITLES[r.role]}
                  {r.commissionName ? ` (${r.commissionName})` : ''}
                  {r.title && r.title !== ROLE_TITLES[r.role] ? ` — ${r.title}` : ''}
                </div>
              )),
          },
          { key: 'curator', title: 'Куратор групп', className: 'small', cell: (s) => s.curatorOf.join(', ') || '—' },
          {
            key: 'contacts',
            title: 'Контакты',
            className: 'small',
            cell: (s) => (
              <>
                {s.phone ?? ''}
                {s.email && <div>{s.email}</div>}
              </>
            ),
          },
          {
            key: 'access',
            title: 'Доступ',
            cell: (s) => (
              <>
                <AccessBadge access={s.access} />
                {s.access.login && <div className="muted small">{s.access.login}</div>}
              </>
            ),
          },
          edit && {
            key: 'edit',
            title: 'Действия',
            hiddenTitle: true,
            cell: (s) => (
              <>
                <button type="button" className="link" onClick={() => setEditing(s)}>
                  Роли
                </button>
                {s.roles.some((r) => r.role === 'specialist') && (
                  <div>
                    <button type="button" className="link" onClick={() => setDirection(s.personId)}>
                      Направление работы
                    </button>
                  </div>
                )}
              </>
            ),
          },
        ]}
      />
      {list.data && list.data.total > 0 && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
      )}
    </>
  );
}

const NEW_PERSON = { lastName: '', firstName: '', middleName: '', gender: '', phone: '', email: '' };
const NEW_STAFF = 'people.staff.new';

function StaffForm({ staff, onDone }: { staff: StaffItem | null; onDone(): void }) {
  const qc = useQueryClient();
  const commissions = useQuery({ queryKey: keyOf('GET /commissions'), queryFn: () => call('GET /commissions') });
  const [roles, setRoles, rolesRestored] = useKept<RoleRow[]>(
    staff ? undefined : `${NEW_STAFF}.roles`,
    staff
      ? staff.roles.map((r) => ({
          role: r.role,
          title: r.title ?? '',
          commissionId: String(commissions.data?.find((c) => c.name === r.commissionName)?.id ?? ''),
        }))
      : [{ role: 'teacher', title: 'Преподаватель', commissionId: '' }],
  );
  const save = useMutation({
    mutationFn: (person: typeof NEW_PERSON): Promise<unknown> => {
      const body = roles.map((r) => ({
        role: r.role,
        title: r.title || null,
        commissionId: r.commissionId ? Number(r.commissionId) : null,
      }));
      return staff
        ? call('PUT /staff/:id/roles', { params: { id: staff.personId }, body: { roles: body } })
        : call('POST /staff', { body: { ...personBody(person), roles: body } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /staff') });
      onDone();
    },
  });
  const form = useForm(NEW_PERSON, { error: save.error, onSubmit: (v) => save.mutate(v), keep: staff ? undefined : NEW_STAFF });
  return (
    <form className="panel" {...form.form} aria-label={staff ? `Роли: ${staff.fullName}` : 'Новый сотрудник'}>
      <h2 style={{ marginTop: 0 }}>{staff ? `Роли: ${staff.fullName}` : 'Новый сотрудник'}</h2>
      <KeptNote shown={form.restored || rolesRestored} />
      {!staff && (
        <div className="form-row">
          <Field label="Фамилия" {...form.field('lastName')} />
          <Field label="Имя" {...form.field('firstName')} />
          <Field label="Отчество" {...form.field('middleName')} />
          <SexField {...form.field('gender')} />
          <Field label="Телефон" type="tel" {...form.field('phone')} />
          <Field label="Эл. почта" type="email" {...form.field('email')} />
        </div>
      )}
      <p className="small muted">
        Куратор назначается в карточке группы; роли обучающегося и родителя следуют из списков групп и связей с детьми.
      </p>
      {roles.map((r, i) => (
        <div className="form-row" key={i}>
          <SelectField
            label={`Роль ${i + 1}`}
            value={r.role}
            onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, role: e.target.value as StaffRole } : x)))}
          >
            {STAFF_ROLES.filter((x) => x === r.role || !NOT_GRANTED_BY_COLLEGE.includes(x)).map((x) => (
              <option key={x} value={x}>
                {ROLE_TITLES[x]}
              </option>
            ))}
          </SelectField>
          <Field
            label="Должность"
            value={r.title}
            onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
          />
          {r.role === 'chair' && (
            <SelectField
              label="ПЦК"
              value={r.commissionId}
              onChange={(e) => setRoles(roles.map((x, j) => (j === i ? { ...x, commissionId: e.target.value } : x)))}
            >
              <option value="">— выберите —</option>
              {commissions.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          )}
          <div>
            <button type="button" className="link" style={{ marginTop: '2rem' }} onClick={() => setRoles(roles.filter((_, j) => j !== i))}>
              Убрать роль
            </button>
          </div>
        </div>
      ))}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setRoles([...roles, { role: 'teacher', title: '', commissionId: '' }])}>
          Добавить роль
        </button>
      </div>
      {save.error != null && <Notice kind="error">{form.errors.roles ?? errorText(save.error)}</Notice>}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Сохранить
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Отмена
        </button>
      </div>
    </form>
  );
}
