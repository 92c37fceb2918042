import { NavLink, Outlet } from 'react-router';
import { useAuth, useMe } from './auth.js';
import { NAV } from './nav.js';
import { useHelpSection } from './page-title.js';
import { HelpLink } from './pages/help/help-link.js';

export function Layout() {
  const me = useMe();
  const { logout } = useAuth();
  const help = useHelpSection();
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
          <HelpLink section={help} />
          <NavLink to="/password" title="Сменить пароль"><span className="name">{me.person.lastName} {me.person.firstName[0]}.</span></NavLink>
          <button type="button" onClick={() => void logout()}>Выйти</button>
        </div>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
