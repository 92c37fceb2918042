import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { ErrorNotice } from '../../ui/index.js';

/** The curator's group, first thing on the home page (UX.md: the group page is the curator's home). */
export function CuratorPanel() {
  const me = useMe();
  const groups = me.roles.find((r) => r.role === 'curator')?.scope ?? [];
  const usage = useQuery({ queryKey: keyOf('GET /usage'), queryFn: () => call('GET /usage') });
  return (
    <section className="panel" aria-label="Моя группа">
      <h2 style={{ marginTop: 0 }}>{groups.length > 1 ? 'Мои группы' : 'Моя группа'}</h2>
      <ErrorNotice error={usage.error} />
      <div className="cards">
        {groups.map((g) => {
          const u = usage.data?.find((x) => x.groupId === g.id);
          return (
            <div className="card" key={g.id}>
              <h3>
                <Link to={`/groups/${g.id}`}>Группа {g.name}</Link>
              </h3>
              {u && (
                <p className="small">
                  Обучающихся: {u.students}. Входили в журнал: обучающихся — {u.studentsLoggedIn} из {u.students}, родителей —{' '}
                  {u.guardiansLoggedIn} из {u.guardians}.
                  {u.noLogin > 0 && (
                    <>
                      {' '}
                      <span className="badge warn">без доступа: {u.noLogin}</span>
                    </>
                  )}
                </p>
              )}
              <Link className="button" to={`/groups/${g.id}`}>
                Открыть группу
              </Link>
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** The administrator's shortcuts: the start of the year and pending approvals. */
export function AdminPeoplePanel() {
  const req = { query: { status: 'pending' as const } };
  const pending = useQuery({ queryKey: keyOf('GET /contact-changes', req), queryFn: () => call('GET /contact-changes', req) });
  return (
    <section className="panel" aria-label="Люди и группы">
      <h2 style={{ marginTop: 0 }}>Люди и группы</h2>
      <div className="actions">
        <Link className="button" to="/start-of-year">
          Начало года: импорт, доступ, переход
        </Link>
        <Link className="button secondary" to="/students">
          Обучающиеся
        </Link>
        <Link className="button secondary" to="/usage">
          Вход в журнал
        </Link>
        <Link className="button secondary" to="/contact-changes">
          {pending.data?.total ? `Изменения контактов на утверждение: ${pending.data.total}` : 'Изменения контактов'}
        </Link>
        <Link className="button secondary" to="/view-log">
          Просмотры персональных данных
        </Link>
      </div>
    </section>
  );
}
