import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { TERM_GRADE_KIND_TITLES } from '../../../../src/domain/attestation.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

export function useOverrides(termId: number | null) {
  const req = { query: { termId: termId ?? undefined } };
  return useQuery({ queryKey: keyOf('GET /attestation/overrides', req), queryFn: () => call('GET /attestation/overrides', req) });
}

/** For the deputy director: every term grade set despite the objectivity check — who, why, what was missing. */
export function OverridesPage() {
  usePageTitle('Оценки без полного набора', 'deputy');
  const { organization } = useMe();
  const [termId, setTermId] = useState<number | null>(null);
  const q = useOverrides(termId);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <>
      <p className="small">
        <Link to="/attestation">← Ведомости</Link>
      </p>
      <h1>Оценки за семестр, выставленные без полного набора оценок</h1>
      <p className="muted small">
        По п. 4.2 для объективной аттестации нужны не менее двух оценок при 2 часах в неделю и больше при большей нагрузке, а также оценки
        за письменные, лабораторные и практические работы. Здесь — каждый случай, когда преподаватель выставил оценку, указав причину.
      </p>
      {d.terms.length > 0 && (
        <div style={{ maxWidth: 340 }}>
          <label htmlFor="ov-term">Семестр</label>
          <select id="ov-term" value={d.termId ?? ''} onChange={(e) => setTermId(Number(e.target.value))}>
            {d.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {!d.items.length ? (
        <Empty>
          В этом семестре нет оценок, выставленных без полного набора текущих оценок. Если преподаватель выставит такую оценку с
          обоснованием, она появится здесь.
        </Empty>
      ) : (
        <div className="table-wrap" style={{ marginTop: '0.75rem' }}>
          <table className="list">
            <thead>
              <tr>
                <th>Когда</th>
                <th>Кто выставил</th>
                <th>Группа, дисциплина</th>
                <th>Обучающийся</th>
                <th>Оценка</th>
                <th>Причина</th>
                <th>Чего не хватало</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((o) => (
                <tr key={o.id}>
                  <td>{dateTimeRu(o.at, organization.timeZone)}</td>
                  <td>{o.setBy}</td>
                  <td>
                    {o.groupName}
                    <div className="small">
                      <Link to={`/attestation/${o.assignmentId}`}>{o.subjectName}</Link>
                    </div>
                  </td>
                  <td>{o.studentName}</td>
                  <td>
                    {TERM_GRADE_KIND_TITLES[o.kind]}: <strong>{o.value}</strong>
                    {!o.current && <div className="small muted">позже изменена</div>}
                  </td>
                  <td>{o.reason}</td>
                  <td>
                    <ul className="missing">
                      {o.missing.map((m, i) => (
                        <li key={i}>{m.text}</li>
                      ))}
                    </ul>
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

/** The deputy's home: how many term grades were set without the required grades this term. */
export function OverridesHomePanel() {
  const q = useOverrides(null);
  if (!q.data) return null;
  const n = q.data.items.length;
  return (
    <section className="panel" aria-label="Проверка объективности аттестации">
      <strong>Объективность аттестации (п. 4.2)</strong>
      <p className="small">
        {n === 0
          ? 'В этом семестре нет оценок за семестр, выставленных без полного набора текущих оценок.'
          : `Оценок за семестр, выставленных с обоснованием без полного набора оценок: ${n}.`}
      </p>
      <Link to="/attestation/overrides">Кто, почему и чего не хватало →</Link>
    </section>
  );
}
