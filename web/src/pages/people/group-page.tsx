import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { dateRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { Empty, ErrorNotice, Field, Loading, Notice } from '../../ui/index.js';
import { GroupAbsencesSection } from '../journal/excuses.js';
import { PrintGroupJournal } from '../journal/print-journal.js';
import { downloadBase64 } from '../../ui/files.js';
import { AccessBadge } from './common.js';
import { usePageTitle } from '../../page-title.js';

type GroupPageData = ApiResponse<'GET /groups/:id/page'>;
type ContactsResult = ApiResponse<'PATCH /persons/:id/contacts'>;
type CredentialsResult = ApiResponse<'POST /credentials'>;
const refreshPage = keysOf('GET /groups/:id/page');

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
  {
    key: 'credentials',
    title: 'Доступ к журналу',
    visible: (p) => p.can.credentials && p.group.status === 'active',
    render: (p) => <CredentialsSection page={p} />,
  },
  {
    key: 'subgroups',
    title: 'Подгруппы',
    visible: (p) => p.can.movement && p.subgroups.length > 0 && p.students.length > 0,
    render: (p) => <SubgroupsSection page={p} />,
  },
  {
    key: 'absences',
    title: 'Пропуски и справки',
    visible: (p) => p.group.status === 'active',
    render: (p) => <GroupAbsencesSection groupId={p.group.id} />,
  },
  { key: 'left', title: 'Выбывшие в этом учебном году', visible: (p) => p.left.length > 0, render: (p) => <LeftSection page={p} /> },
];

export function GroupPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? '';
  const req = { params: { id }, query: { date: date || undefined } };
  const q = useQuery({ queryKey: keyOf('GET /groups/:id/page', req), queryFn: () => call('GET /groups/:id/page', req) });
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
        {g.status === 'graduated' && (
          <>
            {' '}
            · <span className="badge">выпущена</span>
          </>
        )}
      </p>
      <div className="actions no-print">
        <label className="inline">
          Список на дату{' '}
          <input type="date" value={date || p.date} onChange={(e) => setParams(e.target.value ? { date: e.target.value } : {})} />
        </label>
        {date && (
          <button type="button" className="secondary" onClick={() => setParams({})}>
            Сегодня
          </button>
        )}
        <Link className="button secondary" to={`/usage/${g.id}`}>
          Вход в журнал
        </Link>
        {p.can.contacts && (
          <Link className="button secondary" to="/contact-changes?status=all">
            История изменений контактов
          </Link>
        )}
      </div>
      <div className="no-print">
        <PrintGroupJournal groupId={g.id} />
      </div>
      <nav className="section-links no-print" aria-label="Разделы страницы группы">
        {sections.map((s) => (
          <a key={s.key} href={`#${s.key}`}>
            {s.title}
          </a>
        ))}
      </nav>
      {sections.map((s) => (
        <section key={s.key} id={s.key} className="panel" aria-labelledby={`${s.key}-h`}>
          <h2 id={`${s.key}-h`} style={{ marginTop: 0 }}>
            {s.title}
          </h2>
          {s.render(p)}
        </section>
      ))}
    </>
  );
}

