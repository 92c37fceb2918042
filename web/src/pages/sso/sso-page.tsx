import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SsoProvider } from '../../../../src/contracts/sso.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Field, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { KEPT_NOTE, useForm } from '../../ui/form.js';
import { hasKept } from '../../unsaved.js';

// «Единый вход» (issue 15 item 12, decision 040): the OpenID Connect providers the caller keeps (a
// college's, or the region's for the regional administrator), and the college's people linked to
// their accounts at a provider. The client secret is entered, never shown: the page says «задан».

const KEY = keyOf('GET /sso');

export function SsoPage() {
  usePageTitle('Единый вход', 'sso');
  const me = useMe();
  const q = useQuery({ queryKey: KEY, queryFn: () => call('GET /sso') });
  // A new provider half entered when the session ended is open again after signing in.
  const [editing, setEditing] = useState<SsoProvider | 'new' | null>(() => (hasKept('sso.provider.new') ? 'new' : null));
  const [done, setDone] = useState('');
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorNotice error={q.error} />;
  const regional = !can(me, 'sso:links');
  const { providers, links } = q.data;
  return (
    <>
      <h1>Единый вход</h1>
      <p className="muted">
        Вход в журнал через внешнюю систему по протоколу OpenID Connect (код авторизации с PKCE).{' '}
        {regional
          ? 'Провайдеры региона видны на странице входа всем колледжам региона; связывать с ними людей будут администраторы колледжей.'
          : 'Вход по логину и паролю остаётся. Провайдеры региона задаёт региональный администратор.'}
      </p>
      {done && <Notice kind="ok">{done}</Notice>}
      <section className="panel" aria-labelledby="sso-providers">
        <h2 id="sso-providers" style={{ marginTop: 0 }}>
          Провайдеры
        </h2>
        {!providers.length ? (
          <Empty>
            Провайдеров нет. Зарегистрируйте журнал у провайдера (ЕСИА, региональная система, Keycloak колледжа), получите идентификатор и
            секрет клиента и добавьте провайдера — на странице входа появится кнопка «Войти через …».
          </Empty>
        ) : (
          <div className="table-wrap">
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Кнопка</th>
                  <th scope="col">Провайдер</th>
                  <th scope="col">Клиент</th>
                  <th scope="col">Связь по почте</th>
                  <th scope="col">Связано</th>
                  <th scope="col">Адрес возврата</th>
                  <th scope="col">
                    <span className="sr-only">Действия</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {providers.map((p) => (
                  <tr key={p.id}>
                    <td>
                      Войти через {p.label}
                      {p.forRegion && <div className="muted small">провайдер региона</div>}
                    </td>
                    <td>{p.issuer}</td>
                    <td>
                      {p.clientId}
                      <div className="muted small">секрет: {p.secretSet ? 'задан' : 'не задан'}</div>
                    </td>
                    <td>{p.linkByEmail ? 'да' : 'нет'}</td>
                    <td>{regional ? '—' : p.links}</td>
                    <td>
                      <code>{p.callbackUrl}</code>
                    </td>
                    <td>{p.editable && <ProviderActions p={p} onEdit={() => setEditing(p)} onDone={setDone} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editing ? (
          <ProviderForm
            key={editing === 'new' ? 'new' : editing.id}
            provider={editing === 'new' ? null : editing}
            onClose={(message) => {
              setEditing(null);
              if (message) setDone(message);
            }}
          />
        ) : (
          <div className="actions">
            <button type="button" onClick={() => (setDone(''), setEditing('new'))}>
              Добавить провайдера
            </button>
          </div>
        )}
      </section>
      {links && (
        <section className="panel" aria-labelledby="sso-links">
          <h2 id="sso-links" style={{ marginTop: 0 }}>
            Связи с учётными записями провайдеров
          </h2>
          <p className="muted">
            Свяжите человека с его учётной записью у провайдера: укажите его логин в журнале и идентификатор у провайдера (sub). Если у
            провайдера включена связь по почте, человек с подтверждённым адресом, который в колледже указан только у него, связывается сам
            при первом входе.
          </p>
          {providers.length > 0 && <LinkForm providers={providers} onDone={setDone} />}
          {!links.length ? (
            <Empty>Связей пока нет.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="list">
                <thead>
                  <tr>
                    <th scope="col">ФИО</th>
                    <th scope="col">Логин</th>
                    <th scope="col">Провайдер</th>
                    <th scope="col">Идентификатор (sub)</th>
                    <th scope="col">Как связан</th>
                    <th scope="col">Последний вход</th>
                    <th scope="col">
                      <span className="sr-only">Действия</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {links.map((l) => (
                    <tr key={l.id}>
                      <td>{l.fullName}</td>
                      <td>{l.login ?? '—'}</td>
                      <td>{l.providerLabel}</td>
                      <td>
                        <code>{l.subject}</code>
                      </td>
                      <td>
                        {l.linkedBy === 'email' ? 'сам, по подтверждённой почте' : 'администратором'},{' '}
                        {dateTimeRu(l.createdAt, me.organization.timeZone)}
                      </td>
                      <td>{l.lastLoginAt ? dateTimeRu(l.lastLoginAt, me.organization.timeZone) : 'входов не было'}</td>
                      <td>
                        <UnlinkButton id={l.id} name={l.fullName} onDone={setDone} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

function ProviderActions({ p, onEdit, onDone }: { p: SsoProvider; onEdit(): void; onDone(m: string): void }) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => call('DELETE /sso/providers/:id', { params: { id: p.id } }),
    onSuccess: () => {
      onDone(`Провайдер «${p.label}» удалён вместе со связями.`);
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <div className="actions" style={{ margin: 0 }}>
      <button type="button" className="secondary" onClick={onEdit} aria-label={`Изменить провайдера ${p.label}`}>
        Изменить
      </button>
      <button
        type="button"
        className="secondary"
        aria-label={`Удалить провайдера ${p.label}`}
        onClick={() =>
          window.confirm(`Удалить провайдера «${p.label}»? Кнопка исчезнет со страницы входа, связи людей с ним будут удалены.`) &&
          remove.mutate()
        }
      >
        Удалить
      </button>
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
    </div>
  );
}

function ProviderForm({ provider, onClose }: { provider: SsoProvider | null; onClose(message?: string): void }) {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { label: string; issuer: string; clientId: string; clientSecret: string; linkByEmail: boolean }) =>
      provider
        ? call('PATCH /sso/providers/:id', {
            params: { id: provider.id },
            // The secret only when a new one was typed: an empty field keeps the one that is set.
            body: {
              label: v.label,
              issuer: v.issuer,
              clientId: v.clientId,
              linkByEmail: v.linkByEmail,
              ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
            },
          })
        : call('POST /sso/providers', { body: v }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: KEY });
      onClose(
        provider
          ? `Провайдер «${p.label}» сохранён.`
          : `Провайдер «${p.label}» добавлен. Зарегистрируйте у него адрес возврата ${p.callbackUrl}.`,
      );
    },
  });
  const form = useForm(
    {
      label: provider?.label ?? '',
      issuer: provider?.issuer ?? '',
      clientId: provider?.clientId ?? '',
      clientSecret: '',
      linkByEmail: provider?.linkByEmail ?? false,
    },
    { error: save.error, onSubmit: (v) => save.mutate(v), keep: `sso.provider.${provider?.id ?? 'new'}`, secret: ['clientSecret'] },
  );
  return (
    <form {...form.form} aria-label={provider ? `Провайдер ${provider.label}` : 'Новый провайдер'} noValidate>
      <h3>{provider ? `Изменить: ${provider.label}` : 'Новый провайдер'}</h3>
      {form.restored && <Notice kind="warn">{KEPT_NOTE} Секрет клиента в браузере не хранится: если вы его вводили, введите снова.</Notice>}
      <Field label="Название на кнопке" hint="На странице входа будет кнопка «Войти через …» с этим названием" {...form.field('label')} />
      <Field
        label="Адрес провайдера (issuer)"
        hint="https://…; по нему журнал сам находит настройки провайдера (/.well-known/openid-configuration)"
        {...form.field('issuer')}
      />
      <Field label="Идентификатор клиента (client_id)" autoComplete="off" {...form.field('clientId')} />
      <Field
        label="Секрет клиента (client_secret)"
        type="password"
        autoComplete="new-password"
        hint={provider ? 'Задан. Оставьте поле пустым, чтобы не менять.' : 'Хранится на сервере и больше не показывается.'}
        {...form.field('clientSecret')}
      />
      <label className="check">
        <input type="checkbox" {...form.check('linkByEmail')} /> Связывать при первом входе по подтверждённой почте
      </label>
      <div className="muted small">
        Человек войдёт без участия администратора, если провайдер подтвердил его адрес и этот адрес в журнале указан ровно у одного человека
        колледжа.
      </div>
      {save.error && !Object.keys(form.errors).length ? <ErrorNotice error={save.error} /> : null}
      {Object.keys(form.errors).length ? <Notice kind="error">Провайдер не сохранён: исправьте отмеченные поля.</Notice> : null}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {provider ? 'Сохранить' : 'Добавить'}
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function LinkForm({ providers, onDone }: { providers: SsoProvider[]; onDone(m: string): void }) {
  const qc = useQueryClient();
  const link = useMutation({
    mutationFn: (v: { providerId: string; subject: string; login: string }) =>
      call('POST /sso/links', { body: { providerId: Number(v.providerId), subject: v.subject, login: v.login } }),
    onSuccess: (l) => {
      onDone(`${l.fullName} связан(а) с учётной записью «${l.subject}» провайдера «${l.providerLabel}».`);
      form.setValues((v) => ({ ...v, subject: '', login: '' }));
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const form = useForm(
    { providerId: String(providers[0].id), subject: '', login: '' },
    { error: link.error, onSubmit: (v) => link.mutate(v), keep: 'sso.link' },
  );
  return (
    <form {...form.form} aria-label="Связать человека" noValidate>
      <KeptNote shown={form.restored} />
      <div className="actions" style={{ alignItems: 'flex-start' }}>
        <SelectField label="Провайдер" {...form.field('providerId')}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <Field label="Логин в журнале" autoComplete="off" {...form.field('login')} />
        <Field label="Идентификатор у провайдера (sub)" autoComplete="off" {...form.field('subject')} />
      </div>
      {link.error && !Object.keys(form.errors).length ? <ErrorNotice error={link.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={link.isPending}>
          Связать
        </button>
      </div>
    </form>
  );
}

function UnlinkButton({ id, name, onDone }: { id: number; name: string; onDone(m: string): void }) {
  const qc = useQueryClient();
  const unlink = useMutation({
    mutationFn: () => call('DELETE /sso/links/:id', { params: { id } }),
    onSuccess: () => {
      onDone(`Связь разорвана: ${name} больше не входит через этого провайдера (вход по паролю остаётся).`);
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <button
      type="button"
      className="secondary"
      aria-label={`Разорвать связь: ${name}`}
      onClick={() => window.confirm(`Разорвать связь ${name} с учётной записью провайдера?`) && unlink.mutate()}
    >
      Разорвать
    </button>
  );
}
