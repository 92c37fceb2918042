import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ContactsResult, CredentialsResult, GroupPage as GroupPageData } from '../../../../src/contracts/people.js';
import { ApiError, get, patch, post, put, qs } from '../../api.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice } from '../../ui/index.js';
import { GroupAbsencesSection } from '../journal/excuses.js';
import { downloadBase64 } from '../../ui/files.js';
import { AccessBadge } from './common.js';
import { usePageTitle } from '../../page-title.js';

/**
 * The group page, a curator's home (UX.md): each section is one entry here, so other areas
 * (today's absences, excusing an absence) add theirs without touching the rest.
 */
export interface GroupSection {
  key: string;
  title: string;
  visible(page: GroupPageData): boolean;
  render(page: GroupPageData): ReactElement;
}

export const GROUP_SECTIONS: GroupSection[] = [
  { key: 'students', title: 'Обучающиеся и родители', visible: () => true, render: (p) => <StudentsSection page={p} /> },
  { key: 'credentials', title: 'Доступ к журналу', visible: (p) => p.can.credentials && p.group.status === 'active', render: (p) => <CredentialsSection page={p} /> },
  { key: 'subgroups', title: 'Подгруппы', visible: (p) => p.can.movement && p.subgroups.length > 0 && p.students.length > 0, render: (p) => <SubgroupsSection page={p} /> },
  { key: 'absences', title: 'Пропуски и справки', visible: (p) => p.group.status === 'active', render: (p) => <GroupAbsencesSection groupId={p.group.id} /> },
  { key: 'left', title: 'Выбывшие в этом учебном году', visible: (p) => p.left.length > 0, render: (p) => <LeftSection page={p} /> },
];

export function GroupPage() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? '';
  const q = useQuery({ queryKey: ['group-page', id, date], queryFn: () => get<GroupPageData>(`/groups/${id}/page${qs({ date })}`) });
  usePageTitle(q.data ? `Группа ${q.data.group.name}` : 'Группа', 'curator-group');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const p = q.data!;
  const g = p.group;
  const sections = GROUP_SECTIONS.filter((s) => s.visible(p));
  return (
    <>
      <h1>Группа {g.name}</h1>
      <p className="muted">
        {g.course}-й курс · {g.programCode} {g.programName} · набор {g.intakeYear} г. · куратор {g.curatorName ?? 'не назначен'}
        {g.status === 'graduated' && <> · <span className="badge">выпущена</span></>}
      </p>
      <div className="actions no-print">
        <label className="inline">Список на дату{' '}
          <input type="date" value={date || p.date} onChange={(e) => setParams(e.target.value ? { date: e.target.value } : {})} />
        </label>
        {date && <button type="button" className="secondary" onClick={() => setParams({})}>Сегодня</button>}
        <Link className="button secondary" to={`/usage/${g.id}`}>Вход в журнал</Link>
        {p.can.contacts && <Link className="button secondary" to="/contact-changes?status=all">История изменений контактов</Link>}
      </div>
      <nav className="section-links no-print" aria-label="Разделы страницы группы">
        {sections.map((s) => <a key={s.key} href={`#${s.key}`}>{s.title}</a>)}
      </nav>
      {sections.map((s) => (
        <section key={s.key} id={s.key} className="panel" aria-labelledby={`${s.key}-h`}>
          <h2 id={`${s.key}-h`} style={{ marginTop: 0 }}>{s.title}</h2>
          {s.render(p)}
        </section>
      ))}
    </>
  );
}

