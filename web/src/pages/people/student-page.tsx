import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CredentialsResult, StudentCard } from '../../../../src/contracts/people.js';
import type { GroupItem } from '../../../../src/contracts/structure.js';
import { ApiError, del, get, patch, post, put } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu, dateTimeRu } from '../../format.js';
import { ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { AccessBadge, SexField, STATUS_TITLES } from './common.js';
import { CredentialsResultView } from './group-page.js';
import { usePageTitle } from '../../page-title.js';

const MOVES: { kind: string; title: string; from: string[]; group: boolean }[] = [
  { kind: 'transfer', title: 'Перевод в другую группу', from: ['active'], group: true },
  { kind: 'leave', title: 'Академический отпуск', from: ['active'], group: false },
  { kind: 'return', title: 'Выход из академического отпуска', from: ['leave'], group: true },
  { kind: 'expel', title: 'Отчисление', from: ['active', 'leave'], group: false },
  { kind: 'reinstate', title: 'Восстановление', from: ['expelled'], group: true },
  { kind: 'graduate', title: 'Выпуск', from: ['active'], group: false },
];

export function StudentPage() {
  const { id } = useParams();
  const me = useMe();
  const q = useQuery({ queryKey: ['student', id], queryFn: () => get<StudentCard>(`/students/${id}`) });
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
        {s.group ? <>группа <Link to={`/groups/${s.group.id}`}>{s.group.name}</Link>, {s.group.course}-й курс{s.group.curatorName ? `, куратор ${s.group.curatorName}` : ''}</> : 'сейчас не в группе'}
        {s.subgroups.length > 0 && ` · ${s.subgroups.map((x) => x.name).join(', ')}`}
      </p>
      <section className="panel" aria-labelledby="pd-h">
        <h2 id="pd-h" style={{ marginTop: 0 }}>Сведения</h2>
        {s.can.editPerson ? <PersonForm card={s} /> : (
          <dl className="facts">
            <dt>Дата рождения</dt><dd>{dateRu(s.person.birthDate) || '—'}</dd>
            <dt>Телефон</dt><dd>{s.person.phone ?? '—'}</dd>
            <dt>Эл. почта</dt><dd>{s.person.email ?? '—'}</dd>
            {s.person.snils && <><dt>СНИЛС</dt><dd>{s.person.snils}</dd></>}
            {s.recordBookNo && <><dt>№ зачётной книжки</dt><dd>{s.recordBookNo}</dd></>}
          </dl>
        )}
        {!s.can.editPerson && s.can.editContacts && <ContactsForm personId={s.person.id} phone={s.person.phone} email={s.person.email} pendingNote={s.can.contactsNeedApproval} />}
        <p className="small">Доступ к журналу: <AccessBadge access={s.access} /> {s.access.login && <span className="muted">логин {s.access.login}</span>}</p>
        {s.can.credentials && <CredentialsButtons personIds={[s.person.id]} has={!!s.access.login} groupId={s.group?.id ?? null} />}
      </section>

      <section className="panel" aria-labelledby="gd-h">
        <h2 id="gd-h" style={{ marginTop: 0 }}>Родители (законные представители)</h2>
        {s.guardians.length === 0 && <p className="muted">Не указаны.</p>}
        <ul className="plain">
          {s.guardians.map((g) => (
            <li key={g.linkId}>
              <Link to={`/guardians/${g.id}`}>{g.fullName}</Link> <span className="muted">({g.relation})</span> · {g.phone ?? 'телефон не указан'}{g.email ? ` · ${g.email}` : ''} <AccessBadge access={g.access} />
              {s.can.editPerson && <UnlinkButton linkId={g.linkId} />}
            </li>
          ))}
        </ul>
        {s.can.editPerson && <GuardianForm studentId={s.id} />}
      </section>

      {s.memberships.length > 0 && (
        <section className="panel" aria-labelledby="mh-h">
          <h2 id="mh-h" style={{ marginTop: 0 }}>Группы по датам</h2>
          <p className="small muted">Оценки и пропуски остаются в журнале той группы, где обучающийся был в эти дни.</p>
          <ul>{s.memberships.map((m, i) => <li key={i}><Link to={`/groups/${m.groupId}?date=${m.to ?? ''}`}>{m.groupName}</Link>: с {dateRu(m.from)}{m.to ? ` по ${dateRu(m.to)}` : ' по настоящее время'}</li>)}</ul>
        </section>
      )}

      {(s.events.length > 0 || s.can.move) && (
        <section className="panel" aria-labelledby="ev-h">
          <h2 id="ev-h" style={{ marginTop: 0 }}>Движение</h2>
          {s.events.length > 0 && (
            <div className="table-wrap"><table className="list">
              <thead><tr><th>С даты</th><th>Событие</th><th>Группа</th><th>Приказ</th><th>Основание</th><th>Внёс</th></tr></thead>
              <tbody>{s.events.map((e) => (
                <tr key={e.id}><td>{dateRu(e.effectiveDate)}</td><td>{e.title}</td><td className="small">{[e.fromGroup, e.toGroup].filter(Boolean).join(' → ')}{e.toSubgroup ? ` (${e.toSubgroup})` : ''}</td><td>{e.orderNo}</td><td className="small">{e.reason}</td><td className="small">{e.by}<div className="muted">{dateTimeRu(e.at, tz)}</div></td></tr>
              ))}</tbody>
            </table></div>
          )}
          {s.can.move && <MovementForm card={s} />}
        </section>
      )}
    </>
  );
}

