import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { reachesBeyond } from '../../scope.js';
import { Empty, ErrorNotice, focusOnMount, Loading } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

/** Every journal the user may open for the term: a teacher's own first, then by group. */
export function JournalsPage() {
  usePageTitle('Журналы', 'journals');
  const me = useMe();
  // Who keeps journals opens on their own; «only mine» is a choice when the user also reads others'.
  const keeps = can(me, 'journal:write');
  const readsOthers = reachesBeyond(me, 'journal:read', 'assignment', 'self', 'linked');
  const [mine, setMine] = useState(keeps);
  const [filter, setFilter] = useState('');
  const [termId, setTermId] = useState<number | null>(null);
  const org = useQuery({ queryKey: keyOf('GET /organization'), queryFn: () => call('GET /organization') });
  const req = { query: { mine: mine ? ('1' as const) : undefined, termId: termId ?? undefined } };
  const q = useQuery({ queryKey: keyOf('GET /journal/assignments', req), queryFn: () => call('GET /journal/assignments', req) });
  const terms = org.data?.currentYear?.terms ?? [];
  const items = (q.data?.items ?? []).filter(
    (a) =>
      !filter || `${a.group.name} ${a.subject.code} ${a.subject.name} ${a.teacher.fullName}`.toLowerCase().includes(filter.toLowerCase()),
  );
  const groups = [...new Map(items.map((a) => [a.group.id, a.group.name])).entries()];
  return (
    <>
      <h1>Журналы</h1>
      <div className="actions">
        {keeps && readsOthers && (
          <label className="check">
            <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Только мои
          </label>
        )}
        {terms.length > 1 && (
          <div>
            <label htmlFor="journals-term">Семестр</label>
            <select id="journals-term" value={String(termId ?? q.data?.termId ?? '')} onChange={(e) => setTermId(Number(e.target.value))}>
              {terms.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.number}-й семестр {org.data?.currentYear?.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div style={{ minWidth: '18rem' }}>
          <label htmlFor="journals-filter">Группа, дисциплина или преподаватель</label>
          <input
            id="journals-filter"
            ref={focusOnMount}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="например, ПК-25 или ОП.03"
          />
        </div>
      </div>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data && items.length === 0 && (
        <Empty>
          {mine
            ? 'За текущий семестр у вас нет нагрузки. Её назначает заведующая УМС в разделе «Нагрузка».'
            : 'Журналов не найдено. Измените условие поиска.'}
        </Empty>
      )}
      {groups.map(([gid, name]) => (
        <section key={gid} className="panel" aria-label={`Группа ${name}`}>
          <h2 style={{ marginTop: 0 }}>{name}</h2>
          <div className="table-wrap">
            <table className="list">
              <thead>
                <tr>
                  <th>Дисциплина</th>
                  <th>Преподаватель</th>
                  <th>Занятий записано</th>
                </tr>
              </thead>
              <tbody>
                {items
                  .filter((a) => a.group.id === gid)
                  .map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/journal/grid/${a.id}`}>
                          {a.subject.code} {a.subject.name}
                          {a.subgroup ? ` (${a.subgroup.name})` : ''}
                        </Link>
                      </td>
                      <td>{a.teacher.fullName}</td>
                      <td>
                        {a.recorded} из {a.lessons}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
