import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { call } from './api.js';
import { idleDeadline, useAuth, useMe } from './auth.js';
import { installLeaveGuard, storedDraftPaths } from './unsaved.js';

const WARN_MS = 60_000;

/**
 * Warns a minute before the idle timeout and ends the session when it passes, so the login form
 * can say why. Any key or click while the warning shows keeps the session, as does the button.
 */
export function SessionWatch() {
  const me = useMe();
  const { endSession } = useAuth();
  const [warn, setWarn] = useState(false);
  useEffect(() => installLeaveGuard(), []);
  useEffect(() => {
    let ending = false;
    const tick = () => {
      const rest = idleDeadline(me.session.idleMinutes) - Date.now();
      if (rest <= 0 && !ending) {
        ending = true;
        void call('POST /auth/logout')
          .catch(() => undefined)
          .finally(() => endSession('idle'));
      }
      setWarn(rest > 0 && rest <= WARN_MS);
    };
    tick();
    const t = setInterval(tick, 5_000);
    return () => clearInterval(t);
  }, [me, endSession]);
  useEffect(() => {
    if (!warn) return;
    const keep = () => {
      setWarn(false);
      void call('GET /auth/me').catch(() => undefined);
    };
    window.addEventListener('keydown', keep, true);
    window.addEventListener('pointerdown', keep, true);
    return () => {
      window.removeEventListener('keydown', keep, true);
      window.removeEventListener('pointerdown', keep, true);
    };
  }, [warn]);
  if (!warn) return null;
  return (
    <div className="notice warn session-warning" role="alert">
      Сеанс завершится через минуту из-за бездействия. Нажмите любую клавишу или кнопку «Продолжить работу», чтобы остаться в системе;
      несохранённые изменения в любом случае останутся в браузере до следующего входа.{' '}
      <button type="button" className="secondary small-btn">
        Продолжить работу
      </button>
    </div>
  );
}

const pageTitle = (path: string) =>
  path.startsWith('/journal/lessons/') ? 'занятие' : path.startsWith('/journal/grid/') ? 'журнал группы' : 'страница';

/** Work typed earlier in this browser (a closed tab, an ended session) waits on its page to be saved. */
export function StoredDraftsNotice() {
  const { pathname } = useLocation();
  const [paths, setPaths] = useState<string[]>([]);
  useEffect(() => {
    const check = () => setPaths(storedDraftPaths().filter((p) => p !== pathname));
    check();
    const t = setInterval(check, 5_000);
    return () => clearInterval(t);
  }, [pathname]);
  if (!paths.length) return null;
  return (
    <div className="notice info no-print" role="status">
      В браузере есть несохранённые изменения. Откройте{' '}
      {paths.slice(0, 3).map((p, i) => (
        <span key={p}>
          {i > 0 && ', '}
          <Link to={p}>{pageTitle(p)}</Link>
        </span>
      ))}
      , чтобы они сохранились.
    </div>
  );
}