function StudentsSection({ page }: { page: GroupPageData }) {
  const [editing, setEditing] = useState<number | null>(null);
  if (!page.students.length) {
    return <Empty>На {dateRu(page.date)} в группе нет обучающихся. Администратор журнала зачисляет их импортом из файла или по одному в разделе «Обучающиеся».</Empty>;
  }
  return (
    <div className="table-wrap">
      <table className="list">
        <thead><tr><th>№</th><th>Обучающийся</th><th>Контакты</th><th>Родители (законные представители)</th></tr></thead>
        <tbody>
          {page.students.map((s, i) => (
            <tr key={s.id}>
              <td>{i + 1}</td>
              <td>
                <Link to={`/students/${s.id}`}>{s.fullName}</Link>
                <div className="small muted">{s.birthDate ? `${dateRu(s.birthDate)} г. р.` : ''}{s.subgroup ? ` · ${s.subgroup}` : ''}</div>
                <AccessBadge access={s.access} />
              </td>
              <td>
                <Contacts personId={s.personId} phone={s.phone} email={s.email} canManage={s.canManage} page={page} editing={editing} setEditing={setEditing} />
              </td>
              <td>
                {s.guardians.length === 0 && <span className="muted small">не указаны</span>}
                {s.guardians.map((g) => (
                  <div key={g.personId} className="guardian-line">
                    <Link to={`/guardians/${g.personId}`}>{g.fullName}</Link> <span className="muted small">({g.relation})</span> <AccessBadge access={g.access} />
                    <Contacts personId={g.personId} phone={g.phone} email={g.email} canManage={g.canManage} page={page} editing={editing} setEditing={setEditing} />
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Contacts({ personId, phone, email, canManage, page, editing, setEditing }: { personId: number; phone: string | null; email: string | null; canManage: boolean; page: GroupPageData; editing: number | null; setEditing(id: number | null): void }) {
  const qc = useQueryClient();
  const [form, setForm] = useState({ phone: phone ?? '', email: email ?? '' });
  const [done, setDone] = useState<ContactsResult | null>(null);
  const m = useMutation({
    mutationFn: () => patch<ContactsResult>(`/persons/${personId}/contacts`, { phone: form.phone || null, email: form.email || null }),
    onSuccess: (r) => {
      setDone(r);
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['group-page'] });
    },
  });
  const err = m.error instanceof ApiError ? m.error : null;
  if (editing === personId) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      m.mutate();
    };
    return (
      <form onSubmit={submit} className="inline-form" aria-label="Контакты">
        <Field label="Телефон" type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} error={err?.fields.phone} />
        <Field label="Эл. почта" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} error={err?.fields.email} />
        {page.can.contactsNeedApproval && <p className="small muted">Изменение вступит в силу после утверждения администратором журнала.</p>}
        <ErrorNotice error={err} />
        <div className="actions">
          <button type="submit" disabled={m.isPending}>Сохранить</button>
          <button type="button" className="secondary" onClick={() => setEditing(null)}>Отмена</button>
        </div>
      </form>
    );
  }
  return (
    <div className="small">
      <div>{phone ?? <span className="muted">телефон не указан</span>}</div>
      {email && <div>{email}</div>}
      {done && <div className={done.status === 'pending' ? 'muted' : 'ok-text'} role="status">{done.message}</div>}
      {page.can.contacts && canManage && (
        <div>
          <button type="button" className="link" onClick={() => { setForm({ phone: phone ?? '', email: email ?? '' }); setDone(null); setEditing(personId); }}>
            Изменить контакты
          </button>
        </div>
      )}
    </div>
  );
}

/** Logins and temporary passwords for the group's students and guardians (п. 3.1). */
function CredentialsSection({ page }: { page: GroupPageData }) {
  const qc = useQueryClient();
  const people = page.students.flatMap((s) => [
    { personId: s.personId, fullName: s.fullName, who: 'обучающийся', access: s.access, canManage: s.canManage },
    ...s.guardians.map((g) => ({ personId: g.personId, fullName: g.fullName, who: `родитель: ${s.fullName}`, access: g.access, canManage: g.canManage })),
  ]).filter((x, i, all) => x.canManage && all.findIndex((y) => y.personId === x.personId) === i);
  const without = people.filter((x) => !x.access.login);
  const [result, setResult] = useState<CredentialsResult | null>(null);
  const [resetId, setResetId] = useState('');
  const issue = useMutation({
    mutationFn: (body: { personIds: number[]; reset: boolean }) => post<CredentialsResult>('/credentials', { ...body, groupId: page.group.id }),
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: ['group-page'] });
    },
  });
  const withLogin = people.filter((x) => x.access.login);
  return (
    <>
      <p className="small muted">
        Логин составляется из фамилии и инициалов, пароль — случайный и временный: при первом входе его нужно сменить.
        Пароли показываются один раз — сразу распечатайте листки и раздайте лично.
      </p>
      <div className="actions">
        <button type="button" disabled={!without.length || issue.isPending} onClick={() => issue.mutate({ personIds: without.map((x) => x.personId), reset: false })}>
          {without.length ? `Выдать доступ: ${without.length} чел. без логина` : 'Доступ выдан всем'}
        </button>
        {withLogin.length > 0 && (
          <>
            <label className="inline">Сбросить пароль{' '}
              <select value={resetId} onChange={(e) => setResetId(e.target.value)} aria-label="Кому сбросить пароль">
                <option value="">— выберите —</option>
                {withLogin.map((x) => <option key={x.personId} value={x.personId}>{x.fullName} ({x.who})</option>)}
              </select>
            </label>
            <button type="button" className="secondary" disabled={!resetId || issue.isPending} onClick={() => issue.mutate({ personIds: [Number(resetId)], reset: true })}>Сбросить</button>
          </>
        )}
      </div>
      {issue.isPending && <p className="muted" aria-busy="true">Выдаём доступ…</p>}
      <ErrorNotice error={issue.error} />
      {result && <CredentialsResultView result={result} />}
    </>
  );
}

