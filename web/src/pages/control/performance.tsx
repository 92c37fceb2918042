import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  PERFORMANCE_SECTIONS,
  type PerformanceRow,
  type PerformanceSection,
  type PerformanceStats,
} from '../../../../src/contracts/performance.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { numberRu, percentRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { KeptReports } from './kept-reports.js';
import { AbsencesByWeekChart, RatesByGroupChart, TrendChart } from './performance-charts.js';

// «Успеваемость» (п. 2.8, 6.2): rates of a term or a year in the caller's reach, with the
// previous period beside them, charts, and the curator's сводная ведомость.

const SECTION_TITLES: Record<PerformanceSection, string> = {
  college: 'Колледж',
  departments: 'Отделения',
  commissions: 'ПЦК',
  groups: 'Группы',
  subjects: 'Дисциплины',
  teachers: 'Преподаватели',
  students: 'Обучающиеся',
};
const pct = percentRu;
const NO_GRADES_YET =
  'За этот период итоговые оценки ещё не выставлены. Отчёт появится, когда преподаватели выставят оценки за семестр в ведомостях.';
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : numberRu(x));

function Pair({ now, before, fmt }: { now: number | null; before: number | null | undefined; fmt: (x: number | null) => string }) {
  const delta = now !== null && before !== null && before !== undefined ? now - before : null;
  return (
    <>
      {fmt(now)}
      {before !== undefined && (
        <div className="small muted" title="В прошлом периоде">
          было {fmt(before)}
          {delta !== null && delta !== 0 && <span className={delta > 0 ? 'up' : 'down'}> {delta > 0 ? '▲' : '▼'}</span>}
        </div>
      )}
    </>
  );
}

