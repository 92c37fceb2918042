import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { College } from '../../../../src/contracts/region.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateTimeRu, NOUNS } from '../../format.js';
import { useForm } from '../../ui/form.js';
import { Empty, ErrorNotice, Field, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { hasKept } from '../../unsaved.js';
import { Modal } from '../../ui/modal.js';
import { usePageTitle } from '../../page-title.js';

// The regional administrator's colleges (issue 15, п. 1.4–1.5): create, appoint the first
// administrator, suspend and re-activate. No college's people are shown here but its administrators.

const ZONES: string[] = (() => {
  const all = Intl.supportedValuesOf('timeZone');
  const russian = [
    'Europe/Kaliningrad',
    'Europe/Moscow',
    'Europe/Samara',
    'Asia/Yekaterinburg',
    'Asia/Omsk',
    'Asia/Novosibirsk',
    'Asia/Krasnoyarsk',
    'Asia/Irkutsk',
    'Asia/Yakutsk',
    'Asia/Vladivostok',
    'Asia/Magadan',
    'Asia/Kamchatka',
  ];
  return [...russian.filter((z) => all.includes(z)), ...all.filter((z) => !russian.includes(z))];
})();

const NEW_COLLEGE = 'region.college.new';

type Dialog = { kind: 'admin' | 'observer' | 'suspend' | 'activate'; college: College } | null;

export function CollegesPage() {
  usePageTitle('Колледжи', 'region');
  const q = useQuery({ queryKey: keyOf('GET /region/colleges'), queryFn: () => call('GET /region/colleges') });
  // A college half entered when the session ended is open again after signing in.
  const [creating, setCreating] = useState(() => hasKept(NEW_COLLEGE));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState('');
  return (
    <>
      <h1>Колледжи{q.data ? `: ${q.data.region}` : ''}</h1>
      <p className="muted">
        Колледжи региона на этой установке. Создайте колледж, назначьте его администратора журнала — дальше колледж ведёт себя сам.
      </p>
      {done && <Notice kind="ok">{done}</Notice>}
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      <div className="actions">
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Создать колледж
          </button>
        )}
      </div>
      {creating && (
        <CreateCollege
          onDone={(c) => {
            setCreating(false);
            if (c) {
              setDone(`Колледж «${c.shortName}» создан. Назначьте его администратора журнала.`);
              setDialog({ kind: 'admin', college: c });
            }
          }}
        />
      )}
      {q.data && !q.data.colleges.length && <Empty>В регионе ещё нет колледжей. Нажмите «Создать колледж».</Empty>}
      {q.data && q.data.colleges.length > 0 && <CollegeTable colleges={q.data.colleges} onAction={setDialog} />}
      {(dialog?.kind === 'admin' || dialog?.kind === 'observer') && (
        <AppointAccount role={dialog.kind} college={dialog.college} onClose={() => setDialog(null)} />
      )}
      {(dialog?.kind === 'suspend' || dialog?.kind === 'activate') && (
        <ChangeStatus
          kind={dialog.kind}
          college={dialog.college}
          onClose={(msg) => {
            setDialog(null);
            if (msg) setDone(msg);
          }}
        />
      )}
    </>
  );
}

