import { useQuery } from '@tanstack/react-query';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { can } from '../../auth.js';

/** The events of a child's day in the diary (п. 3.13): the college's and the group's. */
export function DayEvents({ studentId, date }: { studentId: number; date: string }) {
  const me = useMe();
  const req = { query: { studentId, from: date, to: date } };
  const q = useQuery({ queryKey: keyOf('GET /events', req), queryFn: () => call('GET /events', req), enabled: can(me, 'event:read') });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section aria-label="События дня">
      <h3>События</h3>
      <ul className="plain">
        {items.map((e) => (
          <li key={e.id}>
            <strong>{e.title}</strong>
            {e.cancelled && <span className="badge warn">отменено</span>}
            <span className="small">
              {e.time ? ` ${e.time}` : ''}
              {e.place ? ` · ${e.place}` : ''} · {e.group ? `группа ${e.group.name}` : 'весь колледж'}
            </span>
            <div className="small">{e.text}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
