import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Me } from '../../src/contracts/auth.js';
import type { Permission } from '../../src/domain/permissions.js';
import type { Role } from '../../src/domain/roles.js';
import { ApiError, get, post, setCsrfToken, setOnUnauthorized } from './api.js';

interface AuthState {
  me: Me | null;
  loading: boolean;
  setMe(me: Me | null): void;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const setMe = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? '');
    setMeState(m);
  }, []);
  const refresh = useCallback(async () => {
    try {
      setMe(await get<Me>('/auth/me'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else throw e;
    } finally {
      setLoading(false);
    }
  }, [setMe]);
  useEffect(() => {
    setOnUnauthorized(() => setMe(null));
    void refresh();
  }, [refresh, setMe]);
  const logout = useCallback(async () => {
    try {
      await post('/auth/logout');
    } finally {
      setMe(null);
    }
  }, [setMe]);
  return <AuthContext.Provider value={{ me, loading, setMe, logout, refresh }}>{children}</AuthContext.Provider>;
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
