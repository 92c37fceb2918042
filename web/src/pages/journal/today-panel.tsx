import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TodayResponse } from '../../../../src/contracts/journal.js';
import { get } from '../../api.js';
import { dateLongRu } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';

/** The teacher's home: today's lessons, substitutions included; one opens the lesson. */
export function TeacherDayPanel() {
  const q = useQuery({ queryKey: ['journal-today'], queryFn: () => get<TodayResponse>('/journal/today') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  const open = d.lessons.find((l) => !l.recorded);
  return (
    <section className="panel" aria-label="Мои занятия сегодня">
      <h2 style={{ marginTop: 0 }}>Мои занятия · {dateLongRu(d.date)}</h2>
      {d.lessons.length === 0 ? (
        <Empty>Сегодня занятий по расписанию нет. Журналы групп — в разделе <Link to="/journal">«Журналы»</Link>.</Empty>
      ) : (
        <ul className="day-lessons">
          {d.lessons.map((l) => (
            <li key={l.id}>
              <Link to={`/journal/lessons/${l.id}`} className="day-lesson" autoFocus={l.id === open?.id}>
                <span className="pair">{l.pairNo ? `${l.pairNo} пара` : '—'}</span>
                <span className="what">
                  <strong>{l.subject.code} {l.subject.name}</strong> · {l.group.name}{l.subgroup ? ` (${l.subgroup.name})` : ''}{l.room ? ` · ауд. ${l.room}` : ''}
                  {l.substitution && <span className="badge warn">замена</span>}
                  <span className="small muted">{l.topic ? ` · ${l.topic}` : ''}</span>
                </span>
                {l.recorded ? <span className="badge ok">записано{l.marksCount ? `, отметок: ${l.marksCount}` : ''}</span> : <span className="badge danger">не записано</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="small"><Link to="/journal">Все мои журналы</Link> · <Link to="/journal/corrections">Мои заявки на исправление</Link></p>
    </section>
  );
}
