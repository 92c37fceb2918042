import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ReportList } from '../../../../src/contracts/control-reports.js';
import type { PerformanceStats } from '../../../../src/contracts/performance.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { averageRu, countRu, dateLongRu, dateRu, dateTimeRu, NOUNS, numberRu, percentRu } from '../../format.js';
import { ErrorNotice, Loading } from '../../ui/index.js';

// Each role's home shows its duty (issue 12 item 7): the director's figures and reports, the
// corrections waiting for a decision, the commission's journals behind, a group's absences today
// and its debtors. Every panel reads the public API within the caller's reach and links to act.

const REQUEST: readonly [string, string, string] = ['заявка', 'заявки', 'заявок'];
const CURRENT = { query: {} };

/** The director's home: the college's figures for the current term beside the previous one (п. 2.8). */
export function CollegeFiguresPanel() {
  const q = useQuery({ queryKey: keyOf('GET /performance', CURRENT), queryFn: () => call('GET /performance', CURRENT) });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const r = q.data;
  const row = r.sections.college[0];
  const now = row?.stats ?? null;
  const before = row?.previous ?? null;
  const hours = (a: { excused: number; unexcused: number } | null | undefined) =>
    a ? `${numberRu(a.excused + a.unexcused)} (без уважительной причины — ${numberRu(a.unexcused)})` : '—';
  const lines: [string, (s: PerformanceStats | null) => string][] = [
    ['Абсолютная успеваемость', (s) => percentRu(s?.passRate)],
    ['Качество знаний', (s) => percentRu(s?.qualityRate)],
    ['Средний балл', (s) => averageRu(s?.average)],
    ['Обучающихся с итоговыми оценками', (s) => (s ? numberRu(s.n) : '—')],
  ];
  return (
    <section className="panel" aria-label="Показатели колледжа">
      <h2 style={{ marginTop: 0 }}>Показатели колледжа</h2>
      {!now?.n && <p className="small muted">За {r.period.title} итоговых оценок ещё нет: показатели появятся после аттестации.</p>}
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Показатель</th>
              <th scope="col">{r.period.title}</th>
              {r.previous && <th scope="col">{r.previous.title}</th>}
            </tr>
          </thead>
          <tbody>
            {lines.map(([label, f]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{f(now)}</td>
                {r.previous && <td>{f(before)}</td>}
              </tr>
            ))}
            <tr>
              <th scope="row">Пропуски, часов</th>
              <td>{hours(row?.absences)}</td>
              {r.previous && <td>{hours(row?.previousAbsences)}</td>}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="small">
        <Link to="/performance">Отчёт об успеваемости: группы, дисциплины, преподаватели →</Link>
      </p>
    </section>
  );
}

/** Where a kept report opens. */
function reportHref(r: ReportList['items'][number]): string | null {
  if (r.kind === 'weekly-check') return `/control/weekly/${r.id}`;
  if (r.kind.startsWith('fill')) return '/control/fill';
  if (r.kind.startsWith('performance')) return '/performance';
  if (r.kind.startsWith('activity')) return '/activity';
  return null;
}

