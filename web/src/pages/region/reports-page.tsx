import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Rates, RegionPeriod } from '../../../../src/contracts/region-reports.js';
import { call, hrefOf, keyOf, keysOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu, numberRu, percentRu } from '../../format.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { RatesChart } from '../control/performance-charts.js';

// The observer's and the regional administrator's «Отчёты региона» (issue 15 item 3, decision 041):
// kept figures per college and for the region beside the previous period, a college's by group.
// Aggregates only; a group below five students appears only within «Прочие группы».

const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : numberRu(x));

/** A figure and, beside it, the same figure a period before. */
function Cell({ now, before, pct = false }: { now: number | null | undefined; before?: number | null; pct?: boolean }) {
  const f = pct ? percentRu : num;
  return (
    <td className="num">
      {f(now)}
      {before !== undefined && <span className="muted small"> ({f(before)})</span>}
    </td>
  );
}

function Head({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">Студентов</th>
        <th scope="col">Успеваемость, %</th>
        <th scope="col">Качество, %</th>
        <th scope="col">Средний балл</th>
        <th scope="col">Без долгов</th>
        <th scope="col">Пропуски уваж. / неуваж., ч</th>
        <th scope="col">Пропусков на студента, ч</th>
        <th scope="col">Журнал заполнен в срок, %</th>
        <th scope="col">Родители заходили, %</th>
      </tr>
    </thead>
  );
}

function Cells({ now, before }: { now: Rates | null; before: Rates | null }) {
  if (!now)
    return (
      <td colSpan={9} className="muted">
        Нет данных за период
      </td>
    );
  return (
    <>
      <Cell now={now.students} />
      <Cell now={now.passRate} before={before?.passRate ?? null} pct />
      <Cell now={now.qualityRate} before={before?.qualityRate ?? null} pct />
      <Cell now={now.average} before={before?.average ?? null} />
      {/* Without results of the period nobody is counted «without debts»: a dash, not 0. */}
      <Cell now={now.attested ? now.noDebts : null} before={before?.attested ? before.noDebts : null} />
      <td className="num">
        {now.excused} / {now.unexcused}
      </td>
      <Cell now={now.absencePerStudent} before={before?.absencePerStudent ?? null} />
      <Cell now={now.fillRate} before={before?.fillRate ?? null} pct />
      <Cell now={now.guardianRate} before={before?.guardianRate ?? null} pct />
    </>
  );
}