function PersonForm({ card }: { card: StudentCard }) {
  const qc = useQueryClient();
  const p = card.person;
  const [f, setF] = useState({ lastName: p.lastName, firstName: p.firstName, middleName: p.middleName ?? '', gender: p.gender ?? '', birthDate: p.birthDate ?? '', snils: p.snils ?? '', phone: p.phone ?? '', email: p.email ?? '' });
  const save = useMutation({
    mutationFn: () => put(`/persons/${p.id}`, { ...f, middleName: f.middleName || null, gender: f.gender || null, birthDate: f.birthDate || null, snils: f.snils || null, phone: f.phone || null, email: f.email || null }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['student'] }),
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Персональные данные">
      <div className="form-row">
        <Field label="Фамилия" value={f.lastName} onChange={(e) => setF({ ...f, lastName: e.target.value })} error={err?.fields.lastName} />
        <Field label="Имя" value={f.firstName} onChange={(e) => setF({ ...f, firstName: e.target.value })} error={err?.fields.firstName} />
        <Field label="Отчество" value={f.middleName} onChange={(e) => setF({ ...f, middleName: e.target.value })} error={err?.fields.middleName} />
        <SexField value={f.gender} onChange={(gender) => setF({ ...f, gender })} error={err?.fields.gender} />
        <Field label="Дата рождения" type="date" value={f.birthDate} onChange={(e) => setF({ ...f, birthDate: e.target.value })} error={err?.fields.birthDate} />
        <Field label="СНИЛС" value={f.snils} onChange={(e) => setF({ ...f, snils: e.target.value })} error={err?.fields.snils} />
        <Field label="Телефон" type="tel" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} error={err?.fields.phone} />
        <Field label="Эл. почта" type="email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} error={err?.fields.email} />
      </div>
      <ErrorNotice error={err} />
      {save.isSuccess && <Notice kind="ok">Сведения сохранены.</Notice>}
      <div className="actions"><button type="submit" disabled={save.isPending}>Сохранить сведения</button></div>
    </form>
  );
}

export function ContactsForm({ personId, phone, email, pendingNote }: { personId: number; phone: string | null; email: string | null; pendingNote: boolean }) {
  const qc = useQueryClient();
  const [f, setF] = useState({ phone: phone ?? '', email: email ?? '' });
  const save = useMutation({
    mutationFn: () => patch<{ status: string; message: string }>(`/persons/${personId}/contacts`, { phone: f.phone || null, email: f.email || null }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['student'] });
      void qc.invalidateQueries({ queryKey: ['guardian'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Контакты">
      <div className="form-row">
        <Field label="Телефон" type="tel" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} error={err?.fields.phone} />
        <Field label="Эл. почта" type="email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} error={err?.fields.email} />
      </div>
      {pendingNote && <p className="small muted">Изменение вступит в силу после утверждения администратором журнала.</p>}
      <ErrorNotice error={err} />
      {save.data && <Notice kind="ok">{save.data.message}</Notice>}
      <div className="actions"><button type="submit" disabled={save.isPending}>Сохранить контакты</button></div>
    </form>
  );
}

export function CredentialsButtons({ personIds, has, groupId }: { personIds: number[]; has: boolean; groupId: number | null }) {
  const qc = useQueryClient();
  const issue = useMutation({
    mutationFn: () => post<CredentialsResult>('/credentials', { personIds, reset: has, groupId }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['student'] });
      void qc.invalidateQueries({ queryKey: ['guardian'] });
    },
  });
  return (
    <>
      <div className="actions">
        <button type="button" className="secondary" disabled={issue.isPending} onClick={() => issue.mutate()}>{has ? 'Сбросить пароль' : 'Выдать логин и пароль'}</button>
      </div>
      <ErrorNotice error={issue.error} />
      {issue.data && <CredentialsResultView result={issue.data} />}
    </>
  );
}