function CollegeTable({ colleges, onAction }: { colleges: College[]; onAction(d: Dialog): void }) {
  const me = useMe();
  return (
    // Positioned, so the hidden texts of its buttons stay inside its scroll on a phone.
    <div className="table-wrap" style={{ position: 'relative' }}>
      <table className="list">
        <caption className="sr-only">Колледжи региона</caption>
        <thead>
          <tr>
            <th scope="col">Колледж</th>
            <th scope="col">Состояние</th>
            <th scope="col">Обучающихся</th>
            <th scope="col">Администраторы журнала и наблюдатели</th>
            <th scope="col">Действия</th>
          </tr>
        </thead>
        <tbody>
          {colleges.map((c) => (
            <tr key={c.id}>
              <td>
                <strong>{c.shortName}</strong>
                <div className="small">{c.name}</div>
                <div className="muted small">
                  {[c.inn && `ИНН ${c.inn}`, c.ogrn && `ОГРН ${c.ogrn}`, c.timeZone].filter(Boolean).join(' · ')}
                </div>
              </td>
              <td>
                {c.status === 'active' ? 'работает' : <strong>приостановлен</strong>}
                {c.statusReason && (
                  <div className="muted small">
                    {c.statusReason}
                    {c.statusChangedAt && `, ${dateTimeRu(c.statusChangedAt, me.organization.timeZone)}`}
                  </div>
                )}
              </td>
              <td>
                {c.students}
                <div className="muted small">{countRu(c.groups, NOUNS.group)}</div>
              </td>
              <td>
                {c.admins.length === 0 && <span className="muted">не назначен</span>}
                {c.admins.map((a) => (
                  <Account key={`${a.login}-${a.fullName}`} a={a} timeZone={me.organization.timeZone} />
                ))}
                {c.observers.length > 0 && <div className="muted small">Наблюдатели:</div>}
                {c.observers.map((a) => (
                  <Account key={`${a.login}-${a.fullName}`} a={a} timeZone={me.organization.timeZone} />
                ))}
              </td>
              <td>
                <div className="actions" style={{ margin: 0 }}>
                  {c.status === 'active' && (
                    <button type="button" className="secondary" onClick={() => onAction({ kind: 'admin', college: c })}>
                      Назначить администратора<span className="sr-only"> — {c.shortName}</span>
                    </button>
                  )}
                  {c.status === 'active' && (
                    <button type="button" className="secondary" onClick={() => onAction({ kind: 'observer', college: c })}>
                      Назначить наблюдателя<span className="sr-only"> — {c.shortName}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => onAction({ kind: c.status === 'active' ? 'suspend' : 'activate', college: c })}
                  >
                    {c.status === 'active' ? 'Приостановить' : 'Возобновить'}
                    <span className="sr-only"> — {c.shortName}</span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateCollege({ onDone }: { onDone(c: College | null): void }) {
  const qc = useQueryClient();
  const me = useMe();
  const m = useMutation({
    mutationFn: (v: { name: string; shortName: string; inn: string; ogrn: string; timeZone: string }) =>
      call('POST /region/colleges', { body: { ...v, inn: v.inn || null, ogrn: v.ogrn || null } }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /region/colleges') });
      onDone(c);
    },
  });
  const form = useForm(
    {
      name: '',
      shortName: '',
      inn: '',
      ogrn: '',
      timeZone: ZONES.includes(me.organization.timeZone) ? me.organization.timeZone : 'Europe/Moscow',
    },
    { error: m.error, onSubmit: (v) => m.mutate(v), keep: NEW_COLLEGE },
  );
  return (
    <form className="panel" aria-label="Новый колледж" {...form.form}>
      <h2 style={{ marginTop: 0 }}>Новый колледж</h2>
      <KeptNote shown={form.restored} />
      <Field label="Полное наименование" {...form.field('name')} autoFocus />
      <div className="form-row">
        <Field label="Краткое наименование" {...form.field('shortName')} />
        <Field label="ИНН" inputMode="numeric" hint="10 цифр, необязательно" {...form.field('inn')} />
        <Field label="ОГРН" inputMode="numeric" hint="13 цифр, необязательно" {...form.field('ogrn')} />
        <SelectField label="Часовой пояс" {...form.field('timeZone')}>
          {ZONES.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="muted small">По часовому поясу колледжа считаются сроки внесения оценок и задания по расписанию.</p>
      {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Создать
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Отмена
        </button>
      </div>
    </form>
  );
}

/** An administrator's or an observer's line: name, login and the last login. */
function Account({ a, timeZone }: { a: College['admins'][number]; timeZone: string }) {
  return (
    <div className="small">
      {a.fullName}
      {a.login && ` (${a.login})`}
      <div className="muted">{a.lastLoginAt ? `последний вход ${dateTimeRu(a.lastLoginAt, timeZone)}` : 'ещё не входил(а)'}</div>
    </div>
  );
}

const APPOINTED = {
  admin: { title: 'Администратор журнала', form: 'Назначить администратора' },
  observer: { title: 'Региональный наблюдатель', form: 'Назначить наблюдателя' },
} as const;

/**
 * Appoints the college's administrator, or a regional observer whose account the college hosts: the
 * observer sees the region's reports only, and only the regional administrator appoints one.
 */
function AppointAccount({ role, college, onClose }: { role: 'admin' | 'observer'; college: College; onClose(): void }) {
  const qc = useQueryClient();
  const t = APPOINTED[role];
  const m = useMutation({
    mutationFn: (v: { lastName: string; firstName: string; middleName: string; email: string }) =>
      call('POST /region/colleges/:id/admins', {
        params: { id: college.id },
        body: { ...v, role, middleName: v.middleName || null, email: v.email || null },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keysOf('GET /region/colleges') }),
  });
  const form = useForm(
    { lastName: '', firstName: '', middleName: '', email: '' },
    { error: m.error, onSubmit: (v) => m.mutate(v), keep: `region.college.${college.id}.${role}` },
  );
  return (
    <Modal title={`${t.title}: ${college.shortName}`} onClose={onClose}>
      {m.data ? (
        <div aria-live="polite">
          <Notice kind="ok">
            {m.data.fullName}: {role === 'admin' ? `администратор журнала колледжа «${college.shortName}»` : 'региональный наблюдатель'}.
          </Notice>
          <p>
            Логин: <strong data-testid="issued-login">{m.data.login}</strong>
            <br />
            Временный пароль: <strong data-testid="issued-password">{m.data.password}</strong>
          </p>
          <p className="muted small">
            Пароль показан один раз и нигде не хранится в открытом виде. Передайте его владельцу учётной записи: при первом входе пароль
            нужно сменить.
          </p>
          <div className="actions">
            <button type="button" onClick={onClose}>
              Готово
            </button>
          </div>
        </div>
      ) : (
        <form aria-label={t.form} {...form.form}>
          <KeptNote shown={form.restored} />
          <div className="form-row">
            <Field label="Фамилия" {...form.field('lastName')} />
            <Field label="Имя" {...form.field('firstName')} />
            <Field label="Отчество" {...form.field('middleName')} />
            <Field label="Эл. почта" type="email" {...form.field('email')} />
          </div>
          {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
          <div className="actions">
            <button type="submit" disabled={m.isPending}>
              Назначить и выдать пароль
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function ChangeStatus({ kind, college, onClose }: { kind: 'suspend' | 'activate'; college: College; onClose(msg?: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { reason: string }) =>
      kind === 'suspend'
        ? call('POST /region/colleges/:id/suspend', { params: { id: college.id }, body: v })
        : call('POST /region/colleges/:id/activate', { params: { id: college.id }, body: v }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /region/colleges') });
      onClose(
        kind === 'suspend'
          ? `Работа колледжа «${college.shortName}» приостановлена: его пользователи не могут войти, данные сохранены.`
          : `Работа колледжа «${college.shortName}» возобновлена.`,
      );
    },
  });
  const form = useForm({ reason: '' }, { error: m.error, onSubmit: (v) => m.mutate(v), keep: `region.college.${college.id}.${kind}` });
  return (
    <Modal title={`${kind === 'suspend' ? 'Приостановить' : 'Возобновить'}: ${college.shortName}`} onClose={() => onClose()}>
      <form aria-label={kind === 'suspend' ? 'Приостановить колледж' : 'Возобновить колледж'} {...form.form}>
        {kind === 'suspend' && (
          <p>
            Пользователи колледжа не смогут войти, открытые сеансы завершатся, задания по расписанию выполняться не будут. Данные
            сохранятся.
          </p>
        )}
        <Field label="Причина" {...form.field('reason')} />
        {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
        <div className="actions">
          <button type="submit" disabled={m.isPending}>
            {kind === 'suspend' ? 'Приостановить' : 'Возобновить'}
          </button>
          <button type="button" className="secondary" onClick={() => onClose()}>
            Отмена
          </button>
        </div>
      </form>
    </Modal>
  );
}
