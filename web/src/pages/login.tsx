import { useEffect, useState, type FormEvent } from 'react';
import type { SsoButtons } from '../../../src/contracts/sso.js';
import { isSsoRefusal, SSO_REFUSALS } from '../../../src/domain/sso.js';
import { ApiError, call } from '../api.js';
import { useAuth } from '../auth.js';
import { usePageTitle } from '../page-title.js';
import { Field, Notice } from '../ui/index.js';

export function LoginPage() {
  usePageTitle('Вход', 'start');
  const { setMe, ended } = useAuth();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Single sign-on (decision 040): a button per provider, and why a login through one was refused.
  const [providers, setProviders] = useState<SsoButtons>([]);
  const [refusal] = useState(() => new URLSearchParams(location.search).get('sso'));
  useEffect(() => {
    call('GET /auth/sso/providers').then(setProviders, () => setProviders([]));
    if (refusal) history.replaceState(null, '', location.pathname);
  }, [refusal]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setMe(await call('POST /auth/login', { body: { login, password } }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', 'Не удалось войти.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-box" onSubmit={submit} noValidate>
        <h1>Электронный журнал</h1>
        <p className="muted">Вход для преподавателей, обучающихся, родителей и администрации колледжа</p>
        {ended && !error && (
          <Notice kind="warn">
            {ended === 'idle'
              ? 'Сеанс завершён из-за бездействия.'
              : 'Сеанс завершён: истёк его срок или выполнен выход на другом устройстве.'}{' '}
            Войдите снова — откроется та же страница, а несохранённые изменения сохранятся.
          </Notice>
        )}
        {error && <Notice kind="error">{error.message}</Notice>}
        {!error && isSsoRefusal(refusal) && <Notice kind="error">{SSO_REFUSALS[refusal]}</Notice>}
        <Field
          label="Логин"
          name="login"
          autoComplete="username"
          autoFocus
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          error={error?.fields.login}
        />
        <Field
          label="Пароль"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={error?.fields.password}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
        {providers.length > 0 && (
          <div className="sso-buttons" aria-label="Вход через другие системы" role="group">
            <p className="muted small">или</p>
            {providers.map((p) => (
              <a key={p.id} className="button secondary" href={p.startUrl}>
                Войти через {p.label}
              </a>
            ))}
          </div>
        )}
        <p className="muted small">Забыли пароль? Обратитесь к куратору группы или администратору журнала.</p>
      </form>
    </div>
  );
}
