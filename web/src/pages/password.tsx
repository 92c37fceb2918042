import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../api.js';
import { useAuth, useMe } from '../auth.js';
import { Field, Notice } from '../ui/index.js';
import { usePageTitle } from '../page-title.js';

/** Change of password; required after a temporary password was issued. */
export function PasswordPage({ forced }: { forced?: boolean }) {
  usePageTitle(forced ? 'Смена временного пароля' : 'Смена пароля', 'start');
  const me = useMe();
  const { refresh, logout } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (next !== repeat) {
      setError(new ApiError(400, 'validation', 'Пароли не совпадают.', { repeat: 'Повторите новый пароль без ошибок.' }));
      return;
    }
    try {
      await call('POST /auth/password', { body: { currentPassword: current, newPassword: next } });
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      await refresh();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  const form = (
    <form onSubmit={submit} noValidate className={forced ? 'login-box' : 'panel'} style={forced ? undefined : { maxWidth: 420 }}>
      <h1>{forced ? 'Смените временный пароль' : 'Смена пароля'}</h1>
      {forced && (
        <p className="muted">
          {me.person.fullName}, вы вошли с временным паролем. Придумайте свой: не короче 8 символов, с буквами и цифрами.
        </p>
      )}
      {done && <Notice kind="ok">Пароль изменён. Другие сеансы завершены.</Notice>}
      {error && <Notice kind="error">{error.message}</Notice>}
      <Field
        label={forced ? 'Временный пароль' : 'Текущий пароль'}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={error?.fields.currentPassword}
      />
      <Field
        label="Новый пароль"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={error?.fields.newPassword}
      />
      <Field
        label="Повторите новый пароль"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={error?.fields.repeat}
      />
      <div className="actions">
        <button type="submit">Сохранить пароль</button>
        {forced && (
          <button type="button" className="secondary" onClick={() => void logout()}>
            Выйти
          </button>
        )}
      </div>
    </form>
  );
  return forced ? <div className="login-page">{form}</div> : form;
}
