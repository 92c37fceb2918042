import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { ActivityReport } from '../../../../src/contracts/activity.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { countRu, dateRu, shareRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { KeptReports } from './kept-reports.js';

// The monthly activity report (п. 6.1, 3.7): who uses the journal and how it is kept.

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const monthTitle = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const word = (n: number, one: string, few: string, many: string) => countRu(n, [one, few, many]);
const pct = (n: number, of: number) => (of ? shareRu(n / of) : '—');

const useActivity = (month: string | null) => {
  const query = { month: month ?? undefined };
  return useQuery({ queryKey: keyOf('GET /activity', { query }), queryFn: () => call('GET /activity', { query }) });
};

export function ActivityPage() {
  usePageTitle('Активность', 'admin-activity');
  const [params, setParams] = useSearchParams();
  const month = params.get('month');
  const q = useActivity(month);
  const r = q.data;
  const shown = month ?? r?.month ?? '';
  return (
    <>
      <h1>Активность пользователей</h1>
      <p className="muted">
        Входы и действия по ролям, своевременность записи занятий преподавателями, вход обучающихся и родителей по группам (п. 6.1, 3.7
        Положения).
      </p>
      <div className="actions">
        <label className="inline">
          Месяц <input type="month" value={shown} onChange={(e) => e.target.value && setParams({ month: e.target.value })} />
        </label>
        {r && (
          <a className="button secondary" href={hrefOf('GET /activity.xlsx', { query: { month: r.month } })} download>
            Скачать XLSX
          </a>
        )}
      </div>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {r && <Report r={r} />}
      <KeptReports title="Сохранённые отчёты за месяцы" kinds={['activity-month']} to={(x) => `/activity?month=${x.period}`} />
    </>
  );
}

function Report({ r }: { r: ActivityReport }) {
  const l = r.summary.lessons;
  return (
    <>
      <h2>
        {monthTitle(r.month)}
        {r.through < r.to && <span className="muted small"> (по {dateRu(r.through)})</span>}
      </h2>
      <div className="cards">
        <div className="card">
          <h3>Входы</h3>
          <p>
            {word(r.summary.logins, 'вход', 'входа', 'входов')}; входили{' '}
            {word(r.summary.activeUsers, 'пользователь', 'пользователя', 'пользователей')}
          </p>
        </div>
        <div className="card">
          <h3>Действия</h3>
          <p>{r.summary.actions} (изменения в журнале аудита и отметки)</p>
        </div>
        <div className="card">
          <h3>Запись занятий</h3>
          <p>
            в день занятия: {l.onTime} из {l.lessons} ({pct(l.onTime, l.lessons)}); позже: {l.late}; не записано: {l.missing}
          </p>
        </div>
      </div>

      <h2>По ролям</h2>
      <p className="muted small">Человек с несколькими ролями учитывается в каждой.</p>
      {r.roles.length === 0 ? (
        <Empty>Пользователей нет.</Empty>
      ) : (
        <DataTable
          caption="По ролям"
          captionHidden
          rows={r.roles}
          rowKey={(x) => x.role}
          columns={[
            { key: 'role', title: 'Роль', cell: (x) => x.title },
            { key: 'users', title: 'Пользователей', cell: (x) => x.users },
            { key: 'active', title: 'Входили', cell: (x) => `${x.activeUsers} (${pct(x.activeUsers, x.users)})` },
            { key: 'logins', title: 'Входов', cell: (x) => x.logins },
            { key: 'actions', title: 'Действий', cell: (x) => x.actions },
          ]}
        />
      )}

      <h2>Преподаватели: запись занятий</h2>
      <p className="muted small">
        «В день занятия» — тема записана в тот же день; занятия сегодняшнего дня без записи ещё не считаются пропущенными.
      </p>
      {r.teachers.length === 0 ? (
        <Empty>Занятий за месяц нет.</Empty>
      ) : (
        <DataTable
          caption="Преподаватели: запись занятий"
          captionHidden
          rows={r.teachers}
          rowKey={(t) => t.personId}
          columns={[
            { key: 'name', title: 'Преподаватель', cell: (t) => t.fullName },
            { key: 'lessons', title: 'Занятий', cell: (t) => t.lessons },
            { key: 'onTime', title: 'В день занятия', cell: (t) => `${t.onTime} (${pct(t.onTime, t.lessons)})` },
            { key: 'late', title: 'Позже', cell: (t) => t.late },
            { key: 'missing', title: 'Не записано', cell: (t) => (t.missing ? <span className="badge warn">{t.missing}</span> : '—') },
          ]}
        />
      )}

      <h2>Группы: вход обучающихся и родителей</h2>
      {r.groups.length === 0 ? (
        <Empty>Групп нет.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Группа</th>
                <th>Обучающиеся: входили за месяц</th>
                <th>ни разу не входили</th>
                <th>Родители: входили за месяц</th>
                <th>ни разу не входили</th>
                <th>Кто не входил</th>
              </tr>
            </thead>
            <tbody>
              {r.groups.map((g) => (
                <tr key={g.groupId}>
                  <td>
                    <Link to={`/usage/${g.groupId}`}>{g.groupName}</Link>
                  </td>
                  <td>
                    {g.studentsLoggedIn} из {g.students}
                  </td>
                  <td>{g.studentsNever || '—'}</td>
                  <td>
                    {g.guardiansLoggedIn} из {g.guardians}
                  </td>
                  <td>{g.guardiansNever || '—'}</td>
                  <td className="small">
                    {g.never.length === 0 ? (
                      '—'
                    ) : (
                      <details>
                        <summary>{word(g.never.length, 'человек', 'человека', 'человек')}</summary>
                        <ul>
                          {g.never.map((n) => (
                            <li key={`${n.kind}-${n.personId}`}>
                              {n.fullName}
                              {n.kind === 'guardian' ? ` (родитель: ${n.studentName})` : ''}
                              {n.hasLogin ? '' : ' — логин не выдан'}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The administrator's home: last month's figures and the way to the report. */
export function ActivityHomePanel() {
  const q = useActivity(null);
  const r = q.data;
  return (
    <section className="panel" aria-label="Активность пользователей">
      <h2 style={{ marginTop: 0 }}>Активность пользователей{r ? `: ${monthTitle(r.month)}` : ''}</h2>
      <ErrorNotice error={q.error} />
      {r && (
        <p>
          {word(r.summary.logins, 'вход', 'входа', 'входов')}, входили{' '}
          {word(r.summary.activeUsers, 'пользователь', 'пользователя', 'пользователей')}. Занятий записано в день занятия:{' '}
          {r.summary.lessons.onTime} из {r.summary.lessons.lessons}, не записано: {r.summary.lessons.missing}.
        </p>
      )}
      <Link className="button secondary" to="/activity">
        Отчёт об активности
      </Link>
    </section>
  );
}