function StudentsSection({ page }: { page: GroupPageData }) {
  const [editing, setEditing] = useState<number | null>(null);
  if (!page.students.length) {
    return (
      <Empty>
        На {dateRu(page.date)} в группе нет обучающихся. Администратор журнала зачисляет их импортом из файла или по одному в разделе
        «Обучающиеся».
      </Empty>
    );
  }
  const contacts = (x: { personId: number; phone: string | null; email: string | null; canManage: boolean }) => (
    <Contacts
      personId={x.personId}
      phone={x.phone}
      email={x.email}
      canManage={x.canManage}
      page={page}
      editing={editing}
      setEditing={setEditing}
    />
  );
  return (
    <DataTable
      caption="Обучающиеся и родители"
      captionHidden
      rows={page.students.map((s, i) => ({ ...s, n: i + 1 }))}
      rowKey={(s) => s.id}
      columns={[
        { key: 'n', title: '№', cell: (s) => s.n },
        {
          key: 'student',
          title: 'Обучающийся',
          cell: (s) => (
            <>
              <Link to={`/students/${s.id}`}>{s.fullName}</Link>
              <div className="small muted">
                {s.birthDate ? `${dateRu(s.birthDate)} г. р.` : ''}
                {s.subgroup ? ` · ${s.subgroup}` : ''}
              </div>
              <AccessBadge access={s.access} />
            </>
          ),
        },
        { key: 'contacts', title: 'Контакты', cell: contacts },
        {
          key: 'guardians',
          title: 'Родители (законные представители)',
          cell: (s) => (
            <>
              {s.guardians.length === 0 && <span className="muted small">не указаны</span>}
              {s.guardians.map((g) => (
                <div key={g.personId} className="guardian-line">
                  <Link to={`/guardians/${g.personId}`}>{g.fullName}</Link> <span className="muted small">({g.relation})</span>{' '}
                  <AccessBadge access={g.access} />
                  {contacts(g)}
                </div>
              ))}
            </>
          ),
        },
      ]}
    />
  );
}

