import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiRequest, ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu, dateTimeRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { hasKept } from '../../unsaved.js';
import { ErrorNotice, Field, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { AccessBadge, personBody, SexField, STATUS_TITLES } from './common.js';
import { CredentialsResultView } from './group-page.js';
import { usePageTitle } from '../../page-title.js';
import { PersonSsoPanel } from '../sso/person-links.js';

type StudentCard = ApiResponse<'GET /students/:id'>;
type MoveKind = ApiRequest<'POST /students/:id/movement'>['body']['kind'];
type Relation = NonNullable<ApiRequest<'POST /students/:id/guardians'>['body']['relation']>;
const ALL_GROUPS = { query: {} };

const MOVES: { kind: MoveKind; title: string; from: string[]; group: boolean }[] = [
  { kind: 'transfer', title: 'Перевод в другую группу', from: ['active'], group: true },
  { kind: 'leave', title: 'Академический отпуск', from: ['active'], group: false },
  { kind: 'return', title: 'Выход из академического отпуска', from: ['leave'], group: true },
  { kind: 'expel', title: 'Отчисление', from: ['active', 'leave'], group: false },
  { kind: 'reinstate', title: 'Восстановление', from: ['expelled'], group: true },
  { kind: 'graduate', title: 'Выпуск', from: ['active'], group: false },
];

export function StudentPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const q = useQuery({
    queryKey: keyOf('GET /students/:id', { params: { id } }),
    queryFn: () => call('GET /students/:id', { params: { id } }),
  });
  usePageTitle(q.data?.person.fullName ?? 'Обучающийся', 'admin-people');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const s = q.data!;
  const tz = me.organization.timeZone;
  return (
    <>
      <h1>{s.person.fullName}</h1>
      <p className="muted">
        <span className={s.status === 'active' ? 'badge ok' : 'badge'}>{STATUS_TITLES[s.status]}</span>{' '}
        {s.group ? (
          <>
            группа <Link to={`/groups/${s.group.id}`}>{s.group.name}</Link>, {s.group.course}-й курс
            {s.group.curatorName ? `, куратор ${s.group.curatorName}` : ''}
          </>
        ) : (
          'сейчас не в группе'
        )}
        {s.subgroups.length > 0 && ` · ${s.subgroups.map((x) => x.name).join(', ')}`}
      </p>
      <section className="panel" aria-labelledby="pd-h">
        <h2 id="pd-h" style={{ marginTop: 0 }}>
          Сведения
        </h2>
        {s.can.editPerson ? (
          <PersonForm card={s} />
        ) : (
          <dl className="facts">
            <dt>Дата рождения</dt>
            <dd>{dateRu(s.person.birthDate) || '—'}</dd>
            <dt>Телефон</dt>
            <dd>{s.person.phone ?? '—'}</dd>
            <dt>Эл. почта</dt>
            <dd>{s.person.email ?? '—'}</dd>
            {s.person.snils && (
              <>
                <dt>СНИЛС</dt>
                <dd>{s.person.snils}</dd>
              </>
            )}
            {s.recordBookNo && (
              <>
                <dt>№ зачётной книжки</dt>
                <dd>{s.recordBookNo}</dd>
              </>
            )}
          </dl>
        )}
        {!s.can.editPerson && s.can.editContacts && (
          <ContactsForm personId={s.person.id} phone={s.person.phone} email={s.person.email} pendingNote={s.can.contactsNeedApproval} />
        )}
        <p className="small">
          Доступ к журналу: <AccessBadge access={s.access} /> {s.access.login && <span className="muted">логин {s.access.login}</span>}
        </p>
        {s.can.credentials && <CredentialsButtons personIds={[s.person.id]} has={!!s.access.login} groupId={s.group?.id ?? null} />}
      </section>

      <PersonSsoPanel personId={s.person.id} />

      <section className="panel" aria-labelledby="gd-h">
        <h2 id="gd-h" style={{ marginTop: 0 }}>
          Родители (законные представители)
        </h2>
        {s.guardians.length === 0 && <p className="muted">Не указаны.</p>}
        <ul className="plain">
          {s.guardians.map((g) => (
            <li key={g.linkId}>
              <Link to={`/guardians/${g.id}`}>{g.fullName}</Link> <span className="muted">({g.relation})</span> ·{' '}
              {g.phone ?? 'телефон не указан'}
              {g.email ? ` · ${g.email}` : ''} <AccessBadge access={g.access} />
              {s.can.editPerson && <UnlinkButton linkId={g.linkId} />}
            </li>
          ))}
        </ul>
        {s.can.editPerson && <GuardianForm studentId={s.id} />}
      </section>

      {s.memberships.length > 0 && (
        <section className="panel" aria-labelledby="mh-h">
          <h2 id="mh-h" style={{ marginTop: 0 }}>
            Группы по датам
          </h2>
          <p className="small muted">Оценки и пропуски остаются в журнале той группы, где обучающийся был в эти дни.</p>
          <ul>
            {s.memberships.map((m, i) => (
              <li key={i}>
                <Link to={`/groups/${m.groupId}?date=${m.to ?? ''}`}>{m.groupName}</Link>: с {dateRu(m.from)}
                {m.to ? ` по ${dateRu(m.to)}` : ' по настоящее время'}
              </li>
            ))}
          </ul>
        </section>
      )}

      {(s.events.length > 0 || s.can.move) && (
        <section className="panel" aria-labelledby="ev-h">
          <h2 id="ev-h" style={{ marginTop: 0 }}>
            Движение
          </h2>
          <DataTable
            caption="Движение"
            captionHidden
            rows={s.events}
            rowKey={(e) => e.id}
            columns={[
              { key: 'date', title: 'С даты', cell: (e) => dateRu(e.effectiveDate) },
              { key: 'title', title: 'Событие', cell: (e) => e.title },
              {
                key: 'group',
                title: 'Группа',
                className: 'small',
                cell: (e) => `${[e.fromGroup, e.toGroup].filter(Boolean).join(' → ')}${e.toSubgroup ? ` (${e.toSubgroup})` : ''}`,
              },
              { key: 'order', title: 'Приказ', cell: (e) => e.orderNo },
              { key: 'reason', title: 'Основание', className: 'small', cell: (e) => e.reason },
              {
                key: 'by',
                title: 'Внёс',
                className: 'small',
                cell: (e) => (
                  <>
                    {e.by}
                    <div className="muted">{dateTimeRu(e.at, tz)}</div>
                  </>
                ),
              },
            ]}
          />
          {s.can.move && <MovementForm card={s} />}
        </section>
      )}
    </>
  );
}

