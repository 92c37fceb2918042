import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { BellPeriod, Bells, BellSchedule } from '../../../../src/contracts/timetable.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { useForm } from '../../ui/form.js';
import { refreshTimetable } from './common.js';

/** Bell schedules (пары with their times) and the dates that run on a special one. */
export function BellsPage() {
  usePageTitle('Расписание звонков', 'methodist-timetable');
  const me = useMe();
  const canWrite = can(me, 'timetable:write');
  const q = useQuery({ queryKey: keyOf('GET /timetable/bells'), queryFn: () => call('GET /timetable/bells') });
  const [editing, setEditing] = useState<BellSchedule | 'new' | null>(null);
  const [msg, setMsg] = useState('');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const bells = q.data!;
  return (
    <>
      <h1>Расписание звонков</h1>
      <p className="no-print">
        <Link to="/timetable">← Расписание</Link>
      </p>
      {msg && <Notice kind="ok">{msg}</Notice>}
      {!bells.schedules.length && (
        <Empty>Звонков ещё нет. Добавьте основное расписание звонков: для каждой пары — начало и конец, например 1 пара 08:30–10:00.</Empty>
      )}
      <div className="cards">
        {bells.schedules.map((s) => (
          <section className="card" key={s.id} aria-label={s.name}>
            <h3>
              {s.name} {s.isDefault && <span className="badge ok">основное</span>}
            </h3>
            <table className="list">
              <tbody>
                {s.periods.map((p) => (
                  <tr key={p.pairNo}>
                    <th scope="row">{p.pairNo} пара</th>
                    <td>
                      {p.startsAt}–{p.endsAt}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canWrite && (
              <div className="actions">
                <button type="button" className="secondary" onClick={() => setEditing(s)}>
                  Изменить
                </button>
                {!s.isDefault && <DeleteButton id={s.id} name={s.name} onDone={setMsg} />}
              </div>
            )}
          </section>
        ))}
      </div>
      {canWrite && !editing && (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            Добавить расписание звонков
          </button>
        </p>
      )}
      {editing && (
        <ScheduleForm
          key={editing === 'new' ? 'new' : editing.id}
          schedule={editing === 'new' ? null : editing}
          first={!bells.schedules.length}
          onDone={(m) => {
            setMsg(m);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <h2>Дни с особыми звонками</h2>
      {bells.days.length ? (
        <ul>
          {bells.days.map((d) => (
            <li key={d.date}>
              {dateRu(d.date)} — {d.name}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Все дни идут по основному расписанию звонков.</p>
      )}
      {canWrite && bells.schedules.length > 1 && <DayForm bells={bells} onDone={setMsg} />}
    </>
  );
}

function DeleteButton({ id, name, onDone }: { id: number; name: string; onDone(m: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => call('DELETE /timetable/bells/:id', { params: { id } }),
    onSuccess: () => {
      void refreshTimetable(qc);
      onDone(`Расписание звонков «${name}» удалено.`);
    },
  });
  return (
    <>
      {m.error && <ErrorNotice error={m.error} />}
      <button type="button" className="danger" onClick={() => m.mutate()} disabled={m.isPending}>
        Удалить
      </button>
    </>
  );
}

function ScheduleForm({
  schedule,
  first,
  onDone,
  onCancel,
}: {
  schedule: BellSchedule | null;
  first: boolean;
  onDone(m: string): void;
  onCancel(): void;
}) {
  const qc = useQueryClient();
  const [periods, setPeriods] = useState<BellPeriod[]>(schedule?.periods ?? [{ pairNo: 1, startsAt: '08:30', endsAt: '10:00' }]);
  const m = useMutation({
    mutationFn: (v: { name: string; isDefault: boolean }) =>
      schedule
        ? call('PUT /timetable/bells/:id', { params: { id: schedule.id }, body: { ...v, periods } })
        : call('POST /timetable/bells', { body: { ...v, periods } }),
    onSuccess: (r) => {
      void refreshTimetable(qc);
      onDone(r.message);
    },
  });
  const form = useForm(
    { name: schedule?.name ?? (first ? 'Основное' : 'Сокращённый день'), isDefault: schedule?.isDefault ?? first },
    {
      error: m.error,
      onSubmit: (v) => m.mutate(v),
    },
  );
  const fields = form.errors;
  const setP = (i: number, patch: Partial<BellPeriod>) => setPeriods(periods.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <form className="panel" {...form.form} aria-label="Расписание звонков">
      <Field label="Название" {...form.field('name')} required />
      <label className="inline-check">
        <input type="checkbox" {...form.check('isDefault')} /> Основное (действует во все дни без особого расписания)
      </label>
      <table className="list" style={{ maxWidth: 460 }}>
        <thead>
          <tr>
            <th>Пара</th>
            <th>Начало</th>
            <th>Конец</th>
            <th>
              <span className="sr-only">Убрать</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => (
            <tr key={i}>
              <td>{p.pairNo}</td>
              <td>
                <input
                  type="time"
                  aria-label={`${p.pairNo} пара: начало`}
                  value={p.startsAt}
                  onChange={(e) => setP(i, { startsAt: e.target.value })}
                  aria-invalid={fields[`periods.${i}`] ? true : undefined}
                />
              </td>
              <td>
                <input
                  type="time"
                  aria-label={`${p.pairNo} пара: конец`}
                  value={p.endsAt}
                  onChange={(e) => setP(i, { endsAt: e.target.value })}
                />
              </td>
              <td>
                {i === periods.length - 1 && periods.length > 1 && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setPeriods(periods.slice(0, -1))}
                    aria-label={`Убрать ${p.pairNo} пару`}
                  >
                    ×
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.entries(fields)
        .filter(([k]) => k.startsWith('periods'))
        .map(([k, v]) => (
          <div key={k} className="field-error">
            {v}
          </div>
        ))}
      <ErrorNotice error={m.error} />
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const last = periods.at(-1)!;
            setPeriods([...periods, { pairNo: last.pairNo + 1, startsAt: last.endsAt, endsAt: last.endsAt }]);
          }}
        >
          Добавить пару
        </button>
        <button type="submit" disabled={m.isPending}>
          Сохранить
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function DayForm({ bells, onDone }: { bells: Bells; onDone(m: string): void }) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { date: string; scheduleId: string }) =>
      call('PUT /timetable/bell-days', { body: { date: v.date, bellScheduleId: v.scheduleId ? Number(v.scheduleId) : null } }),
    onSuccess: (r) => {
      void refreshTimetable(qc);
      onDone(r.message);
    },
  });
  const form = useForm({ date: '', scheduleId: '' }, { error: m.error, onSubmit: (v) => m.mutate(v) });
  return (
    <form className="panel" {...form.form} aria-label="Звонки на дату">
      <div className="form-row">
        <Field label="Дата" type="date" {...form.field('date')} required />
        <SelectField label="Звонки в этот день" {...form.field('scheduleId', 'bellScheduleId')}>
          <option value="">основное расписание</option>
          {bells.schedules
            .filter((s) => !s.isDefault)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </SelectField>
      </div>
      {m.error && <ErrorNotice error={m.error} />}
      <div className="actions">
        <button type="submit" disabled={m.isPending || !form.values.date}>
          Назначить
        </button>
      </div>
    </form>
  );
}
