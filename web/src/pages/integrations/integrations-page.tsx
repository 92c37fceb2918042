import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ServiceAccount, ServiceAccounts } from '../../../../src/contracts/integrations.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateRu, dateTimeRu } from '../../format.js';
import { Empty, ErrorNotice, Field, fieldErrors, KeptNote, Loading, Notice, SelectField } from '../../ui/index.js';
import { useKept } from '../../ui/form.js';
import { Modal } from '../../ui/modal.js';
import { hasKept } from '../../unsaved.js';
import { usePageTitle } from '../../page-title.js';

// «Интеграции» (issue 15 item 11, decision 039): service accounts with API tokens for a regional
// portal or a timetable program. The token is shown once, with a copy button; an account is revoked
// here, and its every use is in its log.

const NEW_ACCOUNT = 'integrations.account.new';

const STATE: Record<ServiceAccount['state'], string> = { active: 'действует', revoked: 'отозван', expired: 'срок истёк' };
const RIGHTS = ['право', 'права', 'прав'] as const;
const USES = ['запрос', 'запроса', 'запросов'] as const;
const DAYS = ['день', 'дня', 'дней'] as const;

export function IntegrationsPage() {
  usePageTitle('Интеграции', 'integrations');
  const me = useMe();
  const q = useQuery({ queryKey: keyOf('GET /integrations/accounts'), queryFn: () => call('GET /integrations/accounts') });
  // An account half entered when the session ended is open again after signing in.
  const [creating, setCreating] = useState(() => hasKept(NEW_ACCOUNT));
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [log, setLog] = useState<ServiceAccount | null>(null);
  const [revoking, setRevoking] = useState<ServiceAccount | null>(null);
  const [done, setDone] = useState('');
  return (
    <>
      <h1>Интеграции</h1>
      <p className="muted">
        Сервисные учётные записи с ключами API — для регионального портала, программы составления расписания и других систем, которые
        работают с журналом по описанию API (<a href="/api/v1/openapi.json">OpenAPI</a>) без входа в браузере. Ключ получает только
        выбранные права и только в своём колледже (или регионе); каждый запрос с ним записывается.
      </p>
      {done && <Notice kind="ok">{done}</Notice>}
      {issued && <IssuedToken name={issued.name} token={issued.token} onClose={() => setIssued(null)} />}
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {!creating && !issued && (
        <div className="actions">
          <button type="button" onClick={() => setCreating(true)}>
            Создать учётную запись
          </button>
        </div>
      )}
      {creating && q.data && (
        <CreateAccount
          data={q.data}
          regional={me.roles.some((r) => r.role === 'regional_admin')}
          onDone={(r) => {
            setCreating(false);
            if (r) {
              setDone('');
              setIssued(r);
            }
          }}
        />
      )}
      {q.data && !q.data.accounts.length && (
        <Empty>
          Учётных записей ещё нет. Нажмите «Создать учётную запись», выберите права — и передайте ключ администратору другой системы.
        </Empty>
      )}
      {q.data && q.data.accounts.length > 0 && (
        <div className="table-wrap" style={{ position: 'relative' }}>
          <table className="list">
            <caption className="sr-only">Сервисные учётные записи</caption>
            <thead>
              <tr>
                <th scope="col">Учётная запись</th>
                <th scope="col">Права</th>
                <th scope="col">Состояние</th>
                <th scope="col">Последнее использование</th>
                <th scope="col">Действия</th>
              </tr>
            </thead>
            <tbody>
              {q.data.accounts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <strong>{a.name}</strong>
                    <div className="small">{a.scope === 'region' ? 'весь регион' : a.college.name}</div>
                    <div className="muted small">
                      ключ <code>{a.tokenHint}</code>, создан {dateTimeRu(a.createdAt, me.organization.timeZone)}
                      {a.createdBy && `, ${a.createdBy}`}
                    </div>
                  </td>
                  <td>
                    {a.readOnly ? 'только чтение' : 'чтение и изменение'}
                    <details className="small">
                      <summary>{countRu(a.permissions.length, RIGHTS)}</summary>
                      {a.permissions.join(', ')}
                    </details>
                  </td>
                  <td>
                    {a.state === 'active' ? STATE.active : <strong>{STATE[a.state]}</strong>}
                    <div className="muted small">
                      {a.revokedAt
                        ? `отозван ${dateTimeRu(a.revokedAt, me.organization.timeZone)}`
                        : a.expiryDate
                          ? `по ${dateRu(a.expiryDate)}`
                          : 'бессрочно'}
                    </div>
                  </td>
                  <td>
                    {a.lastUsedAt ? dateTimeRu(a.lastUsedAt, me.organization.timeZone) : <span className="muted">не использовался</span>}
                    <div className="muted small">{countRu(a.uses, USES)}</div>
                  </td>
                  <td>
                    <div className="actions" style={{ margin: 0 }}>
                      <button type="button" className="secondary" onClick={() => setLog(a)}>
                        Журнал<span className="sr-only"> — {a.name}</span>
                      </button>
                      {a.state !== 'revoked' && (
                        <button type="button" className="secondary" onClick={() => setRevoking(a)}>
                          Отозвать<span className="sr-only"> — {a.name}</span>
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.data && q.data.accounts.length > 0 && (
        <p className="muted small" data-testid="uses-kept">
          Журнал использования каждого ключа хранится {countRu(q.data.usesKeptDays, DAYS)}: более старые записи удаляются каждую ночь.
        </p>
      )}
      {log && q.data && <UsesLog account={log} keptDays={q.data.usesKeptDays} onClose={() => setLog(null)} />}
      {revoking && (
        <Revoke
          account={revoking}
          onClose={(msg) => {
            setRevoking(null);
            if (msg) setDone(msg);
          }}
        />
      )}
    </>
  );
}

/** The token, once: with a copy button and the warning that it will not be shown again. */
function IssuedToken({ name, token, onClose }: { name: string; token: string; onClose(): void }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('Ключ скопирован в буфер обмена.');
    } catch {
      setCopied('Браузер не дал скопировать: выделите ключ в поле и скопируйте его вручную (Ctrl+C).');
    }
  };
  return (
    <section className="panel" aria-label="Ключ API" aria-live="polite">
      <Notice kind="ok">Учётная запись «{name}» создана.</Notice>
      <Notice kind="warn">
        Ключ показан один раз: в журнале хранится только его отпечаток, посмотреть ключ снова нельзя. Скопируйте его сейчас и передайте по
        защищённому каналу. Потеряли ключ — отзовите учётную запись и создайте новую.
      </Notice>
      <Field label="Ключ API" value={token} readOnly data-testid="issued-token" onFocus={(e) => e.currentTarget.select()} />
      <p className="muted small">
        Запросы с ключом: заголовок <code>Authorization: Bearer {token.slice(0, 6)}…</code>, без входа и без cookie.
      </p>
      {copied && <p role="status">{copied}</p>}
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          Скопировать ключ
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Ключ сохранён, закрыть
        </button>
      </div>
    </section>
  );
}

function CreateAccount({
  data,
  regional,
  onDone,
}: {
  data: ServiceAccounts;
  regional: boolean;
  onDone(r: { name: string; token: string } | null): void;
}) {
  const qc = useQueryClient();
  const [v, setV, restored] = useKept(NEW_ACCOUNT, {
    name: '',
    scope: 'college' as 'college' | 'region',
    collegeId: regional ? null : ((data.colleges[0]?.id ?? null) as number | null),
    readOnly: true,
    expiryDate: '',
    permissions: [] as string[],
  });
  const { name, scope, collegeId, readOnly, expiryDate, permissions } = v;
  const setName = (name: string) => setV((v) => ({ ...v, name }));
  const setCollegeId = (collegeId: number | null) => setV((v) => ({ ...v, collegeId }));
  const setReadOnly = (readOnly: boolean) => setV((v) => ({ ...v, readOnly }));
  const setExpiryDate = (expiryDate: string) => setV((v) => ({ ...v, expiryDate }));
  const setPermissions = (f: (xs: string[]) => string[]) => setV((v) => ({ ...v, permissions: f(v.permissions) }));
  const m = useMutation({
    mutationFn: () =>
      call('POST /integrations/accounts', {
        body: {
          name,
          scope,
          collegeId: scope === 'college' && regional ? collegeId : null,
          permissions: permissions as never,
          readOnly,
          expiryDate: expiryDate || null,
        },
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /integrations/accounts') });
      onDone({ name: r.account.name, token: r.token });
    },
  });
  const errors = fieldErrors(m.error);
  const grantable = scope === 'region' ? data.grantable.region : data.grantable.college;
  const toggle = (p: string) => setPermissions((xs) => (xs.includes(p) ? xs.filter((x) => x !== p) : [...xs, p]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };
  return (
    <form className="panel" aria-label="Новая учётная запись" onSubmit={submit} noValidate>
      <h2 style={{ marginTop: 0 }}>Новая учётная запись</h2>
      <KeptNote shown={restored} />
      <div className="form-row">
        <Field
          label="Название"
          hint="Кто будет пользоваться ключом, например «Портал региона»"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          autoFocus
        />
        {regional && (
          <SelectField
            label="Действует"
            value={scope}
            onChange={(e) => setV((v) => ({ ...v, scope: e.target.value as 'college' | 'region', permissions: [] }))}
          >
            <option value="college">в одном колледже</option>
            <option value="region">во всём регионе</option>
          </SelectField>
        )}
        {regional && scope === 'college' && (
          <SelectField
            label="Колледж"
            value={collegeId ?? ''}
            onChange={(e) => setCollegeId(e.target.value ? Number(e.target.value) : null)}
            error={errors.collegeId}
          >
            <option value="">— выберите —</option>
            {data.colleges.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        )}
        <Field
          label="Действует по"
          type="date"
          hint="Пусто — до отзыва"
          value={expiryDate}
          onChange={(e) => setExpiryDate(e.target.value)}
          error={errors.expiryDate}
        />
      </div>
      <div>
        <label>
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} /> Только чтение — ключ не сможет ничего
          изменить
        </label>
      </div>
      <fieldset>
        <legend>Права ключа</legend>
        <p className="muted small">Ключ не получает больше, чем можете дать вы. Под каждым правом — запросы API, которые оно открывает.</p>
        {errors.permissions && <div className="field-error">{errors.permissions}</div>}
        {grantable.map((g) => (
          <div key={g.permission}>
            <label>
              <input type="checkbox" checked={permissions.includes(g.permission)} onChange={() => toggle(g.permission)} />{' '}
              <code>{g.permission}</code>
            </label>
            <details className="small muted" style={{ marginLeft: '1.6em' }}>
              <summary>{countRu(g.routes.length, USES)}</summary>
              <ul>
                {g.routes.map((r) => (
                  <li key={r.key}>
                    <code>{r.key}</code> — {r.summary}
                  </li>
                ))}
              </ul>
            </details>
          </div>
        ))}
      </fieldset>
      {m.error && !Object.keys(errors).length ? <ErrorNotice error={m.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Создать и показать ключ
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function UsesLog({ account, keptDays, onClose }: { account: ServiceAccount; keptDays: number; onClose(): void }) {
  const me = useMe();
  const q = useQuery({
    queryKey: keyOf('GET /integrations/accounts/:id/uses', { params: { id: account.id } }),
    queryFn: () => call('GET /integrations/accounts/:id/uses', { params: { id: account.id } }),
  });
  return (
    <Modal title={`Журнал использования: ${account.name}`} onClose={onClose}>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data && !q.data.uses.length && (
        <Empty>
          {account.lastUsedAt ? `За последние ${countRu(keptDays, DAYS)} ключом не пользовались.` : 'Ключом ещё не пользовались.'}
        </Empty>
      )}
      {q.data && q.data.uses.length > 0 && (
        <>
          <p className="muted small">
            Всего {countRu(q.data.total, USES)}
            {q.data.total > q.data.uses.length ? `; показаны последние ${q.data.uses.length}` : ''}. Записи хранятся{' '}
            {countRu(keptDays, DAYS)}.
          </p>
          <div className="table-wrap">
            <table className="list">
              <caption className="sr-only">Запросы с ключом</caption>
              <thead>
                <tr>
                  <th scope="col">Когда</th>
                  <th scope="col">Запрос</th>
                  <th scope="col">Ответ</th>
                  <th scope="col">Адрес</th>
                </tr>
              </thead>
              <tbody>
                {q.data.uses.map((u, i) => (
                  <tr key={`${u.at}-${i}`}>
                    <td>{dateTimeRu(u.at, me.organization.timeZone)}</td>
                    <td>
                      <code>
                        {u.method} {u.route}
                      </code>
                    </td>
                    <td>{u.status < 400 ? u.status : <strong>{u.status}</strong>}</td>
                    <td>{u.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Modal>
  );
}

function Revoke({ account, onClose }: { account: ServiceAccount; onClose(msg?: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => call('POST /integrations/accounts/:id/revoke', { params: { id: account.id } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keysOf('GET /integrations/accounts') });
      onClose(`Ключ учётной записи «${account.name}» отозван: следующий запрос с ним получит отказ (401).`);
    },
  });
  return (
    <Modal title={`Отозвать ключ: ${account.name}`} onClose={() => onClose()}>
      <p>Система, которая пользуется этим ключом, сразу потеряет доступ. Вернуть ключ нельзя — только создать новую учётную запись.</p>
      <ErrorNotice error={m.error} />
      <div className="actions">
        <button type="button" onClick={() => m.mutate()} disabled={m.isPending}>
          Отозвать ключ
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          Отмена
        </button>
      </div>
    </Modal>
  );
}