function PersonForm({ card }: { card: StudentCard }) {
  const qc = useQueryClient();
  const p = card.person;
  const initial = {
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName ?? '',
    gender: p.gender ?? '',
    birthDate: p.birthDate ?? '',
    snils: p.snils ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
  };
  const save = useMutation({
    mutationFn: (f: typeof initial) => call('PUT /persons/:id', { params: { id: p.id }, body: personBody(f) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keysOf('GET /students/:id') }),
  });
  const form = useForm(initial, { error: save.error, onSubmit: (v) => save.mutate(v), keep: `people.person.${p.id}` });
  return (
    <form {...form.form} aria-label="Персональные данные">
      <KeptNote shown={form.restored} />
      <div className="form-row">
        <Field label="Фамилия" {...form.field('lastName')} />
        <Field label="Имя" {...form.field('firstName')} />
        <Field label="Отчество" {...form.field('middleName')} />
        <SexField {...form.field('gender')} />
        <Field label="Дата рождения" type="date" {...form.field('birthDate')} />
        <Field label="СНИЛС" {...form.field('snils')} />
        <Field label="Телефон" type="tel" {...form.field('phone')} />
        <Field label="Эл. почта" type="email" {...form.field('email')} />
      </div>
      <ErrorNotice error={save.error} />
      {save.isSuccess && <Notice kind="ok">Сведения сохранены.</Notice>}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Сохранить сведения
        </button>
      </div>
    </form>
  );
}

export function ContactsForm({
  personId,
  phone,
  email,
  pendingNote,
}: {
  personId: number;
  phone: string | null;
  email: string | null;
  pendingNote: boolean;
}) {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (f: { phone: string; email: string }) =>
      call('PATCH /persons/:id/contacts', { params: { id: personId }, body: { phone: f.phone || null, email: f.email || null } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /students/:id') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /guardians/:id') });
    },
  });
  const form = useForm(
    { phone: phone ?? '', email: email ?? '' },
    { error: save.error, onSubmit: (v) => save.mutate(v), keep: `people.contacts.${personId}` },
  );
  return (
    <form {...form.form} aria-label="Контакты">
      <KeptNote shown={form.restored} />
      <div className="form-row">
        <Field label="Телефон" type="tel" {...form.field('phone')} />
        <Field label="Эл. почта" type="email" {...form.field('email')} />
      </div>
      {pendingNote && <p className="small muted">Изменение вступит в силу после утверждения администратором журнала.</p>}
      <ErrorNotice error={save.error} />
      {save.data && <Notice kind="ok">{save.data.message}</Notice>}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Сохранить контакты
        </button>
      </div>
    </form>
  );
}

