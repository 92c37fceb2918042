import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Me } from '../../src/contracts/auth.js';
import type { Permission } from '../../src/domain/permissions.js';
import type { Role } from '../../src/domain/roles.js';
import { ApiError, call, setCsrfToken, setOnUnauthorized } from './api.js';
import { keepFormsNow, lastActivity, setDraftUser } from './unsaved.js';

/** Why the session ended, for the login form: the idle timeout, or anything else (revoked, expired). */
export type SessionEnd = 'idle' | 'ended';

interface AuthState {
  me: Me | null;
  loading: boolean;
  ended: SessionEnd | null;
  setMe(me: Me | null): void;
  logout(): Promise<void>;
  /** The session is over (the idle timeout passed, or the server answered 401): show the login form. */
  endSession(why: SessionEnd): void;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Whether the idle timeout has (about) passed: the server counts from the last request it saw. */
export const idleDeadline = (idleMinutes: number) => lastActivity() + idleMinutes * 60_000;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const meRef = useRef<Me | null>(null);
  const setMe = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? '');
    if (m) {
      setDraftUser(m.user.id);
      setEnded(null);
    }
    meRef.current = m;
    setMeState(m);
  }, []);
  const endSession = useCallback(
    (why: SessionEnd) => {
      if (!meRef.current) return;
      keepFormsNow();
      setEnded(why);
      setMe(null);
    },
    [setMe],
  );
  const refresh = useCallback(async () => {
    try {
      setMe(await call('GET /auth/me'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else throw e;
    } finally {
      setLoading(false);
    }
  }, [setMe]);
  useEffect(() => {
    setOnUnauthorized(() => {
      const m = meRef.current;
      // A minute of slack: the server may have seen the last request a little earlier than we did.
      if (m) endSession(Date.now() >= idleDeadline(m.session.idleMinutes) - 60_000 ? 'idle' : 'ended');
    });
    void refresh();
  }, [refresh, endSession]);
  const logout = useCallback(async () => {
    try {
      await call('POST /auth/logout');
    } finally {
      setMe(null);
    }
  }, [setMe]);
  return <AuthContext.Provider value={{ me, loading, ended, setMe, logout, endSession, refresh }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (inside the authenticated part of the app). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}

export const hasRole = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r.role));
export const can = (me: Me, permission: Permission) => !!me.abilities[permission]?.length;
