import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { AtRiskItem, ForecastGroups } from '../../../../src/contracts/forecast.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { countRu, dateRu, NOUNS } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { GiaRiskTable } from './gia.js';
import { gradeRange, probRu, Rate } from './shared.js';

// «Прогноз» (issue 16 items 2, 3, 5): the groups' expected успеваемость and качество with intervals
// beside last term, and the at-risk list — riskiest first, with the reasons and what would change it.

function ModelNote({ d }: { d: Pick<ForecastGroups, 'model' | 'asOf' | 'term'> }) {
  return (
    <p className="small muted">
      {d.term.title}, по журналу на {dateRu(d.asOf)}.{' '}
      {d.model.source === 'history'
        ? `Модель обучена на оценках колледжа за прошлые семестры (${countRu(d.model.rows, NOUNS.row)}${d.model.trainedAt ? `, ${dateRu(d.model.trainedAt.slice(0, 10))}` : ''}).`
        : 'Пока используется встроенная модель: своих итоговых оценок за прошлые семестры для обучения ещё мало.'}{' '}
      Интервал успеваемости и качества — 90 %.
    </p>
  );
}

function AtRiskTable({ items, showGroup }: { items: AtRiskItem[]; showGroup: boolean }) {
  if (!items.length) return <Empty>Сейчас никто не в зоне риска: вероятность «2» или «не зачтено» у всех ниже 30 %.</Empty>;
  return (
    <div className="table-wrap">
      <table className="list" aria-label="Зона риска">
        <thead>
          <tr>
            <th>Обучающийся</th>
            <th>Дисциплина</th>
            <th>Риск «2»</th>
            <th>Прогноз</th>
            <th>Причины</th>
            <th>Что изменит прогноз</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) => (
            <tr key={`${it.assignmentId}:${it.student.id}`}>
              <td>
                {it.student.name}
                {showGroup && <div className="small muted">{it.group.name}</div>}
              </td>
              <td>
                {it.subject.code} {it.subject.name}
              </td>
              <td>
                <span className="badge danger">{probRu(it.outlook.risk)}</span>
              </td>
              <td>
                {`«${it.outlook.likely}»`}
                {it.outlook.interval.from !== it.outlook.interval.to && (
                  <div className="small muted">{gradeRange(it.outlook.interval.from, it.outlook.interval.to)}</div>
                )}
              </td>
              <td>
                <ul className="plain">
                  {it.reasons.map((r) => (
                    <li key={r.text}>{r.text}</li>
                  ))}
                </ul>
              </td>
              <td>
                <ul className="plain">
                  {it.changes
                    .filter((c) => c.risk < it.outlook.risk - 0.05)
                    .map((c) => (
                      <li key={c.step}>
                        {c.step}: «{c.likely}», риск {probRu(c.risk)}
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ForecastPage() {
  usePageTitle('Прогноз', 'forecast');
  const me = useMe();
  const [params] = useSearchParams();
  const query = { termId: Number(params.get('termId')) || undefined };
  const groups = useQuery({ queryKey: keyOf('GET /forecast/groups', { query }), queryFn: () => call('GET /forecast/groups', { query }) });
  const risk = useQuery({ queryKey: keyOf('GET /forecast/at-risk', { query }), queryFn: () => call('GET /forecast/at-risk', { query }) });
  if (groups.isLoading) return <Loading />;
  if (groups.error) return <ErrorNotice error={groups.error} />;
  const g = groups.data!;
  return (
    <div>
      <h1>Прогноз успеваемости</h1>
      <ModelNote d={g} />
      {can(me, 'forecast:gia:read') && (
        <p>
          <Link to="/forecast/gia">Прогноз ГИА выпускных групп</Link>: демонстрационный экзамен и защита ВКР.
        </p>
      )}
      <h2 id="groups-h">Группы</h2>
      {g.groups.length ? (
        <div className="table-wrap">
          <table className="list" aria-labelledby="groups-h">
            <thead>
              <tr>
                <th>Группа</th>
                <th>Обучающихся</th>
                <th>Успеваемость (ожидается)</th>
                <th>Качество знаний (ожидается)</th>
                <th>В зоне риска</th>
              </tr>
            </thead>
            <tbody>
              {g.groups.map((r) => (
                <tr key={r.group.id}>
                  <td>
                    <Link to={`/forecast/groups/${r.group.id}${query.termId ? `?termId=${query.termId}` : ''}`}>{r.group.name}</Link>
                    {(r.below.pass || r.below.quality) && <div className="small">ниже прошлого семестра</div>}
                  </td>
                  <td>{r.students}</td>
                  <td>
                    <Rate r={r.pass} last={r.lastTerm?.passRate ?? null} />
                  </td>
                  <td>
                    <Rate r={r.quality} last={r.lastTerm?.qualityRate ?? null} />
                  </td>
                  <td>{r.atRisk}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>В этом семестре у ваших групп нет дисциплин с журналом. Прогноз появится, когда в нагрузке будут занятия.</Empty>
      )}
      <h2>Зона риска</h2>
      {risk.isLoading ? (
        <Loading />
      ) : risk.error ? (
        <ErrorNotice error={risk.error} />
      ) : (
        <>
          <AtRiskTable items={risk.data!.items} showGroup />
          <GiaRiskTable items={risk.data!.gia} />
        </>
      )}
    </div>
  );
}

export function ForecastGroupPage() {
  const { id } = useParams();
  const groupId = Number(id);
  const [params] = useSearchParams();
  const query = { termId: Number(params.get('termId')) || undefined };
  const q = useQuery({
    queryKey: keyOf('GET /forecast/groups/:id', { params: { id: groupId }, query }),
    queryFn: () => call('GET /forecast/groups/:id', { params: { id: groupId }, query }),
  });
  const risk = useQuery({
    queryKey: keyOf('GET /forecast/at-risk', { query: { ...query, groupId } }),
    queryFn: () => call('GET /forecast/at-risk', { query: { ...query, groupId } }),
  });
  usePageTitle(q.data ? `Прогноз: ${q.data.summary.group.name}` : 'Прогноз группы', 'forecast');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const subjectOf = new Map(d.subjects.map((s) => [s.assignmentId, s.subject]));
  return (
    <div>
      <p className="small">
        <Link to="/forecast">← Все группы</Link>
      </p>
      <h1>Прогноз: группа {d.summary.group.name}</h1>
      <ModelNote d={d} />
      <p>
        Успеваемость: <Rate r={d.summary.pass} last={d.summary.lastTerm?.passRate ?? null} />
      </p>
      <p>
        Качество знаний: <Rate r={d.summary.quality} last={d.summary.lastTerm?.qualityRate ?? null} />
      </p>
      <h2>Зона риска</h2>
      {risk.isLoading ? (
        <Loading />
      ) : risk.error ? (
        <ErrorNotice error={risk.error} />
      ) : (
        <AtRiskTable items={risk.data!.items} showGroup={false} />
      )}
      <h2 id="subjects-h">По дисциплинам</h2>
      <div className="table-wrap">
        <table className="list" aria-labelledby="subjects-h">
          <thead>
            <tr>
              <th>Дисциплина</th>
              <th>Успеваемость</th>
              <th>Качество знаний</th>
              <th>В зоне риска</th>
            </tr>
          </thead>
          <tbody>
            {d.subjects.map((s) => (
              <tr key={s.assignmentId}>
                <td>
                  {s.subject.code} {s.subject.name}
                  {s.passFail && <div className="small muted">зачёт</div>}
                </td>
                <td>
                  <Rate r={s.pass} last={s.lastTerm?.passRate ?? null} />
                </td>
                <td>
                  <Rate r={s.quality} last={s.lastTerm?.qualityRate ?? null} />
                </td>
                <td>{s.atRisk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="students-h">По обучающимся</h2>
      <div className="table-wrap">
        <table className="list" aria-labelledby="students-h">
          <thead>
            <tr>
              <th>Обучающийся</th>
              <th>Все дисциплины без «2»</th>
              <th>Вероятные оценки</th>
            </tr>
          </thead>
          <tbody>
            {d.students.map((s) => (
              <tr key={s.student.id}>
                <td>{s.student.name}</td>
                <td>{probRu(s.pPass)}</td>
                <td className="small">
                  {s.grades.map((g) => (
                    <span
                      key={g.assignmentId}
                      title={subjectOf.get(g.assignmentId)?.name}
                      className={g.risk >= 0.3 ? 'badge danger' : 'badge'}
                    >
                      {subjectOf.get(g.assignmentId)?.code}: {g.given ? `«${g.given}» выставлена` : gradeRange(g.from, g.to)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
