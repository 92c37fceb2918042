import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link } from 'react-router';
import type { Me } from '../../../src/contracts/auth.js';
import type { Role } from '../../../src/domain/roles.js';
import { call, keyOf } from '../api.js';
import { can, hasRole, useMe } from '../auth.js';
import { dateLongRu, dateRu } from '../format.js';
import { HOME_PANELS } from '../home-panels.js';
import { NAV } from '../nav.js';
import { ErrorNotice, Loading } from '../ui/index.js';
import { usePageTitle, type HelpSection } from '../page-title.js';

/** What each role may do, in the words of the regulation. */
const ROLE_DUTIES: Record<Role, string> = {
  admin:
    'Ведёт пользователей и их учётные данные, группы, движение обучающихся; следит за входом и активностью пользователей (п. 3.1, 3.2, 3.4, 3.7).',
  director:
    'Просматривает все журналы колледжа без права изменения, показатели успеваемости и отчёты о контроле журналов; заверяет печатный журнал (п. 3.10).',
  deputy:
    'Контролирует ведение журналов: заполнение, замечания, еженедельный контроль, итоги семестра; ведёт план внутриколледжного контроля (п. 2.12) и утверждает исправления оценок (п. 5.2–5.4).',
  methodist: 'Ведёт расписание и замены, ежедневно контролирует заполнение журналов (п. 3.11).',
  chair: 'Просматривает журналы дисциплин своей ПЦК, следит за их заполнением, пишет замечания и согласует КТП.',
  specialist: 'Просматривает сведения, нужные для своего направления работы, без права изменения.',
  curator:
    'Отвечает за данные своей группы, контакты родителей, выдачу доступа обучающимся и родителям; учитывает пропуски и справки (п. 3.12).',
  teacher: 'Заполняет журнал в день занятия: тему, задание, оценки и пропуски; ведёт КТП своей нагрузки (п. 3.13).',
  student: 'Видит свои оценки, пропуски, домашние задания и расписание (п. 2.3).',
  guardian: 'Видит оценки, пропуски и задания своих детей (п. 2.6).',
  observer:
    'Видит сводные показатели колледжей региона по семестрам и годам: успеваемость, качество знаний, средний балл, пропуски, заполнение журнала, вход родителей — по колледжам, группам и курсам, без сведений об отдельных людях.',
  regional_admin:
    'Создаёт колледжи региона, назначает их первых администраторов журнала, приостанавливает и возобновляет работу колледжа (п. 1.4–1.5); следит за резервными копиями установки (п. 3.3). Данных обучающихся не видит.',
};

/** The guide's section for the home page: that of the first role whose daily work it shows. */
const ROLE_HELP: [Role, HelpSection][] = [
  ['teacher', 'teacher'],
  ['curator', 'curator'],
  ['methodist', 'methodist'],
  ['admin', 'admin'],
  ['deputy', 'deputy'],
  ['director', 'director'],
  ['chair', 'chair'],
  ['specialist', 'specialist'],
  ['student', 'family'],
  ['guardian', 'family'],
  ['regional_admin', 'region'],
];
const homeHelp = (me: Me): HelpSection => ROLE_HELP.find(([r]) => hasRole(me, r))?.[1] ?? 'start';

/** The college's summary is for those who read the people of the whole college or of a direction across it, not of one group or class. */
const seesCollege = (me: Me) =>
  can(me, 'organization:read') && !!me.abilities['people:read']?.some((s) => s === 'org' || s === 'direction');

export function HomePage() {
  const me = useMe();
  usePageTitle('Главная', homeHelp(me));
  const links = NAV.filter((n) => n.to !== '/' && n.visible(me));
  return (
    <>
      <h1>
        Здравствуйте, {me.person.firstName} {me.person.middleName ?? ''}
      </h1>
      <p className="muted">
        {me.organization.shortName} · {me.person.fullName}
      </p>
      {seesCollege(me) && <OrganizationSummary />}
      {can(me, 'region:read') && <RegionSummary />}
      {HOME_PANELS.filter((p) => p.visible(me)).map((p) => (
        <div key={p.key}>
          <Suspense fallback={<Loading />}>{p.element}</Suspense>
        </div>
      ))}
      <h2>Ваши роли</h2>
      <div className="cards">
        {me.roles.map((r) => (
          <section className="card" key={r.role} aria-label={r.title}>
            <h3>{r.title}</h3>
            <p className="small">{ROLE_DUTIES[r.role]}</p>
            {r.scope.length > 0 && <ScopeList role={r} />}
          </section>
        ))}
        {me.roles.length === 0 && <p className="muted">Роли не назначены. Обратитесь к администратору журнала.</p>}
      </div>
      {links.length > 0 && (
        <>
          <h2>Разделы</h2>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{l.label}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ScopeList({ role }: { role: Me['roles'][number] }) {
  const label =
    role.role === 'curator' ? 'Группы' : role.role === 'guardian' ? 'Дети' : role.role === 'specialist' ? 'Направление работы' : 'ПЦК';
  return (
    <p className="small">
      <strong>{label}:</strong> {role.scope.map((s) => s.name).join(', ')}
    </p>
  );
}

function OrganizationSummary() {
  const q = useQuery({ queryKey: keyOf('GET /organization'), queryFn: () => call('GET /organization') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const o = q.data!;
  return (
    <section className="panel" aria-label="Колледж">
      <strong>Сегодня {dateLongRu(o.today)}</strong>
      <div className="muted small">
        {o.currentYear ? `Учебный год ${o.currentYear.name}` : 'Учебный год не открыт'}
        {o.currentTerm ? `, ${o.currentTerm.number}-й семестр (${dateRu(o.currentTerm.startDate)} – ${dateRu(o.currentTerm.endDate)})` : ''}
      </div>
      <div className="cards" style={{ marginTop: '0.6rem' }}>
        <div className="card">
          <div className="muted small">Групп</div>
          <strong>{o.counts.groups}</strong>
        </div>
        <div className="card">
          <div className="muted small">Обучающихся</div>
          <strong>{o.counts.students}</strong>
        </div>
        <div className="card">
          <div className="muted small">Сотрудников</div>
          <strong>{o.counts.staff}</strong>
        </div>
      </div>
    </section>
  );
}

function RegionSummary() {
  const q = useQuery({ queryKey: keyOf('GET /region/organizations'), queryFn: () => call('GET /region/organizations') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return (
    <section className="panel" aria-label="Регион">
      <h2 style={{ marginTop: 0 }}>Колледжи региона: {q.data!.region}</h2>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Колледж</th>
              <th scope="col">Групп</th>
              <th scope="col">Обучающихся</th>
            </tr>
          </thead>
          <tbody>
            {q.data!.organizations.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{o.groups}</td>
                <td>{o.students}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
