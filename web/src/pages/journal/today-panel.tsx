import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf } from '../../api.js';
import { dateLongRu } from '../../format.js';
import { Empty, ErrorNotice, focusOnMount, Loading } from '../../ui/index.js';

/** The teacher's home: today's lessons, substitutions included; one opens the lesson or its grid. */
export function TeacherDayPanel() {
  const today = { query: {} };
  const q = useQuery({ queryKey: keyOf('GET /journal/today', today), queryFn: () => call('GET /journal/today', today) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const open = d.lessons.find((l) => !l.recorded);
  return (
    <section className="panel" aria-label="Мои занятия сегодня">
      <h2 style={{ marginTop: 0 }}>Мои занятия · {dateLongRu(d.date)}</h2>
      {d.lessons.length === 0 && (
        <Empty>
          Сегодня занятий по расписанию нет{d.next ? '' : ' и в ближайшие две недели тоже'}. Журналы групп — ниже и в разделе{' '}
          <Link to="/journals">«Журналы»</Link>.
        </Empty>
      )}
      {d.next && (
        <>
          <h3>Ближайшие занятия · {dateLongRu(d.next.date)}</h3>
          <LessonList lessons={d.next.lessons} upcoming />
        </>
      )}
      {d.lessons.length > 0 && <LessonList lessons={d.lessons} focusId={open?.id} />}
      <MyJournals />
      <p className="small">
        <Link to="/journals">Все журналы</Link> · <Link to="/journal/corrections">Мои заявки на исправление</Link>
      </p>
    </section>
  );
}

type LessonSummary = ApiResponse<'GET /journal/today'>['lessons'][number];

function LessonList({ lessons, focusId, upcoming }: { lessons: LessonSummary[]; focusId?: number; upcoming?: boolean }) {
  return (
    <ul className="day-lessons">
      {lessons.map((l) => (
        <li key={l.id}>
          <Link to={`/journal/lessons/${l.id}`} className="day-lesson" ref={l.id === focusId ? focusOnMount : undefined}>
            <span className="pair">{l.pairNo ? `${l.pairNo} пара` : '—'}</span>
            <span className="what">
              <strong>
                {l.subject.code} {l.subject.name}
              </strong>{' '}
              · {l.group.name}
              {l.subgroup ? ` (${l.subgroup.name})` : ''}
              {l.room ? ` · ауд. ${l.room}` : ''}
              {l.substitution && <span className="badge warn">замена</span>}
              <span className="small muted">{l.topic ? ` · ${l.topic}` : ''}</span>
            </span>
            {!upcoming &&
              (l.recorded ? (
                <span className="badge ok">записано{l.marksCount ? `, отметок: ${l.marksCount}` : ''}</span>
              ) : (
                <span className="badge danger">не записано</span>
              ))}
          </Link>
          <Link
            to={`/journal/grid/${l.assignmentId}`}
            className="day-grid"
            aria-label={`Журнал: ${l.group.name}${l.subgroup ? ` (${l.subgroup.name})` : ''}, ${l.subject.name}`}
          >
            Журнал
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The term's journals of the teacher, each one click from the day (UX.md). */
function MyJournals() {
  const mine = { query: { mine: '1' as const } };
  const q = useQuery({ queryKey: keyOf('GET /journal/assignments', mine), queryFn: () => call('GET /journal/assignments', mine) });
  if (!q.data?.items.length) return null;
  return (
    <nav className="my-journals" aria-label="Мои журналы">
      <h3>Мои журналы</h3>
      <ul>
        {q.data.items.map((a) => (
          <li key={a.id}>
            <Link to={`/journal/grid/${a.id}`}>
              {a.group.name}
              {a.subgroup ? ` (${a.subgroup.name})` : ''} · {a.subject.code} {a.subject.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
