import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { useForm } from '../../ui/form.js';
import { ErrorNotice, Field, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { Modal } from '../../ui/modal.js';

// Single sign-on on a person's card (decision 040): whether the person is linked to a provider's
// account, and the college administrator links (provider + subject) and unlinks here; the «Единый
// вход» page keeps the whole list. Shown only to those who may link (sso:links).

type Card = ApiResponse<'GET /sso/persons/:id'>;
type Linked = Card['links'][number];

export function PersonSsoPanel({ personId }: { personId: number }) {
  const me = useMe();
  if (!can(me, 'sso:links')) return null;
  return <Panel personId={personId} />;
}

function Panel({ personId }: { personId: number }) {
  const me = useMe();
  const q = useQuery({
    queryKey: keyOf('GET /sso/persons/:id', { params: { id: personId } }),
    queryFn: () => call('GET /sso/persons/:id', { params: { id: personId } }),
  });
  const [unlinking, setUnlinking] = useState<Linked | null>(null);
  const [done, setDone] = useState('');
  const free = q.data?.providers.filter((p) => !q.data.links.some((l) => l.providerId === p.id)) ?? [];
  return (
    <section className="panel" aria-labelledby={`sso-${personId}`}>
      <h2 id={`sso-${personId}`} style={{ marginTop: 0 }}>
        Единый вход
      </h2>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {done && <Notice kind="ok">{done}</Notice>}
      {q.data && (
        <>
          {q.data.links.length === 0 ? (
            <p>Не связан ни с одним провайдером: входит только по логину и паролю.</p>
          ) : (
            <ul className="plain">
              {q.data.links.map((l) => (
                <li key={l.id}>
                  Связан с провайдером «{l.providerLabel}»: <code>{l.subject}</code>{' '}
                  <span className="muted small">
                    ({l.linkedBy === 'email' ? 'при первом входе по почте' : 'администратором'},{' '}
                    {dateTimeRu(l.createdAt, me.organization.timeZone)}
                    {l.lastLoginAt ? `; последний вход ${dateTimeRu(l.lastLoginAt, me.organization.timeZone)}` : '; ещё не входил(а)'})
                  </span>{' '}
                  <button type="button" className="secondary" onClick={() => (setDone(''), setUnlinking(l))}>
                    Разорвать связь<span className="sr-only"> с «{l.providerLabel}»</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {!q.data.providers.length ? (
            <p className="muted small">
              Провайдеров единого входа нет: их добавляют на странице <Link to="/sso">«Единый вход»</Link>.
            </p>
          ) : !q.data.login ? (
            <p className="muted small">У человека нет логина в журнале: связать с провайдером можно после того, как выдан доступ.</p>
          ) : free.length > 0 ? (
            <LinkForm personId={personId} providers={free} onDone={setDone} />
          ) : null}
        </>
      )}
      {unlinking && (
        <Unlink
          link={unlinking}
          onClose={(msg) => {
            setUnlinking(null);
            if (msg) setDone(msg);
          }}
        />
      )}
    </section>
  );
}

function LinkForm({ personId, providers, onDone }: { personId: number; providers: Card['providers']; onDone(m: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { providerId: string; subject: string }) =>
      call('POST /sso/persons/:id/links', { params: { id: personId }, body: { providerId: Number(v.providerId), subject: v.subject } }),
    onSuccess: (l) => {
      form.setValues((v) => ({ ...v, subject: '' }));
      void qc.invalidateQueries({ queryKey: keysOf('GET /sso/persons/:id') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /sso') });
      onDone(`Связь установлена: учётная запись «${l.subject}» провайдера «${l.providerLabel}». Вход по паролю остаётся.`);
    },
  });
  const form = useForm(
    { providerId: String(providers[0].id), subject: '' },
    { error: m.error, onSubmit: (v) => m.mutate(v), keep: `sso.person.${personId}` },
  );
  return (
    <form {...form.form} aria-label="Связать с провайдером" noValidate>
      <KeptNote shown={form.restored} />
      <div className="form-row">
        <SelectField label="Провайдер" {...form.field('providerId')}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <Field
          label="Идентификатор у провайдера (sub)"
          hint="Его сообщает администратор провайдера"
          autoComplete="off"
          {...form.field('subject')}
        />
      </div>
      {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Связать
        </button>
      </div>
    </form>
  );
}

function Unlink({ link, onClose }: { link: Linked; onClose(msg?: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => call('DELETE /sso/links/:id', { params: { id: link.id } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /sso/persons/:id') });
      void qc.invalidateQueries({ queryKey: keysOf('GET /sso') });
      onClose(`Связь с провайдером «${link.providerLabel}» разорвана: через него этот человек больше не войдёт. Вход по паролю остаётся.`);
    },
  });
  return (
    <Modal title={`Разорвать связь с «${link.providerLabel}»`} onClose={() => onClose()}>
      <p>
        {link.fullName} больше не сможет войти через «{link.providerLabel}» под учётной записью <code>{link.subject}</code>.
      </p>
      <ErrorNotice error={m.error} />
      <div className="actions">
        <button type="button" onClick={() => m.mutate()} disabled={m.isPending}>
          Разорвать связь
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          Отмена
        </button>
      </div>
    </Modal>
  );
}