/** The director's home: the latest reports kept (weekly checks, fill control) and end-of-term справки. */
export function LatestReportsPanel() {
  const me = useMe();
  const tz = me.organization.timeZone;
  const reports = useQuery({ queryKey: keyOf('GET /control/reports', CURRENT), queryFn: () => call('GET /control/reports', CURRENT) });
  const checks = useQuery({
    queryKey: keyOf('GET /control/term-checks', CURRENT),
    queryFn: () => call('GET /control/term-checks', CURRENT),
  });
  if (reports.isLoading || checks.isLoading) return <Loading />;
  const latest = reports.data?.items.slice(0, 5) ?? [];
  const spravki = checks.data?.items.slice(0, 3) ?? [];
  return (
    <section className="panel" aria-label="Последние отчёты">
      <h2 style={{ marginTop: 0 }}>Последние отчёты</h2>
      <ErrorNotice error={reports.error ?? checks.error} />
      {spravki.length > 0 && (
        <>
          <h3>Справки по итогам семестра</h3>
          <ul>
            {spravki.map((c) => (
              <li key={c.id}>
                <Link to={`/control/term-checks/${c.id}`}>{c.title}</Link>{' '}
                <span className="muted small">
                  — {c.madeBy}, {dateTimeRu(c.createdAt, tz)}; ознакомились {c.acknowledged} из {c.parts}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {latest.length > 0 && (
        <>
          <h3>Контроль журналов</h3>
          <ul>
            {latest.map((r) => {
              const href = reportHref(r);
              return (
                <li key={r.id}>
                  {href ? <Link to={href}>{r.title}</Link> : r.title}{' '}
                  <span className="muted small">
                    — {r.madeBy ?? 'составлен по расписанию'}, {dateTimeRu(r.createdAt, tz)}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {latest.length === 0 && spravki.length === 0 && <p>Отчётов ещё нет.</p>}
      <p className="small actions">
        <Link to="/control/weekly">Еженедельный контроль</Link>
        <Link to="/control/term-checks">Итоги семестра</Link>
        <Link to="/performance">Успеваемость</Link>
        {can(me, 'activity:read') && <Link to="/activity">Активность</Link>}
      </p>
    </section>
  );
}

/** Those who decide on late corrections (the deputy): how many wait for a decision. */
export function CorrectionsHomePanel() {
  const req = { query: { status: 'pending' as const } };
  const q = useQuery({ queryKey: keyOf('GET /journal/corrections', req), queryFn: () => call('GET /journal/corrections', req) });
  if (!q.data?.canDecide) return <ErrorNotice error={q.error} />;
  const n = q.data.items.length;
  return (
    <section className="panel" aria-label="Исправления на утверждение">
      <h2 style={{ marginTop: 0 }}>Исправления на утверждение</h2>
      <p>{n ? <>Ждут решения: {countRu(n, REQUEST)}.</> : 'Заявок, ждущих решения, нет.'}</p>
      <p className="small">
        <Link to="/journal/corrections">{n ? 'Рассмотреть заявки →' : 'Все заявки'}</Link>
      </p>
    </section>
  );
}

/** The ПЦК chair's home: the commission's journals behind over the term. */
export function BehindHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/home/behind'), queryFn: () => call('GET /control/home/behind') });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const d = q.data;
  return (
    <section className="panel" aria-label="Отстающие журналы">
      <h2 style={{ marginTop: 0 }}>Отстающие журналы ПЦК</h2>
      {d.lessons === 0 ? (
        <p>Все прошедшие занятия семестра записаны.</p>
      ) : (
        <>
          <p>
            Не записано {countRu(d.lessons, NOUNS.lesson)} за {d.term.label}, прошедших по звонкам.
          </p>
          <ul>
            {d.items.slice(0, 15).map((x) => (
              <li key={`${x.assignmentId}:${x.teacher.personId}`}>
                <Link to={`/journal/lessons/${x.firstLessonId}`}>
                  {x.teacher.name} · {x.group} · {x.subject}
                </Link>{' '}
                — {countRu(x.missing, NOUNS.lesson)}, первое {dateRu(x.firstDate)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="small actions">
        <Link to="/control/fill">Контроль заполнения</Link>
        <Link to="/control/remarks">Замечания</Link>
      </p>
    </section>
  );
}

const missed = (t: { students: number; hours: number }) =>
  t.hours ? `${countRu(t.students, NOUNS.student)}, ${countRu(t.hours, NOUNS.hour)}` : 'пропусков нет';

/** The curator's and the specialist's home: who is absent today, and the week's absences by group. */
export function AbsencesHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/home/absences'), queryFn: () => call('GET /control/home/absences') });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const d = q.data;
  return (
    <section className="panel" aria-label="Пропуски сегодня">
      <h2 style={{ marginTop: 0 }}>Отсутствуют сегодня, {dateLongRu(d.today)}</h2>
      {d.absentToday.length === 0 ? (
        <p>Сегодня пропусков не отмечено.</p>
      ) : (
        <ul>
          {d.absentToday.map((a) => (
            <li key={a.studentId}>
              <Link to={`/students/${a.studentId}`}>{a.fullName}</Link> <span className="muted small">({a.group})</span> —{' '}
              {a.lessons.map((l) => `${l.pairNo ? `${l.pairNo} пара, ` : ''}${l.subject}: «${l.value}»`).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {d.groups.length > 0 && (
        <>
          <h3>Пропуски по группам с понедельника {dateRu(d.weekFrom)}</h3>
          <ul aria-label="Пропуски по группам">
            {d.groups.map((g) => (
              <li key={g.groupId}>
                <Link to={`/journal/excuses?group=${g.groupId}`}>Группа {g.name}</Link>: сегодня — {missed(g.today)}; за неделю —{' '}
                {missed(g.week)}
                {g.week.hours > 0 && `, без уважительной причины — ${countRu(g.week.unexcused, NOUNS.hour)}`}.
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The curator's home: students with a debt for the last term that has ended. */
export function DebtorsHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/home/debtors'), queryFn: () => call('GET /control/home/debtors') });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const d = q.data;
  if (!d.term) return null;
  return (
    <section className="panel" aria-label="Должники">
      <h2 style={{ marginTop: 0 }}>Должники · {d.term.title}</h2>
      {d.groups.length === 0 && <p>За этот семестр у ваших групп не было дисциплин.</p>}
      {d.groups.map((g) => (
        <div key={g.groupId}>
          <h3>
            Группа {g.name}: {g.debtors.length ? `${g.debtors.length} из ${countRu(g.students, NOUNS.student)}` : 'задолженностей нет'}
          </h3>
          {g.debtors.length > 0 && (
            <ul>
              {g.debtors.map((s) => (
                <li key={s.studentId}>
                  <Link to={`/students/${s.studentId}`}>{s.fullName}</Link> —{' '}
                  {s.debts.map((x) => `${x.code} ${x.name}: ${x.value ?? 'нет итоговой оценки'}`).join('; ')}
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <Link to={`/performance/groups/${g.groupId}?termId=${d.term!.id}`}>Сводная ведомость группы {g.name} →</Link>
          </p>
        </div>
      ))}
    </section>
  );
}