/** Period choice: the kept terms and years, latest first. */
function PeriodSelect({ periods, value }: { periods: RegionPeriod[]; value: RegionPeriod | null }) {
  const [, setParams] = useSearchParams();
  const key = (p: RegionPeriod) => `${p.yearName}|${p.termNumber}`;
  return (
    <label>
      Период{' '}
      <select
        value={value ? key(value) : ''}
        onChange={(e) => {
          const [year, term] = e.target.value.split('|');
          setParams(Number(term) ? { year, term } : { year });
        }}
      >
        {periods.map((p) => (
          <option key={key(p)} value={key(p)}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function useQueryOfUrl() {
  const [params] = useSearchParams();
  const year = params.get('year') ?? undefined;
  const term = params.get('term') ? Number(params.get('term')) : undefined;
  return year ? { year, term } : {};
}

/** Bars: успеваемость and качество знаний of each college or group that has figures. */
const RegionRates = ({ rows }: { rows: { key: string; name: string; now: Rates | null }[] }) => (
  <RatesChart
    caption="Успеваемость и качество знаний"
    left={150}
    rows={rows.flatMap((r) => (r.now ? [{ key: r.key, name: r.name, passRate: r.now.passRate, qualityRate: r.now.qualityRate }] : []))}
  />
);

function Computed({ at, timeZone }: { at: string | null | undefined; timeZone: string }) {
  return <p className="muted">{at ? `Данные на ${dateTimeRu(at, timeZone)}.` : 'Данные ещё не рассчитаны.'}</p>;
}

export function RegionReportsPage() {
  usePageTitle('Отчёты региона', 'region-reports');
  const me = useMe();
  const query = useQueryOfUrl();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keyOf('GET /region/reports', { query }), queryFn: () => call('GET /region/reports', { query }) });
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);
  const tz = me.organization.timeZone;
  const r = q.data;
  // «Пересчитать»: college by college, each a bounded request; the page shows how far it got.
  const recompute = async () => {
    setError(null);
    try {
      for (const [i, c] of (r?.colleges ?? []).entries()) {
        setBusy(`Пересчёт: ${i + 1} из ${r!.colleges.length} — ${c.shortName}`);
        await call('POST /region/reports/colleges/:id/recompute', { params: { id: c.id } });
      }
      await qc.invalidateQueries({ queryKey: keysOf('GET /region/reports') });
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };
  return (
    <>
      <h1>Отчёты региона{r ? `: ${r.region}` : ''}</h1>
      <p className="muted">
        Успеваемость, качество знаний, средний балл, пропуски, заполнение журнала и вход родителей по колледжам региона. В скобках — то же
        за предыдущий период. Только сводные показатели: сведений об отдельных людях здесь нет.
      </p>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error ?? error} />
      {busy && <Notice>{busy}</Notice>}
      {r && (
        <>
          <div className="actions">
            {r.periods.length > 0 && <PeriodSelect periods={r.periods} value={r.period} />}
            <a className="button secondary" href={hrefOf('GET /region/reports.xlsx', { query })} download>
              Скачать XLSX
            </a>
            <a className="button secondary" href={hrefOf('GET /region/reports.pdf', { query })} download>
              Скачать PDF
            </a>
            {can(me, 'region:colleges') && (
              <button type="button" className="secondary" disabled={!!busy} onClick={() => void recompute()}>
                Пересчитать
              </button>
            )}
          </div>
          {r.period && (
            <p>
              <strong>{r.period.title}</strong>
              {r.previous ? `; в скобках — ${r.previous.title}` : ''}
            </p>
          )}
          <Computed at={r.computed?.oldest} timeZone={tz} />
          {!r.colleges.length && <Empty>В регионе нет колледжей.</Empty>}
          {r.colleges.length > 0 && (
            <div className="table-wrap">
              <table className="list">
                <caption className="sr-only">Показатели колледжей региона</caption>
                <Head first="Колледж" />
                <tbody>
                  {r.colleges.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/region/reports/colleges/${c.id}${location.search}`}>{c.name}</Link>
                      </th>
                      <Cells now={c.now} before={c.before} />
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Всего по региону</th>
                    <Cells now={r.total.now} before={r.total.before} />
                  </tr>
                </tbody>
              </table>
            </div>
          )}
          <RegionRates rows={r.colleges.map((c) => ({ key: String(c.id), name: c.shortName, now: c.now }))} />
        </>
      )}
    </>
  );
}

export function CollegeFiguresPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const query = useQueryOfUrl();
  const q = useQuery({
    queryKey: keyOf('GET /region/reports/colleges/:id', { params: { id }, query }),
    queryFn: () => call('GET /region/reports/colleges/:id', { params: { id }, query }),
  });
  const r = q.data;
  usePageTitle(r ? `Показатели: ${r.college.shortName}` : 'Показатели колледжа', 'region-reports');
  const file = { params: { id }, query };
  return (
    <>
      <p>
        <Link to={`/region/reports${location.search}`}>← Отчёты региона</Link>
      </p>
      <h1>{r ? r.college.name : 'Показатели колледжа'}</h1>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {r && (
        <>
          <div className="actions">
            {r.periods.length > 0 && <PeriodSelect periods={r.periods} value={r.period} />}
            <a className="button secondary" href={hrefOf('GET /region/reports/colleges/:id/report.xlsx', file)} download>
              Скачать XLSX
            </a>
            <a className="button secondary" href={hrefOf('GET /region/reports/colleges/:id/report.pdf', file)} download>
              Скачать PDF
            </a>
          </div>
          {r.period && (
            <p>
              <strong>{r.period.title}</strong>
              {r.previous ? `; в скобках — ${r.previous.title}` : ''}
            </p>
          )}
          <Computed at={r.computed?.oldest} timeZone={me.organization.timeZone} />
          <p className="muted small">Группы, где меньше 5 студентов, показаны только вместе с другими — в строке «Прочие группы».</p>
          {!r.groups.length && <Empty>За этот период показателей колледжа нет.</Empty>}
          {r.groups.length > 0 && (
            <>
              <h2>По группам</h2>
              <div className="table-wrap">
                <table className="list">
                  <caption className="sr-only">Показатели по группам</caption>
                  <Head first="Группа" />
                  <tbody>
                    {r.groups.map((g) => (
                      <tr key={g.key}>
                        <th scope="row">{g.name}</th>
                        <Cells now={g.now} before={g.before} />
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Всего по колледжу</th>
                      <Cells now={r.total.now} before={r.total.before} />
                    </tr>
                  </tbody>
                </table>
              </div>
              <h2>По курсам</h2>
              <div className="table-wrap">
                <table className="list">
                  <caption className="sr-only">Показатели по курсам</caption>
                  <Head first="Курс" />
                  <tbody>
                    {r.courses.map((g) => (
                      <tr key={g.key}>
                        <th scope="row">{g.name}</th>
                        <Cells now={g.now} before={g.before} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <RegionRates rows={r.groups} />
            </>
          )}
        </>
      )}
    </>
  );
}

/** The observer's home: the region's key figures of the latest term. */
export function RegionFiguresHomePanel() {
  const me = useMe();
  const q = useQuery({ queryKey: keyOf('GET /region/reports', { query: {} }), queryFn: () => call('GET /region/reports', { query: {} }) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const r = q.data!;
  const t = r.total.now;
  const b = r.total.before;
  const card = (label: string, value: string, was?: string) => (
    <div className="card">
      <div className="muted small">{label}</div>
      <strong>{value}</strong>
      {was !== undefined && <div className="muted small">было {was}</div>}
    </div>
  );
  return (
    <section className="panel" aria-label="Показатели региона">
      <h2 style={{ marginTop: 0 }}>Показатели региона{r.period ? `: ${r.period.title}` : ''}</h2>
      {!t && <p className="muted">Показатели ещё не рассчитаны.</p>}
      {t && (
        <div className="cards">
          {card('Студентов', String(t.students))}
          {card('Успеваемость', percentRu(t.passRate), percentRu(b?.passRate))}
          {card('Качество знаний', percentRu(t.qualityRate), percentRu(b?.qualityRate))}
          {card('Средний балл', num(t.average), num(b?.average))}
          {card('Журнал заполнен в срок', percentRu(t.fillRate), percentRu(b?.fillRate))}
          {card('Родители заходили', percentRu(t.guardianRate), percentRu(b?.guardianRate))}
        </div>
      )}
      <Computed at={r.computed?.oldest} timeZone={me.organization.timeZone} />
      <Link to="/region/reports">Отчёты региона по колледжам →</Link>
    </section>
  );
}
