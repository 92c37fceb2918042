import { NavLink, Outlet } from 'react-router';
import { useAuth, useMe } from './auth.js';
import { NAV } from './nav.js';
import { SessionWatch, StoredDraftsNotice } from './session-watch.js';
import { confirmLeave } from './unsaved.js';

export function Layout() {
  const me = useMe();
  const { logout } = useAuth();
  return (
    <>
      <header className="app-header">
        <NavLink to="/" className="brand">ЭЖ · {me.organization.shortName}</NavLink>
        <nav aria-label="Разделы">
          {NAV.filter((n) => n.visible(me)).map((n) => (
            <NavLink key={n.to} to={n.to} end={n.to === '/'}>{n.label}</NavLink>
          ))}
        </nav>
        <div className="who">
          <NavLink to="/password" title="Сменить пароль"><span className="name">{me.person.lastName} {me.person.firstName[0]}.</span></NavLink>
          <button type="button" onClick={() => { if (confirmLeave()) void logout(); }}>Выйти</button>
        </div>
      </header>
      <SessionWatch />
      <main>
        <StoredDraftsNotice />
        <Outlet />
      </main>
    </>
  );
}
