import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { scopedTo } from '../../scope.js';
import { ErrorNotice, Loading } from '../../ui/index.js';

/** On the curator's home: who has absences without a reason, and where to enter a справка. */
export function CuratorExcusesPanel() {
  const me = useMe();
  const groups = scopedTo(me, 'absence:excuse', 'group');
  return (
    <>
      {groups.map((g) => (
        <GroupAbsences key={g.id} groupId={g.id} />
      ))}
    </>
  );
}

function GroupAbsences({ groupId }: { groupId: number }) {
  const q = useQuery({
    queryKey: keyOf('GET /journal/excuses', { query: { groupId } }),
    queryFn: () => call('GET /journal/excuses', { query: { groupId } }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const absent = d.students.filter((s) => s.unexcusedHours > 0).sort((a, b) => b.unexcusedHours - a.unexcusedHours);
  return (
    <section className="panel" aria-label={`Пропуски группы ${d.group.name}`}>
      <h2 style={{ marginTop: 0 }}>Пропуски группы {d.group.name}</h2>
      {absent.length === 0 ? (
        <p className="muted">Неуважительных пропусков в этом учебном году нет.</p>
      ) : (
        <p>
          Без уважительной причины:{' '}
          {absent
            .slice(0, 8)
            .map((s) => `${s.fullName} — ${s.unexcusedHours} ч`)
            .join('; ')}
          {absent.length > 8 ? ` и ещё ${absent.length - 8}` : ''}.
        </p>
      )}
      <p>
        <Link to={`/journal/excuses?group=${groupId}`}>Внести справку об отсутствии</Link>
      </p>
    </section>
  );
}