function UnlinkButton({ linkId }: { linkId: number }) {
  const qc = useQueryClient();
  const m = useMutation({ mutationFn: () => del(`/guardian-links/${linkId}`), onSuccess: () => void qc.invalidateQueries({ queryKey: ['student'] }) });
  return <> <button type="button" className="link" onClick={() => { if (confirm('Убрать связь родителя с обучающимся? Родитель перестанет видеть его оценки.')) m.mutate(); }}>Убрать связь</button></>;
}

function GuardianForm({ studentId }: { studentId: number }) {
  const qc = useQueryClient();
  const blank = { lastName: '', firstName: '', middleName: '', gender: '', phone: '', email: '', relation: 'mother' };
  const [f, setF] = useState<typeof blank | null>(null);
  const save = useMutation({
    mutationFn: () => post(`/students/${studentId}/guardians`, { ...f!, middleName: f!.middleName || null, gender: f!.gender || null, phone: f!.phone || null, email: f!.email || null }),
    onSuccess: () => {
      setF(null);
      void qc.invalidateQueries({ queryKey: ['student'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  if (!f) return <div className="actions"><button type="button" className="secondary" onClick={() => setF(blank)}>Добавить родителя</button></div>;
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Новый родитель">
      <div className="form-row">
        <Field label="Фамилия родителя" value={f.lastName} onChange={(e) => setF({ ...f, lastName: e.target.value })} error={err?.fields.lastName} />
        <Field label="Имя родителя" value={f.firstName} onChange={(e) => setF({ ...f, firstName: e.target.value })} error={err?.fields.firstName} />
        <Field label="Отчество родителя" value={f.middleName} onChange={(e) => setF({ ...f, middleName: e.target.value })} error={err?.fields.middleName} />
        <SexField value={f.gender} onChange={(gender) => setF({ ...f, gender })} error={err?.fields.gender} />
        <SelectField label="Кем приходится" value={f.relation} onChange={(e) => setF({ ...f, relation: e.target.value })}>
          <option value="mother">мать</option><option value="father">отец</option><option value="guardian">опекун</option><option value="other">законный представитель</option>
        </SelectField>
        <Field label="Телефон родителя" type="tel" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} error={err?.fields.phone} />
        <Field label="Эл. почта родителя" type="email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} error={err?.fields.email} />
      </div>
      <ErrorNotice error={err} />
      <div className="actions"><button type="submit" disabled={save.isPending}>Добавить</button><button type="button" className="secondary" onClick={() => setF(null)}>Отмена</button></div>
    </form>
  );
}

function MovementForm({ card }: { card: StudentCard }) {
  const qc = useQueryClient();
  const me = useMe();
  const options = MOVES.filter((m) => m.from.includes(card.status));
  const [kind, setKind] = useState(options[0]?.kind ?? '');
  const [f, setF] = useState({ date: '', toGroupId: '', toSubgroupId: '', orderNo: '', reason: '' });
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => get<GroupItem[]>('/groups') });
  const move = MOVES.find((m) => m.kind === kind);
  const group = groups.data?.find((g) => String(g.id) === f.toGroupId);
  const save = useMutation({
    mutationFn: () => post<{ message: string }>(`/students/${card.id}/movement`, {
      kind, date: f.date, orderNo: f.orderNo, reason: f.reason,
      toGroupId: move?.group && f.toGroupId ? Number(f.toGroupId) : null, toSubgroupId: move?.group && f.toSubgroupId ? Number(f.toSubgroupId) : null,
    }),
    onSuccess: () => {
      setF({ date: '', toGroupId: '', toSubgroupId: '', orderNo: '', reason: '' });
      void qc.invalidateQueries({ queryKey: ['student'] });
      void qc.invalidateQueries({ queryKey: ['group-page'] });
    },
  });
  const err = save.error instanceof ApiError ? save.error : null;
  if (!options.length) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Оформить движение">
      <h3>Оформить движение по приказу</h3>
      {save.data && <Notice kind="ok">{save.data.message}</Notice>}
      <div className="form-row">
        <SelectField label="Событие" value={kind} onChange={(e) => setKind(e.target.value)}>
          {options.map((m) => <option key={m.kind} value={m.kind}>{m.title}</option>)}
        </SelectField>
        <Field label="С даты" type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} error={err?.fields.date} hint={`Первый день в новом положении; сегодня ${dateRu(new Date().toLocaleDateString('sv-SE', { timeZone: me.organization.timeZone }))}`} />
        {move?.group && (
          <>
            <SelectField label="В группу" value={f.toGroupId} onChange={(e) => setF({ ...f, toGroupId: e.target.value, toSubgroupId: '' })} error={err?.fields.toGroupId}>
              <option value="">— выберите —</option>
              {groups.data?.map((g) => <option key={g.id} value={g.id}>{g.name} ({g.course}-й курс)</option>)}
            </SelectField>
            {group && group.subgroups.length > 0 && (
              <SelectField label="Подгруппа" value={f.toSubgroupId} onChange={(e) => setF({ ...f, toSubgroupId: e.target.value })} error={err?.fields.toSubgroupId}>
                <option value="">без подгруппы</option>
                {group.subgroups.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </SelectField>
            )}
          </>
        )}
        <Field label="Номер приказа" value={f.orderNo} onChange={(e) => setF({ ...f, orderNo: e.target.value })} error={err?.fields.orderNo} />
        <Field label="Основание" value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} error={err?.fields.reason} placeholder="личное заявление" />
      </div>
      <ErrorNotice error={err} />
      <div className="actions"><button type="submit" disabled={save.isPending}>Оформить</button></div>
    </form>
  );
}

