import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth, useMe } from './auth.js';
import { NAV } from './nav.js';
import { useHelpSection } from './page-title.js';
import { HelpLink } from './pages/help/help-link.js';
import { Bell } from './pages/notify/index.js';
import { SessionWatch, StoredDraftsNotice } from './session-watch.js';
import { Loading } from './ui/index.js';
import { confirmLeave } from './unsaved.js';

export function Layout() {
  const me = useMe();
  const { logout } = useAuth();
  const help = useHelpSection();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useMainFocus();
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Перейти к содержанию
      </a>
      <header className={`app-header${menuOpen ? ' open' : ''}`}>
        <NavLink to="/" className="brand">
          ЭЖ · {me.organization.shortName}
        </NavLink>
        <Bell />
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Меню
        </button>
        <div className="app-menu" id="app-menu" onClick={(e) => (e.target as HTMLElement).closest('a') && setMenuOpen(false)}>
          <nav aria-label="Разделы">
            {NAV.filter((n) => n.visible(me)).map((n) => (
              <NavLink key={n.to} to={n.to} end={n.to === '/'}>
                {n.label}
                {n.Badge && <n.Badge />}
              </NavLink>
            ))}
          </nav>
          <div className="who">
            <HelpLink section={help} />
            <NavLink to="/password" title="Сменить пароль">
              <span className="name">
                {me.person.lastName} {me.person.firstName[0]}.
              </span>
            </NavLink>
            <button
              type="button"
              onClick={() => {
                if (confirmLeave()) void logout();
              }}
            >
              Выйти
            </button>
          </div>
        </div>
      </header>
      <SessionWatch />
      <main id="main" tabIndex={-1} ref={main}>
        <StoredDraftsNotice />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/**
 * After a move to another page the keyboard goes on in the page, not in the menu left behind:
 * the page's own first control takes the focus when it marks one (ui `focusOnMount`), else the
 * main region does. A freshly loaded page keeps the browser's start, so its first Tab is the
 * skip link.
 */
function useMainFocus() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    if (main.current && !main.current.contains(document.activeElement)) main.current.focus({ preventScroll: true });
  }, [pathname]);
  return main;
}