export function CredentialsButtons({ personIds, has, groupId }: { personIds: number[]; has: boolean; groupId: number | null }) {
  const qc = useQueryClient();
  const issue = useMutation({
    mutationFn: () => call('POST /credentials', { body: { personIds, reset: has, groupId } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /students/:id') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /guardians/:id') });
      // The card's single sign-on panel offers linking once the person has a login.
      void qc.invalidateQueries({ queryKey: keysOf('GET /sso/persons/:id') });
    },
  });
  return (
    <>
      <div className="actions">
        <button type="button" className="secondary" disabled={issue.isPending} onClick={() => issue.mutate()}>
          {has ? 'Сбросить пароль' : 'Выдать логин и пароль'}
        </button>
      </div>
      <ErrorNotice error={issue.error} />
      {issue.data && <CredentialsResultView result={issue.data} />}
    </>
  );
}

function UnlinkButton({ linkId }: { linkId: number }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => call('DELETE /guardian-links/:id', { params: { id: linkId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keysOf('GET /students/:id') }),
  });
  return (
    <>
      {' '}
      <button
        type="button"
        className="link"
        onClick={() => {
          if (confirm('Убрать связь родителя с обучающимся? Родитель перестанет видеть его оценки.')) m.mutate();
        }}
      >
        Убрать связь
      </button>
    </>
  );
}

const BLANK_GUARDIAN = { lastName: '', firstName: '', middleName: '', gender: '', phone: '', email: '', relation: 'mother' };

const guardianKept = (studentId: number) => `people.student.${studentId}.guardian`;

function GuardianForm({ studentId }: { studentId: number }) {
  // A new guardian typed when the session ended opens again with what was typed.
  const [open, setOpen] = useState(() => hasKept(guardianKept(studentId)));
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Добавить родителя
        </button>
      </div>
    );
  return <NewGuardian studentId={studentId} onClose={() => setOpen(false)} />;
}

function NewGuardian({ studentId, onClose }: { studentId: number; onClose(): void }) {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (f: typeof BLANK_GUARDIAN) =>
      call('POST /students/:id/guardians', { params: { id: studentId }, body: { ...personBody(f), relation: f.relation as Relation } }),
    onSuccess: () => {
      onClose();
      void qc.invalidateQueries({ queryKey: keysOf('GET /students/:id') });
    },
  });
  const form = useForm(BLANK_GUARDIAN, { error: save.error, onSubmit: (v) => save.mutate(v), keep: guardianKept(studentId) });
  return (
    <form {...form.form} aria-label="Новый родитель">
      <KeptNote shown={form.restored} />
      <div className="form-row">
        <Field label="Фамилия родителя" {...form.field('lastName')} />
        <Field label="Имя родителя" {...form.field('firstName')} />
        <Field label="Отчество родителя" {...form.field('middleName')} />
        <SexField {...form.field('gender')} />
        <SelectField label="Кем приходится" {...form.field('relation')}>
          <option value="mother">мать</option>
          <option value="father">отец</option>
          <option value="guardian">опекун</option>
          <option value="other">законный представитель</option>
        </SelectField>
        <Field label="Телефон родителя" type="tel" {...form.field('phone')} />
        <Field label="Эл. почта родителя" type="email" {...form.field('email')} />
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Добавить
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Отмена
        </button>
      </div>
    </form>
  );
}

const NO_MOVE = { date: '', toGroupId: '', toSubgroupId: '', orderNo: '', reason: '' };