export function CredentialsResultView({ result }: { result: CredentialsResult }) {
  return (
    <div aria-label="Выданные учётные данные">
      {result.issued.length > 0 && (
        <Notice kind="ok">
          {result.issued.some((x) => x.reset) ? 'Пароли сброшены' : 'Доступ выдан'}: {result.issued.length} чел. Пароли видны только сейчас.{' '}
          {result.slipsPdfBase64 && (
            <button type="button" onClick={() => downloadBase64(result.slipsPdfBase64!, result.slipsFileName, 'application/pdf')}>Скачать листки для печати (PDF)</button>
          )}
        </Notice>
      )}
      {result.issued.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <thead><tr><th>ФИО</th><th>Кто</th><th>Логин</th><th>Временный пароль</th></tr></thead>
            <tbody>{result.issued.map((x) => <tr key={x.personId}><td>{x.fullName}</td><td className="small">{x.role}</td><td><code>{x.login}</code></td><td><code>{x.password}</code></td></tr>)}</tbody>
          </table>
        </div>
      )}
      {result.skipped.length > 0 && (
        <Notice kind="warn">
          Пропущены: {result.skipped.map((x) => `${x.fullName} — ${x.reason}`).join('; ')}
        </Notice>
      )}
    </div>
  );
}

function LeftSection({ page }: { page: GroupPageData }) {
  return (
    <>
      <p className="small muted">Их оценки и пропуски остаются в журнале группы за те дни, когда они в ней учились.</p>
      <ul>
        {page.left.map((l) => (
          <li key={`${l.id}-${l.to}`}><Link to={`/students/${l.id}`}>{l.fullName}</Link> — в группе с {dateRu(l.from)} по {dateRu(l.to)}</li>
        ))}
      </ul>
    </>
  );
}


/** A subgroup split (a foreign language, labs): who is in which subgroup from a date. */
function SubgroupsSection({ page }: { page: GroupPageData }) {
  const qc = useQueryClient();
  const [date, setDate] = useState(page.date);
  const [members, setMembers] = useState(() => new Map(page.subgroups.map((sg) => [sg.id, new Set(sg.studentIds.filter((id) => page.students.some((s) => s.id === id)))])));
  const save = useMutation({
    mutationFn: async () => {
      for (const sg of page.subgroups) await put(`/subgroups/${sg.id}/members`, { studentIds: [...members.get(sg.id)!], date });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['group-page'] }),
  });
  const toggle = (sgId: number, studentId: number) => {
    const next = new Map(members);
    const set = new Set(next.get(sgId));
    if (set.has(studentId)) set.delete(studentId);
    else set.add(studentId);
    next.set(sgId, set);
    setMembers(next);
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Состав подгрупп">
      <p className="small muted">Отметьте, кто в какой подгруппе. Журналы подгрупп покажут обучающегося с указанной даты; прежние записи остаются.</p>
      <div className="table-wrap"><table className="list">
        <thead><tr><th>Обучающийся</th>{page.subgroups.map((sg) => <th key={sg.id}>{sg.name}</th>)}</tr></thead>
        <tbody>{page.students.map((st) => (
          <tr key={st.id}><td>{st.fullName}</td>{page.subgroups.map((sg) => (
            <td key={sg.id}><input type="checkbox" aria-label={`${st.fullName}: ${sg.name}`} checked={members.get(sg.id)!.has(st.id)} onChange={() => toggle(sg.id, st.id)} /></td>
          ))}</tr>
        ))}</tbody>
      </table></div>
      <div className="actions">
        <Field label="С даты" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="submit" disabled={save.isPending} style={{ alignSelf: 'flex-end' }}>Сохранить состав подгрупп</button>
      </div>
      <ErrorNotice error={save.error} />
      {save.isSuccess && <Notice kind="ok">Состав подгрупп сохранён с {dateRu(date)}.</Notice>}
    </form>
  );
}
