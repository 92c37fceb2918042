import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { CollegeEvent } from '../../../../src/contracts/messages.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateLongRu, dateRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { useForm } from '../../ui/form.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';

// Events and announcements of the college and of a group (п. 3.13).

function EventItem({ e }: { e: CollegeEvent }) {
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => call('POST /events/:id/cancel', { params: { id: e.id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['GET /events'] }),
  });
  return (
    <li aria-label={e.title}>
      <strong className={e.cancelled ? 'cancelled' : ''}>{e.title}</strong> {e.cancelled && <span className="badge warn">отменено</span>}
      <div className="small">
        {dateLongRu(e.date)}
        {e.time ? `, ${e.time}` : ''}
        {e.place ? ` · ${e.place}` : ''} · {e.group ? `группа ${e.group.name}` : 'весь колледж'}
      </div>
      <p className="message-text">{e.text}</p>
      <div className="small muted">Объявил(а): {e.author}</div>
      {e.canCancel && (
        <button
          type="button"
          className="secondary small"
          disabled={cancel.isPending}
          onClick={() => window.confirm(`Отменить событие «${e.title}»?`) && cancel.mutate()}
        >
          Отменить событие
        </button>
      )}
      <ErrorNotice error={cancel.error} />
    </li>
  );
}

export function EventList({ items }: { items: CollegeEvent[] }) {
  return (
    <ul className="plain events">
      {items.map((e) => (
        <EventItem key={e.id} e={e} />
      ))}
    </ul>
  );
}

function EventForm({ canPostCollege, groups }: { canPostCollege: boolean; groups: { id: number; name: string }[] }) {
  const qc = useQueryClient();
  const post = useMutation({
    mutationFn: (v: typeof initial) =>
      call('POST /events', {
        body: {
          groupId: v.groupId ? Number(v.groupId) : null,
          title: v.title,
          text: v.text,
          date: v.date,
          time: v.time || null,
          place: v.place || null,
          notify: v.notify,
        },
      }),
    onSuccess: () => {
      form.setValues(initial);
      void qc.invalidateQueries({ queryKey: ['GET /events'] });
    },
  });
  const initial = {
    groupId: canPostCollege ? '' : String(groups[0]?.id ?? ''),
    title: '',
    text: '',
    date: '',
    time: '',
    place: '',
    notify: false,
  };
  const form = useForm(initial, { error: post.error, onSubmit: (v) => post.mutate(v) });
  return (
    <form className="panel" aria-label="Новое событие" {...form.form}>
      <h2 style={{ marginTop: 0 }}>Объявить событие</h2>
      <SelectField label="Для кого" {...form.field('groupId')}>
        {canPostCollege && <option value="">Весь колледж</option>}
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            Группа {g.name}
          </option>
        ))}
      </SelectField>
      <Field label="Название события" {...form.field('title')} />
      <div>
        <label htmlFor="event-text">Описание</label>
        <textarea id="event-text" rows={3} {...form.field('text')} aria-invalid={form.errors.text ? true : undefined} />
        {form.errors.text && <div className="field-error">{form.errors.text}</div>}
      </div>
      <div className="actions">
        <Field label="Дата" type="date" {...form.field('date')} />
        <Field label="Время (необязательно)" type="time" {...form.field('time')} />
        <Field label="Место (необязательно)" {...form.field('place')} />
      </div>
      <label className="check">
        <input type="checkbox" {...form.check('notify')} /> Уведомить обучающихся и родителей
      </label>
      <ErrorNotice error={post.error} />
      {post.isSuccess && <Notice kind="ok">Событие объявлено.</Notice>}
      <div className="actions">
        <button type="submit" disabled={post.isPending}>
          Объявить
        </button>
      </div>
    </form>
  );
}

export function EventsPage() {
  usePageTitle('События и объявления', 'messages');
  const me = useMe();
  const q = useQuery({ queryKey: keyOf('GET /events'), queryFn: () => call('GET /events') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <>
      <h1>События и объявления</h1>
      {can(me, 'event:write') && (d.canPostCollege || d.groups.length > 0) && (
        <EventForm canPostCollege={d.canPostCollege} groups={d.groups} />
      )}
      <h2>
        С {dateRu(d.from)} по {dateRu(d.to)}
      </h2>
      {d.items.length ? <EventList items={d.items} /> : <Empty>Событий на ближайший месяц нет.</Empty>}
    </>
  );
}

/** «События» on the home page: the next two weeks. */
export function EventsHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /events'), queryFn: () => call('GET /events') });
  const soon = q.data?.items.filter((e) => !e.cancelled).slice(0, 5) ?? [];
  if (!soon.length) return <ErrorNotice error={q.error} />;
  return (
    <section className="panel" aria-label="События">
      <h2 style={{ marginTop: 0 }}>События</h2>
      <ul className="plain">
        {soon.map((e) => (
          <li key={e.id}>
            <strong>{e.title}</strong>{' '}
            <span className="small">
              {dateRu(e.date)}
              {e.time ? `, ${e.time}` : ''}
              {e.place ? ` · ${e.place}` : ''} · {e.group ? `группа ${e.group.name}` : 'весь колледж'}
            </span>
          </li>
        ))}
      </ul>
      <p className="small">
        <Link to="/events">Все события</Link>
      </p>
    </section>
  );
}
