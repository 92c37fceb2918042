import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { addDays, todayIn, weekday } from '../../../../src/domain/dates.js';
import { call, keyOf, qs } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { areaPages } from '../../lazy.js';

const timetable = areaPages(() => import('./pages.js'));

export const TIMETABLE_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'timetable', element: timetable('WeekPage') },
  { path: 'timetable/editor', element: timetable('EditorPage') },
  { path: 'timetable/changes', element: timetable('ChangesPage') },
  { path: 'timetable/bells', element: timetable('BellsPage') },
  { path: 'timetable/substitutions', element: timetable('SubstitutionsPage') },
];

/** The methodologist's shortcuts: each task one click from home (UX.md). */
export function TimetableHomePanel() {
  const me = useMe();
  const today = todayIn(me.organization.timeZone);
  const tomorrow = weekday(addDays(today, 1)) === 7 ? addDays(today, 2) : addDays(today, 1);
  const req = { query: { date: tomorrow } };
  const q = useQuery({ queryKey: keyOf('GET /timetable/day', req), queryFn: () => call('GET /timetable/day', req) });
  const changes = q.data?.lessons.filter((l) => l.change).length;
  return (
    <section className="panel" aria-label="Расписание">
      <h2 style={{ marginTop: 0 }}>Расписание</h2>
      <div className="actions">
        <Link className="button" to="/timetable/editor">
          Составить неделю группы
        </Link>
        <Link className="button" to={`/timetable/changes${qs({ date: tomorrow })}`}>
          Записать замену на {dateRu(tomorrow)}
        </Link>
        <Link className="button secondary" to="/timetable/substitutions">
          Замещённые часы
        </Link>
      </div>
      {changes !== undefined && (
        <p className="small muted">
          На {dateRu(tomorrow)}: занятий {q.data!.lessons.length}, изменений {changes}.
        </p>
      )}
    </section>
  );
}