/** Enrolment of one student by the administrator. */
export function NewStudentPage() {
  usePageTitle('Зачисление обучающегося', 'admin-people');
  const navigate = useNavigate();
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => get<GroupItem[]>('/groups') });
  const [f, setF] = useState({ lastName: '', firstName: '', middleName: '', gender: '', birthDate: '', snils: '', phone: '', email: '', groupId: '', enrolDate: '', orderNo: '', recordBookNo: '' });
  const save = useMutation({
    mutationFn: () => post<{ id: number }>('/students', {
      ...f, middleName: f.middleName || null, gender: f.gender || null, birthDate: f.birthDate || null, snils: f.snils || null, phone: f.phone || null, email: f.email || null, recordBookNo: f.recordBookNo || null, groupId: Number(f.groupId),
    }),
    onSuccess: (r) => navigate(`/students/${r.id}`),
  });
  const err = save.error instanceof ApiError ? save.error : null;
  const field = (k: keyof typeof f, label: string, type = 'text') => <Field label={label} type={type} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} error={err?.fields[k]} />;
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Зачисление">
      <h1>Зачисление обучающегося</h1>
      <p className="muted small">Чтобы зачислить сразу многих, загрузите файл в разделе «Начало года».</p>
      <div className="form-row">
        {field('lastName', 'Фамилия')}{field('firstName', 'Имя')}{field('middleName', 'Отчество')}
        <SexField value={f.gender} onChange={(gender) => setF({ ...f, gender })} error={err?.fields.gender} />
        {field('birthDate', 'Дата рождения', 'date')}
        {field('snils', 'СНИЛС')}{field('phone', 'Телефон', 'tel')}{field('email', 'Эл. почта', 'email')}
        <SelectField label="Группа" value={f.groupId} onChange={(e) => setF({ ...f, groupId: e.target.value })} error={err?.fields.groupId}>
          <option value="">— выберите —</option>{groups.data?.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </SelectField>
        {field('enrolDate', 'Дата зачисления', 'date')}{field('orderNo', 'Номер приказа')}{field('recordBookNo', '№ зачётной книжки')}
      </div>
      <ErrorNotice error={err} />
      <div className="actions"><button type="submit" disabled={save.isPending}>Зачислить</button><Link className="button secondary" to="/students">Отмена</Link></div>
    </form>
  );
}