function Table({ rows, section }: { rows: PerformanceRow[]; section: PerformanceSection }) {
  if (!rows.length) return <Empty>За этот период нет итоговых оценок в этом разделе.</Empty>;
  const prev = (r: PerformanceRow, k: keyof PerformanceStats) => (r.previous ? (r.previous[k] as number | null) : undefined);
  return (
    <div className="table-wrap">
      <table className="list">
        <thead>
          <tr>
            <th>{SECTION_TITLES[section]}</th>
            <th title="Обучающихся в расчёте">N</th>
            <th>Успеваемость</th>
            <th>Качество знаний</th>
            <th>Средний балл</th>
            <th>СОУ</th>
            <th>Пропуски, ч: уваж. / неуваж.</th>
            {section === 'students' && <th>Долги</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>
                {r.sheetGroupId ? <Link to={`/performance/groups/${r.sheetGroupId}`}>{r.name}</Link> : r.name}
                {r.note && <div className="small muted">{r.note}</div>}
              </td>
              <td>{r.stats.n}</td>
              <td>
                <Pair now={r.stats.passRate} before={prev(r, 'passRate')} fmt={pct} />
              </td>
              <td>
                <Pair now={r.stats.qualityRate} before={prev(r, 'qualityRate')} fmt={pct} />
              </td>
              <td>
                <Pair now={r.stats.average} before={prev(r, 'average')} fmt={num} />
              </td>
              <td>
                <Pair now={r.stats.learningDegree} before={prev(r, 'learningDegree')} fmt={pct} />
              </td>
              <td>
                {r.absences.excused} / {r.absences.unexcused}
                {r.previousAbsences && (
                  <div className="small muted">
                    было {r.previousAbsences.excused} / {r.previousAbsences.unexcused}
                  </div>
                )}
              </td>
              {section === 'students' && <td>{r.debts.length ? <span className="badge danger">{r.debts.join(', ')}</span> : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PerformancePage() {
  usePageTitle('Успеваемость', 'performance');
  const [params, setParams] = useSearchParams();
  const period = { termId: Number(params.get('termId')) || undefined, yearId: Number(params.get('yearId')) || undefined };
  const [section, setSection] = useState<PerformanceSection>('groups');
  const q = useQuery({
    queryKey: keyOf('GET /performance', { query: period }),
    queryFn: () => call('GET /performance', { query: period }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const r = q.data!;
  const years = [...new Map(r.terms.map((t) => [t.yearId, t.yearName])).entries()];
  const value = `${r.period.kind === 'term' ? 't' : 'y'}${r.period.id}`;
  const query = r.period.kind === 'term' ? { termId: r.period.id } : { yearId: r.period.id };
  const college = r.sections.college[0];
  const sections = PERFORMANCE_SECTIONS.filter((s) => s !== 'college' && r.sections[s].length);
  const shown = sections.includes(section) ? section : sections[0];
  return (
    <>
      <h1>Успеваемость</h1>
      <p className="muted small">
        {r.whole ? 'По всему колледжу.' : 'По вашим группам, дисциплинам и нагрузке.'} Успеваемость — доля обучающихся без «2», «не зачтено»
        и «н/а»; качество знаний — только с «4» и «5»; СОУ по В. П. Симонову. Освобождённые и выбывшие до конца периода в расчёт не входят.
      </p>
      <div className="row" style={{ display: 'flex', gap: '1rem', alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <div style={{ maxWidth: 320 }}>
          <label htmlFor="perf-period">Период</label>
          <select
            id="perf-period"
            value={value}
            onChange={(e) => {
              const v = e.target.value;
              setParams(v.startsWith('t') ? { termId: v.slice(1) } : { yearId: v.slice(1) });
            }}
          >
            {years.map(([id, name]) => (
              <optgroup key={id} label={`${name} учебный год`}>
                <option value={`y${id}`}>Весь {name} учебный год</option>
                {r.terms
                  .filter((t) => t.yearId === id)
                  .map((t) => (
                    <option key={t.id} value={`t${t.id}`}>
                      {t.title}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <a className="button secondary" href={hrefOf('GET /performance.xlsx', { query })} download>
          Скачать Excel
        </a>
        <a className="button secondary" href={hrefOf('GET /performance.pdf', { query })} download>
          Скачать PDF
        </a>
      </div>
      <p>
        {r.period.title}
        {r.previous && <span className="muted"> · «было» — {r.previous.title}</span>}
      </p>
      {!college ? (
        <Empty>{NO_GRADES_YET}</Empty>
      ) : !college.stats.n ? (
        // Absences are counted from the first day; the rates only once term grades are set.
        <>
          <Empty>{NO_GRADES_YET}</Empty>
          <section className="panel" aria-label="Пропуски">
            <strong>{college.name}</strong>
            <p>
              Пропущено {college.absences.excused + college.absences.unexcused} ч, из них без уважительной причины{' '}
              {college.absences.unexcused} ч.
            </p>
          </section>
          <AbsencesByWeekChart weeks={r.absencesByWeek} />
        </>
      ) : (
        <>
          <section className="panel" aria-label="Итог">
            <strong>{college.name}</strong>
            <p>
              Успеваемость {pct(college.stats.passRate)} · качество знаний {pct(college.stats.qualityRate)} · средний балл{' '}
              {num(college.stats.average)} · СОУ {pct(college.stats.learningDegree)} · в расчёте {college.stats.n} · пропущено{' '}
              {college.absences.excused + college.absences.unexcused} ч, из них без уважительной причины {college.absences.unexcused} ч
            </p>
          </section>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem' }}>
            <RatesByGroupChart rows={r.sections.groups} />
            <TrendChart trend={r.trend} />
            <AbsencesByWeekChart weeks={r.absencesByWeek} />
          </div>
          <div className="tabs" role="tablist" aria-label="Разделы отчёта">
            {sections.map((s) => (
              <button key={s} type="button" role="tab" className="secondary" aria-selected={s === shown} onClick={() => setSection(s)}>
                {SECTION_TITLES[s]}
              </button>
            ))}
          </div>
          {shown && <Table rows={r.sections[shown]} section={shown} />}
        </>
      )}
      <KeptReports
        title="Сохранённые отчёты по итогам семестров и учебных лет"
        kinds={['performance-term', 'performance-year']}
        to={(x) => `/performance?${x.kind === 'performance-year' ? 'yearId' : 'termId'}=${x.period}`}
      />
    </>
  );
}

/** The curator's сводная ведомость: each student's result in every subject of the term, debtors marked. */
export function GroupSheetPage() {
  usePageTitle('Сводная ведомость', 'performance');
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const termId = Number(params.get('termId')) || undefined;
  const req = { params: { id }, query: { termId } };
  const q = useQuery({
    queryKey: keyOf('GET /performance/groups/:id/sheet', req),
    queryFn: () => call('GET /performance/groups/:id/sheet', req),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const s = q.data!;
  const file = { params: { id: s.group.id }, query: { termId: s.period.id } };
  const debtors = s.students.filter((x) => x.debts.length).length;
  return (
    <>
      <p className="small">
        <Link to={`/performance?termId=${s.period.id}`}>← Успеваемость</Link>
      </p>
      <h1>Сводная ведомость группы {s.group.name}</h1>
      {s.stats.n ? (
        <p>
          {s.period.title}. Успеваемость {pct(s.stats.passRate)}, качество знаний {pct(s.stats.qualityRate)}, средний балл{' '}
          {num(s.stats.average)}, СОУ {pct(s.stats.learningDegree)}. {debtors ? `Должников: ${debtors}.` : 'Должников нет.'}
        </p>
      ) : (
        <p>{s.period.title}. Итоговые оценки за этот период ещё не выставлены.</p>
      )}
      <p>
        <a className="button secondary" href={hrefOf('GET /performance/groups/:id/sheet.xlsx', file)} download>
          Скачать Excel
        </a>{' '}
        <a className="button secondary" href={hrefOf('GET /performance/groups/:id/sheet.pdf', file)} download>
          Скачать PDF
        </a>
      </p>
      {!s.students.length ? (
        <Empty>В группе нет обучающихся на конец семестра.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Обучающийся</th>
                {s.subjects.map((x) => (
                  <th key={x.key} title={`${x.name} (${x.teacherName})`}>
                    {x.code}
                  </th>
                ))}
                <th>Пропуски, ч: уваж. / неуваж.</th>
                <th>Долги</th>
              </tr>
            </thead>
            <tbody>
              {s.students.map((st) => (
                <tr key={st.studentId}>
                  <td>{st.fullName}</td>
                  {s.subjects.map((x) => {
                    const v = st.results[x.key];
                    return (
                      <td key={x.key} className={v && st.debts.includes(x.code) ? 'debt' : undefined}>
                        {v ?? ''}
                      </td>
                    );
                  })}
                  <td>
                    {st.absences.excused} / {st.absences.unexcused}
                  </td>
                  <td>{st.debts.length ? <span className="badge danger">{st.debts.join(', ')}</span> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className="small muted">
        {s.subjects.map((x) => (
          <li key={x.key}>
            {x.code} — {x.name} ({x.teacherName})
          </li>
        ))}
      </ul>
    </>
  );
}