function Contacts({
  personId,
  phone,
  email,
  canManage,
  page,
  editing,
  setEditing,
}: {
  personId: number;
  phone: string | null;
  email: string | null;
  canManage: boolean;
  page: GroupPageData;
  editing: number | null;
  setEditing(id: number | null): void;
}) {
  const qc = useQueryClient();
  const [done, setDone] = useState<ContactsResult | null>(null);
  const m = useMutation({
    mutationFn: (f: { phone: string; email: string }) =>
      call('PATCH /persons/:id/contacts', { params: { id: personId }, body: { phone: f.phone || null, email: f.email || null } }),
    onSuccess: (r) => {
      setDone(r);
      setEditing(null);
      void qc.invalidateQueries({ queryKey: refreshPage });
    },
  });
  const form = useForm({ phone: phone ?? '', email: email ?? '' }, { error: m.error, onSubmit: (v) => m.mutate(v) });
  if (editing === personId) {
    return (
      <form {...form.form} className="inline-form" aria-label="Контакты">
        <Field label="Телефон" type="tel" {...form.field('phone')} />
        <Field label="Эл. почта" type="email" {...form.field('email')} />
        {page.can.contactsNeedApproval && (
          <p className="small muted">Изменение вступит в силу после утверждения администратором журнала.</p>
        )}
        <ErrorNotice error={m.error} />
        <div className="actions">
          <button type="submit" disabled={m.isPending}>
            Сохранить
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(null)}>
            Отмена
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="small">
      <div>{phone ?? <span className="muted">телефон не указан</span>}</div>
      {email && <div>{email}</div>}
      {done && (
        <div className={done.status === 'pending' ? 'muted' : 'ok-text'} role="status">
          {done.message}
        </div>
      )}
      {page.can.contacts && canManage && (
        <div>
          <button
            type="button"
            className="link"
            onClick={() => {
              form.setValues({ phone: phone ?? '', email: email ?? '' });
              m.reset();
              setDone(null);
              setEditing(personId);
            }}
          >
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
  const people = page.students
    .flatMap((s) => [
      { personId: s.personId, fullName: s.fullName, who: 'обучающийся', access: s.access, canManage: s.canManage },
      ...s.guardians.map((g) => ({
        personId: g.personId,
        fullName: g.fullName,
        who: `родитель: ${s.fullName}`,
        access: g.access,
        canManage: g.canManage,
      })),
    ])
    .filter((x, i, all) => x.canManage && all.findIndex((y) => y.personId === x.personId) === i);
  const without = people.filter((x) => !x.access.login);
  const [result, setResult] = useState<CredentialsResult | null>(null);
  const [resetId, setResetId] = useState('');
  const issue = useMutation({
    mutationFn: (body: { personIds: number[]; reset: boolean }) => call('POST /credentials', { body: { ...body, groupId: page.group.id } }),
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: refreshPage });
    },
  });
  const withLogin = people.filter((x) => x.access.login);
  return (
    <>
      <p className="small muted">
        Логин составляется из фамилии и инициалов, пароль — случайный и временный: при первом входе его нужно сменить. Пароли показываются
        один раз — сразу распечатайте листки и раздайте лично.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={!without.length || issue.isPending}
          onClick={() => issue.mutate({ personIds: without.map((x) => x.personId), reset: false })}
        >
          {without.length ? `Выдать доступ: ${without.length} чел. без логина` : 'Доступ выдан всем'}
        </button>
        {withLogin.length > 0 && (
          <>
            <label className="inline">
              Сбросить пароль{' '}
              <select value={resetId} onChange={(e) => setResetId(e.target.value)} aria-label="Кому сбросить пароль">
                <option value="">— выберите —</option>
                {withLogin.map((x) => (
                  <option key={x.personId} value={x.personId}>
                    {x.fullName} ({x.who})
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="secondary"
              disabled={!resetId || issue.isPending}
              onClick={() => issue.mutate({ personIds: [Number(resetId)], reset: true })}
            >
              Сбросить
            </button>
          </>
        )}
      </div>
      {issue.isPending && (
        <p className="muted" aria-busy="true">
          Выдаём доступ…
        </p>
      )}
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
            <button type="button" onClick={() => downloadBase64(result.slipsPdfBase64!, result.slipsFileName, 'application/pdf')}>
              Скачать листки для печати (PDF)
            </button>
          )}
        </Notice>
      )}
      <DataTable
        caption="Логины и временные пароли"
        captionHidden
        rows={result.issued}
        rowKey={(x) => x.personId}
        columns={[
          { key: 'name', title: 'ФИО', cell: (x) => x.fullName },
          { key: 'role', title: 'Кто', className: 'small', cell: (x) => x.role },
          { key: 'login', title: 'Логин', cell: (x) => <code>{x.login}</code> },
          { key: 'password', title: 'Временный пароль', cell: (x) => <code>{x.password}</code> },
        ]}
      />
      {result.skipped.length > 0 && (
        <Notice kind="warn">Пропущены: {result.skipped.map((x) => `${x.fullName} — ${x.reason}`).join('; ')}</Notice>
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
          <li key={`${l.id}-${l.to}`}>
            <Link to={`/students/${l.id}`}>{l.fullName}</Link> — в группе с {dateRu(l.from)} по {dateRu(l.to)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A subgroup split (a foreign language, labs): who is in which subgroup from a date. */
function SubgroupsSection({ page }: { page: GroupPageData }) {
  const qc = useQueryClient();
  const [date, setDate] = useState(page.date);
  const [members, setMembers] = useState(
    () => new Map(page.subgroups.map((sg) => [sg.id, new Set(sg.studentIds.filter((id) => page.students.some((s) => s.id === id)))])),
  );
  const save = useMutation({
    mutationFn: async () => {
      for (const sg of page.subgroups)
        await call('PUT /subgroups/:id/members', { params: { id: sg.id }, body: { studentIds: [...members.get(sg.id)!], date } });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: refreshPage }),
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
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      aria-label="Состав подгрупп"
    >
      <p className="small muted">
        Отметьте, кто в какой подгруппе. Журналы подгрупп покажут обучающегося с указанной даты; прежние записи остаются.
      </p>
      <DataTable
        caption="Состав подгрупп"
        captionHidden
        rows={page.students}
        rowKey={(st) => st.id}
        columns={[
          { key: 'name', title: 'Обучающийся', cell: (st) => st.fullName },
          ...page.subgroups.map((sg) => ({
            key: `sg-${sg.id}`,
            title: sg.name,
            cell: (st: GroupPageData['students'][number]) => (
              <input
                type="checkbox"
                aria-label={`${st.fullName}: ${sg.name}`}
                checked={members.get(sg.id)!.has(st.id)}
                onChange={() => toggle(sg.id, st.id)}
              />
            ),
          })),
        ]}
      />
      <div className="actions">
        <Field label="С даты" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="submit" disabled={save.isPending} style={{ alignSelf: 'flex-end' }}>
          Сохранить состав подгрупп
        </button>
      </div>
      <ErrorNotice error={save.error} />
      {save.isSuccess && <Notice kind="ok">Состав подгрупп сохранён с {dateRu(date)}.</Notice>}
    </form>
  );
}