function MovementForm({ card }: { card: StudentCard }) {
  const qc = useQueryClient();
  const me = useMe();
  const options = MOVES.filter((m) => m.from.includes(card.status));
  const [kind, setKind] = useState<MoveKind | ''>(options[0]?.kind ?? '');
  const groups = useQuery({ queryKey: keyOf('GET /groups', ALL_GROUPS), queryFn: () => call('GET /groups', ALL_GROUPS) });
  const move = MOVES.find((m) => m.kind === kind);
  const save = useMutation({
    mutationFn: (f: typeof NO_MOVE) =>
      call('POST /students/:id/movement', {
        params: { id: card.id },
        body: {
          kind: kind as MoveKind,
          date: f.date,
          orderNo: f.orderNo,
          reason: f.reason,
          toGroupId: move?.group && f.toGroupId ? Number(f.toGroupId) : null,
          toSubgroupId: move?.group && f.toSubgroupId ? Number(f.toSubgroupId) : null,
        },
      }),
    onSuccess: () => {
      form.setValues(NO_MOVE);
      void qc.invalidateQueries({ queryKey: keysOf('GET /students/:id') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /groups/:id/page') });
    },
  });
  const form = useForm(NO_MOVE, { error: save.error, onSubmit: (v) => save.mutate(v), keep: `people.student.${card.id}.movement` });
  const f = form.values;
  const group = groups.data?.find((g) => String(g.id) === f.toGroupId);
  if (!options.length) return null;
  return (
    <form {...form.form} aria-label="Оформить движение">
      <h3>Оформить движение по приказу</h3>
      <KeptNote shown={form.restored} />
      {save.data && <Notice kind="ok">{save.data.message}</Notice>}
      <div className="form-row">
        <SelectField label="Событие" value={kind} onChange={(e) => setKind(e.target.value as MoveKind)}>
          {options.map((m) => (
            <option key={m.kind} value={m.kind}>
              {m.title}
            </option>
          ))}
        </SelectField>
        <Field
          label="С даты"
          type="date"
          {...form.field('date')}
          hint={`Первый день в новом положении; сегодня ${dateRu(new Date().toLocaleDateString('sv-SE', { timeZone: me.organization.timeZone }))}`}
        />
        {move?.group && (
          <>
            <SelectField
              label="В группу"
              {...form.field('toGroupId')}
              onChange={(e) => form.setValues({ ...f, toGroupId: e.target.value, toSubgroupId: '' })}
            >
              <option value="">— выберите —</option>
              {groups.data?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.course}-й курс)
                </option>
              ))}
            </SelectField>
            {group && group.subgroups.length > 0 && (
              <SelectField label="Подгруппа" {...form.field('toSubgroupId')}>
                <option value="">без подгруппы</option>
                {group.subgroups.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </SelectField>
            )}
          </>
        )}
        <Field label="Номер приказа" {...form.field('orderNo')} />
        <Field label="Основание" {...form.field('reason')} placeholder="личное заявление" />
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Оформить
        </button>
      </div>
    </form>
  );
}

/** Enrolment of one student by the administrator. */
export function NewStudentPage() {
  usePageTitle('Зачисление обучающегося', 'admin-people');
  const navigate = useNavigate();
  const groups = useQuery({ queryKey: keyOf('GET /groups', ALL_GROUPS), queryFn: () => call('GET /groups', ALL_GROUPS) });
  const blank = {
    lastName: '',
    firstName: '',
    middleName: '',
    gender: '',
    birthDate: '',
    snils: '',
    phone: '',
    email: '',
    groupId: '',
    enrolDate: '',
    orderNo: '',
    recordBookNo: '',
  };
  const save = useMutation({
    mutationFn: (f: typeof blank) =>
      call('POST /students', {
        body: {
          ...personBody(f),
          groupId: Number(f.groupId),
          enrolDate: f.enrolDate,
          orderNo: f.orderNo,
          recordBookNo: f.recordBookNo || null,
        },
      }),
    onSuccess: (r) => navigate(`/students/${r.id}`),
  });
  const form = useForm(blank, { error: save.error, onSubmit: (v) => save.mutate(v), keep: 'people.student.new' });
  const field = (k: keyof typeof blank, label: string, type = 'text') => <Field label={label} type={type} {...form.field(k)} />;
  return (
    <form className="panel" {...form.form} aria-label="Зачисление">
      <h1>Зачисление обучающегося</h1>
      <p className="muted small">Чтобы зачислить сразу многих, загрузите файл в разделе «Начало года».</p>
      <KeptNote shown={form.restored} />
      <div className="form-row">
        {field('lastName', 'Фамилия')}
        {field('firstName', 'Имя')}
        {field('middleName', 'Отчество')}
        <SexField {...form.field('gender')} />
        {field('birthDate', 'Дата рождения', 'date')}
        {field('snils', 'СНИЛС')}
        {field('phone', 'Телефон', 'tel')}
        {field('email', 'Эл. почта', 'email')}
        <SelectField label="Группа" {...form.field('groupId')}>
          <option value="">— выберите —</option>
          {groups.data?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        {field('enrolDate', 'Дата зачисления', 'date')}
        {field('orderNo', 'Номер приказа')}
        {field('recordBookNo', '№ зачётной книжки')}
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Зачислить
        </button>
        <Link className="button secondary" to="/students">
          Отмена
        </Link>
      </div>
    </form>
  );
}
