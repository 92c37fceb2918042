import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { rememberChild, rememberedChild } from '../../child.js';
import { todayIn } from '../../../../src/domain/dates.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { LessonItem, refreshTimetable, WeekNav, type Show } from './common.js';
import { usePageTitle } from '../../page-title.js';
import { useForm } from '../../ui/form.js';

type Week = ApiResponse<'GET /timetable/week'>;
type View = Week['view'];
const VIEW_TITLES: Record<View, string> = { group: 'Группа', teacher: 'Преподаватель', room: 'Аудитория', student: 'Обучающийся' };

/**
 * The week of a group, a teacher, a room or a student, with the day's changes marked. Control
 * roles pick whom to view; a teacher opens on their own week, a student and a guardian on theirs.
 */
export function WeekPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  // Whose weeks the caller reads follows from the scopes of timetable:read (domain/grants/timetable).
  const reads = me.abilities['timetable:read'] ?? [];
  const orgWide = reads.includes('org');
  const teaches = reads.includes('assignment');
  const own = reads.includes('self') || reads.includes('linked');
  const defaultView: View = own && !teaches && !orgWide ? 'student' : teaches ? 'teacher' : 'group';
  const view = (params.get('view') as View | null) ?? defaultView;
  const catalog = useQuery({ queryKey: keyOf('GET /timetable/catalog'), queryFn: () => call('GET /timetable/catalog') });
  // A curator of one group opens straight on it.
  const onlyGroup = view === 'group' && catalog.data?.groups.length === 1 ? catalog.data.groups[0].id : undefined;
  // A guardian's week opens on the child last looked at in the diary.
  const id = params.get('id') ? Number(params.get('id')) : view === 'student' ? rememberedChild(me) : onlyGroup;
  const room = params.get('room') ?? undefined;
  const date = params.get('date') ?? todayIn(me.organization.timeZone);
  const set = (next: Partial<{ view: View; id: number | string; room: string; date: string }>) => {
    const merged = { view, id, room, date, ...next };
    const p: Record<string, string> = { view: merged.view, date: merged.date };
    if (merged.id !== undefined && merged.id !== '') p.id = String(merged.id);
    if (merged.room) p.room = merged.room;
    setParams(p);
  };
  const needsPick = (view === 'group' && !id) || (view === 'room' && !room);
  const query = { view, id, room, date };
  const week = useQuery({
    queryKey: keyOf('GET /timetable/week', { query }),
    queryFn: () => call('GET /timetable/week', { query }),
    enabled: !needsPick,
  });

  const views: View[] = orgWide
    ? ['group', 'teacher', 'room']
    : [
        ...(teaches ? ['teacher' as const] : []),
        ...(teaches || reads.includes('group') ? ['group' as const] : []),
        ...(own ? ['student' as const] : []),
      ];
  const show: Show =
    view === 'group'
      ? { teacher: true, room: true }
      : view === 'teacher'
        ? { group: true, room: true }
        : view === 'room'
          ? { group: true, teacher: true }
          : { teacher: true, room: true, recorded: false };
  const w = week.data;
  usePageTitle(w ? `Расписание: ${w.title}` : 'Расписание', 'timetable');
  return (
    <>
      <h1>Расписание{w ? `: ${w.title}` : ''}</h1>
      {can(me, 'timetable:write') && (
        <p className="actions no-print">
          <Link className="button secondary" to="/timetable/editor">
            Составить неделю группы
          </Link>
          <Link className="button secondary" to="/timetable/changes">
            Замены и изменения
          </Link>
          <Link className="button secondary" to="/timetable/bells">
            Звонки
          </Link>
          <Link className="button secondary" to="/timetable/substitutions">
            Замещённые часы
          </Link>
        </p>
      )}
      {views.length > 1 && (
        <div className="tabs no-print" role="group" aria-label="Чьё расписание">
          {views.map((v) => (
            <button
              key={v}
              type="button"
              className={v === view ? '' : 'secondary'}
              aria-pressed={v === view}
              onClick={() => set({ view: v, id: '', room: '' })}
            >
              {v === 'teacher' && !orgWide ? 'Моя неделя' : VIEW_TITLES[v]}
            </button>
          ))}
        </div>
      )}
      <div className="form-row no-print">
        {view === 'group' && catalog.data && (
          <SelectField label="Группа" value={id ?? ''} onChange={(e) => set({ id: e.target.value })}>
            <option value="">— выберите группу —</option>
            {catalog.data.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
        {view === 'teacher' && orgWide && catalog.data && (
          <SelectField label="Преподаватель" value={id ?? ''} onChange={(e) => set({ id: e.target.value })}>
            <option value="">— я —</option>
            {catalog.data.teachers.map((t) => (
              <option key={t.personId} value={t.personId}>
                {t.name}
              </option>
            ))}
          </SelectField>
        )}
        {view === 'room' && catalog.data && (
          <SelectField label="Аудитория" value={room ?? ''} onChange={(e) => set({ room: e.target.value })}>
            <option value="">— выберите аудиторию —</option>
            {catalog.data.rooms.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
        )}
        {view === 'student' && w && w.children.length > 1 && (
          <SelectField
            label="Ребёнок"
            value={w.subjectId ?? ''}
            onChange={(e) => {
              rememberChild(me, Number(e.target.value));
              set({ id: e.target.value });
            }}
          >
            {w.children.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {needsPick ? (
        <Empty>
          {view === 'group' ? 'Выберите группу, чтобы увидеть её неделю.' : 'Выберите аудиторию, чтобы увидеть, кто в ней занимается.'}
        </Empty>
      ) : week.isLoading ? (
        <Loading />
      ) : week.error ? (
        <ErrorNotice error={week.error} />
      ) : w ? (
        <>
          <WeekNav weekStart={w.weekStart} today={w.today} onChange={(d) => set({ date: d })} label="Неделя" />
          <p className="muted small">
            Неделя {dateRu(w.weekStart)} – {dateRu(w.weekEnd)}
            {w.parity ? ` · ${w.parity}` : ''}
            {view === 'group' && w.subjectId && (
              <>
                {' · '}
                <a
                  href={hrefOf('GET /timetable/groups/:id/week.pdf', { params: { id: w.subjectId }, query: { date: w.weekStart } })}
                  className="no-print"
                >
                  Лист расписания для печати (PDF)
                </a>
              </>
            )}
          </p>
          <WeekGrid week={w} show={show} journalFor={view === 'teacher' && (!id || id === me.person.id) ? me.person.id : undefined} />
          {w.ownAssignments.length > 0 && can(me, 'lessons:unscheduled') && <UnscheduledForm week={w} />}
        </>
      ) : null}
    </>
  );
}

function WeekGrid({ week, show, journalFor }: { week: Week; show: Show; journalFor?: number }) {
  const total = week.days.reduce((s, d) => s + d.lessons.length, 0);
  if (!total) {
    return (
      <Empty>
        На этой неделе занятий нет.{' '}
        {week.view === 'group'
          ? 'Расписание группы составляет учебная часть в редакторе недели («Составить неделю группы»).'
          : 'Если это неожиданно, проверьте соседние недели или обратитесь в учебную часть.'}
      </Empty>
    );
  }
  return (
    <div className="tt-week">
      {week.days.map((d) => (
        <section key={d.date} className={`tt-day${d.date === week.today ? ' today' : ''}`} aria-label={d.title}>
          <h2>
            {d.title}
            {d.date === week.today ? <span className="badge ok"> сегодня</span> : null}
          </h2>
          {d.bellsName && d.bellsName !== 'Основное' && <div className="small muted">Звонки: {d.bellsName}</div>}
          {d.lessons.length ? (
            <ul className="tt-lessons">
              {d.lessons.map((l) => (
                <LessonItem key={l.key} l={l} show={show} journalFor={journalFor} />
              ))}
            </ul>
          ) : (
            <p className="muted small">Занятий нет</p>
          )}
        </section>
      ))}
    </div>
  );
}

type UnscheduledValues = { assignmentId: string; date: string; pairNo: string; room: string; reason: string };

/** A teacher adds a lesson the timetable does not have (a consultation, a make-up lesson), with a reason. */
function UnscheduledForm({ week }: { week: Week }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [msg, setMsg] = useState('');
  const m = useMutation({
    mutationFn: (v: UnscheduledValues) =>
      call('POST /lessons/unscheduled', {
        body: { assignmentId: Number(v.assignmentId), date: v.date, pairNo: Number(v.pairNo), room: v.room || null, reason: v.reason },
      }),
    onSuccess: (r) => {
      setMsg(r.message);
      form.set('reason', '');
      void refreshTimetable(qc);
    },
  });
  const form = useForm<UnscheduledValues>(
    { assignmentId: '', date: week.today, pairNo: '1', room: '', reason: '' },
    {
      error: m.error,
      onSubmit: (v) => {
        setMsg('');
        m.mutate(v);
      },
    },
  );
  if (!open)
    return (
      <p className="no-print">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Добавить занятие вне расписания
        </button>
      </p>
    );
  return (
    <form className="panel no-print" {...form.form} aria-label="Занятие вне расписания">
      <h2 style={{ marginTop: 0 }}>Занятие вне расписания</h2>
      <p className="small muted">
        Консультация, отработка или перенесённое занятие, которого нет в расписании. Оно появится в вашем журнале.
      </p>
      <div className="form-row">
        <SelectField label="Группа и предмет" {...form.field('assignmentId')} required>
          <option value="">— выберите —</option>
          {week.ownAssignments.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <Field label="Дата" type="date" {...form.field('date')} required />
        <Field label="Пара" type="number" min={1} max={12} {...form.field('pairNo')} required />
        <Field label="Аудитория" {...form.field('room')} />
      </div>
      <Field label="Причина" {...form.field('reason')} placeholder="Например: консультация перед экзаменом" required />
      <ErrorNotice error={m.error} />
      {msg && <Notice kind="ok">{msg}</Notice>}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Добавить занятие
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Закрыть
        </button>
      </div>
    </form>
  );
}
