import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { Empty, ErrorNotice, Field, Loading, SelectField } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

/** The grade sheets of a term the user may see, with how far the term grades are. */
export function SheetsPage() {
  usePageTitle('Ведомости', 'attestation');
  const me = useMe();
  const [termId, setTermId] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const req = { query: { termId: termId ?? undefined } };
  const q = useQuery({ queryKey: keyOf('GET /attestation/assignments', req), queryFn: () => call('GET /attestation/assignments', req) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const key = (x: string) => x.toLowerCase().replace(/ё/g, 'е');
  const items = filter.trim()
    ? d.items.filter((i) =>
        key(`${i.groupName} ${i.subgroupName ?? ''} ${i.subjectCode} ${i.subjectName} ${i.teacherName}`).includes(key(filter.trim())),
      )
    : d.items;
  return (
    <>
      <h1>Ведомости и оценки за семестр</h1>
      {can(me, 'attestation:overrides:read') && (
        <p>
          <Link to="/attestation/overrides">Оценки, выставленные без полного набора оценок (п. 4.2) →</Link>
        </p>
      )}
      {d.terms.length > 0 && (
        <div className="form-row">
          <SelectField label="Семестр" value={d.termId ?? ''} onChange={(e) => setTermId(Number(e.target.value))}>
            {d.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </SelectField>
          {d.items.length > 10 && (
            <Field
              label="Найти"
              type="search"
              placeholder="Группа, дисциплина или преподаватель"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
        </div>
      )}
      {d.items.length > 0 && !items.length && <Empty>Ничего не найдено по запросу «{filter}».</Empty>}
      {!d.items.length ? (
        <Empty>В этом семестре нет нагрузки, доступной вам. Нагрузку преподавателей вносит учебная часть в разделе учебных планов.</Empty>
      ) : (
        items.length > 0 && (
          <div className="table-wrap" style={{ marginTop: '0.75rem' }}>
            <table className="list">
              <thead>
                <tr>
                  <th>Группа</th>
                  <th>Дисциплина</th>
                  <th>Преподаватель</th>
                  <th>Выставлено</th>
                  <th>С обоснованием</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      {i.groupName}
                      {i.subgroupName ? <div className="small muted">{i.subgroupName}</div> : null}
                    </td>
                    <td>
                      <Link to={`/attestation/${i.id}`}>
                        {i.subjectCode} {i.subjectName}
                      </Link>
                    </td>
                    <td>{i.teacherName}</td>
                    <td>
                      <span className={`badge ${i.set >= i.students && i.students > 0 ? 'ok' : ''}`}>
                        {i.set} из {i.students}
                      </span>
                    </td>
                    <td>{i.overrides > 0 ? <span className="badge warn">{i.overrides}</span> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </>
  );
}
