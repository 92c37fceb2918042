import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { GiaForecastGroups, GradeOutlook, GiaRiskItem } from '../../../../src/contracts/forecast.js';
import { call, keyOf } from '../../api.js';
import { countRu, dateRu, decimalRu, NOUNS, numberRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { gradeRange, probRu } from './shared.js';

// «Прогноз ГИА» (issue 16 item 4, decision 044): the graduating groups' expected demo exam and thesis
// defence grades; a group per student — the likely grade, its interval, the demo exam's points band by
// the college's cut-offs, reasons and what would change it. The at-risk list of «Прогноз» shows the ГИА
// risks too (GiaRiskTable).

const EXAM_TITLES = { demo: 'Демонстрационный экзамен', thesis: 'Защита ВКР' } as const;
const pointsRu = (x: number) => numberRu(x, 2);

function GiaModelNote({ d }: { d: Pick<GiaForecastGroups, 'models' | 'asOf' | 'year'> }) {
  const m = d.models.demo;
  return (
    <p className="small muted">
      {d.year} учебный год, по данным на {dateRu(d.asOf)}.{' '}
      {m.source === 'history'
        ? `Модели обучены на результатах выпускников колледжа прошлых лет (${countRu(m.rows, NOUNS.row)}${m.trainedAt ? `, ${dateRu(m.trainedAt.slice(0, 10))}` : ''}).`
        : 'Пока используется встроенная модель: результатов ГИА своих выпускников для обучения ещё мало.'}{' '}
      Прогноз обновляется с каждой оценкой, пропуском и экзаменом по модулю.
    </p>
  );
}

function Outlook({ o }: { o: GradeOutlook }) {
  if (o.given) return <>«{o.given}» получена</>;
  return (
    <>
      «{o.likely}»{o.interval.from !== o.interval.to && <div className="small muted">{gradeRange(o.interval.from, o.interval.to)}</div>}
      {o.risk >= 0.05 && <div className={o.risk >= 0.25 ? 'small badge danger' : 'small muted'}>риск «2»: {probRu(o.risk)}</div>}
    </>
  );
}

export function ForecastGiaPage() {
  usePageTitle('Прогноз ГИА', 'forecast-gia');
  const q = useQuery({ queryKey: keyOf('GET /forecast/gia'), queryFn: () => call('GET /forecast/gia') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <div>
      <p className="small">
        <Link to="/forecast">← Прогноз успеваемости</Link>
      </p>
      <h1>Прогноз ГИА</h1>
      <GiaModelNote d={d} />
      {d.groups.length ? (
        <div className="table-wrap">
          <table className="list" aria-label="Выпускные группы">
            <thead>
              <tr>
                <th>Группа</th>
                <th>Обучающихся</th>
                <th>ДЭ: средняя ожидаемая оценка</th>
                <th>ДЭ: в зоне риска</th>
                <th>ВКР: средняя ожидаемая оценка</th>
                <th>ВКР: в зоне риска</th>
              </tr>
            </thead>
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.group.id}>
                  <td>
                    <Link to={`/forecast/gia/${g.group.id}`}>{g.group.name}</Link>
                  </td>
                  <td>{g.students}</td>
                  <td>{g.demoExam.expected === null ? '—' : decimalRu(g.demoExam.expected, 1)}</td>
                  <td>{g.demoExam.atRisk}</td>
                  <td>{g.thesis.expected === null ? '—' : decimalRu(g.thesis.expected, 1)}</td>
                  <td>{g.thesis.atRisk}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>
          У вас нет выпускных групп в этом учебном году. Группа считается выпускной на последнем курсе своей специальности; куратор видит
          свою группу, администрация — все.
        </Empty>
      )}
    </div>
  );
}

function Lines({ items }: { items: string[] }) {
  return (
    <ul className="plain">
      {items.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

export function ForecastGiaGroupPage() {
  const { id } = useParams();
  const groupId = Number(id);
  const q = useQuery({
    queryKey: keyOf('GET /forecast/gia/groups/:id', { params: { id: groupId } }),
    queryFn: () => call('GET /forecast/gia/groups/:id', { params: { id: groupId } }),
  });
  usePageTitle(q.data ? `Прогноз ГИА: ${q.data.group.name}` : 'Прогноз ГИА группы', 'forecast-gia');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const [c3, c4, c5] = d.cutoffs;
  return (
    <div>
      <p className="small">
        <Link to="/forecast/gia">← Все выпускные группы</Link>
      </p>
      <h1>Прогноз ГИА: группа {d.group.name}</h1>
      <GiaModelNote d={d} />
      <p className="small muted">
        Баллы ДЭ — те, что дают оценку по порогам колледжа: «3» от {c3} %, «4» от {c4} %, «5» от {c5} % максимума.
      </p>
      <div className="table-wrap">
        <table className="list" aria-label="Прогноз ГИА по обучающимся">
          <thead>
            <tr>
              <th>Обучающийся</th>
              <th>ДЭ: оценка</th>
              <th>ДЭ: баллы</th>
              <th>ВКР: оценка</th>
              <th>Причины</th>
              <th>Что изменит прогноз</th>
            </tr>
          </thead>
          <tbody>
            {d.students.map((s) => {
              const demo = s.demoExam;
              const reasons = [...new Set([...demo.reasons, ...s.thesis.reasons].map((r) => r.text))];
              const changes = [
                ...demo.changes
                  .filter((c) => c.likely !== demo.outlook.likely || c.risk < demo.outlook.risk - 0.05)
                  .map((c) => `${c.step}: ДЭ «${c.likely}»`),
                ...(s.thesis.outlook
                  ? s.thesis.changes.filter((c) => c.likely !== s.thesis.outlook!.likely).map((c) => `${c.step}: ВКР «${c.likely}»`)
                  : []),
              ];
              return (
                <tr key={s.student.id}>
                  <td>{s.student.name}</td>
                  <td>
                    <Outlook o={demo.outlook} />
                  </td>
                  <td>
                    {demo.givenPoints !== null ? (
                      pointsRu(demo.givenPoints)
                    ) : (
                      <>
                        {pointsRu(demo.likelyPoints.from)}–{pointsRu(demo.likelyPoints.to)}
                        {(demo.intervalPoints.from !== demo.likelyPoints.from || demo.intervalPoints.to !== demo.likelyPoints.to) && (
                          <div className="small muted">
                            с интервалом {pointsRu(demo.intervalPoints.from)}–{pointsRu(demo.intervalPoints.to)}
                          </div>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    {s.thesis.outlook ? <Outlook o={s.thesis.outlook} /> : 'не допущен к защите'}
                    {s.thesis.admission === 'admitted' && !s.thesis.outlook?.given && <div className="small muted">допущен к защите</div>}
                  </td>
                  <td className="small">
                    <Lines items={reasons} />
                  </td>
                  <td className="small">
                    <Lines items={changes} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** ГИА risks in the at-risk list of «Прогноз». */
export function GiaRiskTable({ items }: { items: GiaRiskItem[] }) {
  if (!items.length) return null;
  return (
    <>
      <h3 id="gia-risk-h">ГИА выпускных групп</h3>
      <div className="table-wrap">
        <table className="list" aria-labelledby="gia-risk-h">
          <thead>
            <tr>
              <th>Обучающийся</th>
              <th>Испытание</th>
              <th>Риск «2»</th>
              <th>Прогноз</th>
              <th>Причины</th>
              <th>Что изменит прогноз</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr key={`${it.exam}:${it.student.id}`}>
                <td>
                  {it.student.name}
                  <div className="small muted">
                    <Link to={`/forecast/gia/${it.group.id}`}>{it.group.name}</Link>
                  </div>
                </td>
                <td>{EXAM_TITLES[it.exam]}</td>
                <td>
                  <span className="badge danger">{probRu(it.outlook.risk)}</span>
                </td>
                <td>{gradeRange(it.outlook.interval.from, it.outlook.interval.to)}</td>
                <td className="small">
                  <Lines items={it.reasons.map((r) => r.text)} />
                </td>
                <td className="small">
                  <Lines
                    items={it.changes
                      .filter((c) => c.risk < it.outlook.risk - 0.05)
                      .map((c) => `${c.step}: «${c.likely}», риск ${probRu(c.risk)}`)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** «Что нужно для лучшей оценки на ГИА» in the diary of a graduating student or their guardian: no probabilities. */
export function GiaAdviceView({ studentId }: { studentId: number }) {
  const q = useQuery({
    queryKey: keyOf('GET /forecast/gia/students/:id', { params: { id: studentId } }),
    queryFn: () => call('GET /forecast/gia/students/:id', { params: { id: studentId } }),
    retry: false,
  });
  // Not in a graduating group this year: nothing to say here.
  if (!q.data) return null;
  const d = q.data;
  const parts = [{ title: EXAM_TITLES.demo, p: d.demoExam }, ...(d.thesis ? [{ title: EXAM_TITLES.thesis, p: d.thesis }] : [])];
  return (
    <section aria-labelledby="gia-advice-h">
      <h2 id="gia-advice-h">ГИА: что нужно для лучшей оценки</h2>
      <ul className="plain advice">
        {parts.map(({ title, p }) => (
          <li key={title} className="panel">
            <h3 style={{ margin: 0 }}>{title}</h3>
            {p.given ? (
              <p>Оценка получена: «{p.given}».</p>
            ) : (
              <>
                <p>{p.target ? `Чтобы получить «${p.target}»:` : 'Так держать:'}</p>
                <Lines items={p.steps} />
                {p.notes.length > 0 && <p className="small muted">Сейчас мешает: {p.notes.join('; ')}.</p>}
              </>
            )}
          </li>
        ))}
      </ul>
      {!d.thesis && <p>Обучающийся не допущен к защите ВКР.</p>}
    </section>
  );
}
