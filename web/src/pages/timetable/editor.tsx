import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { limitText, UPLOAD_LIMITS } from '../../../../src/contracts/limits.js';
import { addDays, todayIn } from '../../../../src/domain/dates.js';
import { PARITY_TITLES, type Parity } from '../../../../src/domain/timetable.js';
import { ApiError, call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { refreshTimetable, WeekNav, WEEKDAYS } from './common.js';

type Grid = ApiResponse<'GET /timetable/groups/:id/grid'>;
type ImportResult = ApiResponse<'POST /timetable/import'>;
import { usePageTitle } from '../../page-title.js';
import { ImportPanel, useImport } from '../../ui/import-panel.js';

type Item = { key: number; weekday: number; pairNo: number; assignmentId: number; room: string; parity: Parity };
let seq = 0;

/** The methodologist's fast grid: a group's week, pairs down, days across, saved for a period. */
export function EditorPage() {
  usePageTitle('Составление расписания группы', 'methodist-timetable');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const groupId = params.get('group') ? Number(params.get('group')) : null;
  const date = params.get('date') ?? todayIn(me.organization.timeZone);
  const catalog = useQuery({ queryKey: keyOf('GET /timetable/catalog'), queryFn: () => call('GET /timetable/catalog') });
  const grid = useQuery({
    queryKey: keyOf('GET /timetable/groups/:id/grid', { params: { id: groupId ?? 0 }, query: { date } }),
    queryFn: () => call('GET /timetable/groups/:id/grid', { params: { id: groupId! }, query: { date } }),
    enabled: !!groupId,
  });
  const go = (next: { group?: number | null; date?: string }) => {
    const g = next.group === undefined ? groupId : next.group;
    setParams({ ...(g ? { group: String(g) } : {}), date: next.date ?? date });
  };
  return (
    <>
      <h1>Составление расписания группы</h1>
      <p className="no-print">
        <Link to="/timetable">← Расписание</Link> · <Link to="/timetable/changes">Замены и изменения на дату</Link>
      </p>
      {catalog.error && <ErrorNotice error={catalog.error} />}
      <div className="form-row">
        <SelectField label="Группа" value={groupId ?? ''} onChange={(e) => go({ group: e.target.value ? Number(e.target.value) : null })}>
          <option value="">— выберите группу —</option>
          {catalog.data?.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
      </div>
      {!groupId ? (
        <Empty>
          Выберите группу. В сетке недели для каждой пары выберите предмет из нагрузки группы и аудиторию, затем сохраните неделю на нужный
          период. Готовую неделю можно скопировать на другие недели или загрузить расписание из Excel.
        </Empty>
      ) : grid.isLoading ? (
        <Loading />
      ) : grid.error ? (
        <ErrorNotice error={grid.error} />
      ) : grid.data ? (
        <GridEditor
          key={`${grid.data.group.id}|${grid.data.weekStart}`}
          grid={grid.data}
          today={todayIn(me.organization.timeZone)}
          onWeek={(d) => go({ date: d })}
        />
      ) : null}
      <ImportExport date={date} />
    </>
  );
}

function GridEditor({ grid, today, onWeek }: { grid: Grid; today: string; onWeek(date: string): void }) {
  const qc = useQueryClient();
  const initial = grid.entries.map((e) => ({
    key: ++seq,
    weekday: e.weekday,
    pairNo: e.pairNo,
    assignmentId: e.assignmentId,
    room: e.room ?? '',
    parity: e.parity,
  }));
  const [items, setItems] = useState<Item[]>(initial);
  const term = grid.term;
  // From the later of the week's Monday and today: the past stays as it was held.
  const [from, setFrom] = useState([grid.weekStart, today, term?.startDate ?? ''].sort().at(-1)!);
  const [to, setTo] = useState(term?.endDate ?? '');
  const [msg, setMsg] = useState('');
  const [copy, setCopy] = useState({ fromDate: addDays(grid.weekStart, 7), toDate: term?.endDate ?? addDays(grid.weekStart, 7) });
  const pairs = Math.max(6, ...grid.periods.map((p) => p.pairNo), ...items.map((i) => i.pairNo));
  const dirty = JSON.stringify(items.map(({ key: _k, ...r }) => r)) !== JSON.stringify(initial.map(({ key: _k, ...r }) => r));
  useEffect(() => setMsg(''), [items]);

  const save = useMutation({
    mutationFn: () =>
      call('PUT /timetable/groups/:id/grid', {
        params: { id: grid.group.id },
        body: {
          from,
          to: to || undefined,
          weekStart: grid.weekStart,
          cells: items.map((i) => ({
            weekday: i.weekday,
            pairNo: i.pairNo,
            assignmentId: i.assignmentId,
            room: i.room.trim() || null,
            parity: i.parity,
          })),
        },
      }),
    onSuccess: (r) => {
      setMsg(r.message);
      void refreshTimetable(qc);
    },
  });
  const copyWeek = useMutation({
    mutationFn: () =>
      call('POST /timetable/groups/:id/copy-week', { params: { id: grid.group.id }, body: { sourceDate: grid.weekStart, ...copy } }),
    onSuccess: (r) => {
      setMsg(r.message);
      void refreshTimetable(qc);
    },
  });
  if (!term) return <Empty>На эту неделю не приходится ни один семестр. Выберите неделю внутри учебного года.</Empty>;
  if (!grid.assignments.length) {
    return (
      <Empty>
        У группы {grid.group.name} нет нагрузки на {term.number}-й семестр. Сначала учебная часть распределяет нагрузку (предмет,
        преподаватель, часы) — затем здесь из неё составляется расписание.
      </Empty>
    );
  }
  const byId = new Map(grid.assignments.map((a) => [a.id, a]));
  const label = (id: number) => {
    const a = byId.get(id);
    return a ? `${a.subjectCode} ${a.subjectName}${a.subgroupName ? ` · ${a.subgroupName}` : ''} — ${a.teacherName}` : '?';
  };
  const lastRoom = (assignmentId: number) =>
    [...items].reverse().find((i) => i.assignmentId === assignmentId && i.room)?.room ??
    [...items].reverse().find((i) => i.room)?.room ??
    '';
  const add = (weekday: number, pairNo: number, assignmentId: number) =>
    setItems([...items, { key: ++seq, weekday, pairNo, assignmentId, room: lastRoom(assignmentId), parity: 'all' }]);
  const update = (key: number, patch: Partial<Item>) => setItems(items.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const remove = (key: number) => setItems(items.filter((i) => i.key !== key));
  const conflict =
    save.error instanceof ApiError && save.error.status === 409
      ? (save.error.details as { clashes?: { message: string }[] } | undefined)?.clashes
      : undefined;

  return (
    <>
      <WeekNav weekStart={grid.weekStart} today={today} onChange={onWeek} label="Неделя редактора" />
      <p className="muted small">
        {grid.group.name}: неделя {dateRu(grid.weekStart)} – {dateRu(addDays(grid.weekStart, 5))}
        {grid.weekParity ? ` (${PARITY_TITLES[grid.weekParity]})` : ''} · {term.number}-й семестр {dateRu(term.startDate)} –{' '}
        {dateRu(term.endDate)}
      </p>
      <div className="table-wrap">
        <table className="list tt-grid">
          <thead>
            <tr>
              <th scope="col">Пара</th>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: pairs }, (_, p) => p + 1).map((pairNo) => {
              const period = grid.periods.find((x) => x.pairNo === pairNo);
              return (
                <tr key={pairNo}>
                  <th scope="row">
                    {pairNo}
                    {period && (
                      <div className="small muted">
                        {period.startsAt}–{period.endsAt}
                      </div>
                    )}
                  </th>
                  {WEEKDAYS.map((dayName, di) => {
                    const weekday = di + 1;
                    const here = items.filter((i) => i.weekday === weekday && i.pairNo === pairNo);
                    const where = `${dayName}, ${pairNo} пара`;
                    return (
                      <td key={weekday} className="tt-cell">
                        {here.map((i) => (
                          <div key={i.key} className="tt-item">
                            <select
                              aria-label={`${where}: предмет`}
                              value={i.assignmentId}
                              onChange={(e) => update(i.key, { assignmentId: Number(e.target.value) })}
                              title={label(i.assignmentId)}
                            >
                              {grid.assignments.map((a) => (
                                <option key={a.id} value={a.id}>
                                  {label(a.id)}
                                </option>
                              ))}
                            </select>
                            <div className="tt-item-row">
                              <input
                                aria-label={`${where}: аудитория`}
                                placeholder="Ауд."
                                value={i.room}
                                onChange={(e) => update(i.key, { room: e.target.value })}
                              />
                              <select
                                aria-label={`${where}: неделя`}
                                value={i.parity}
                                onChange={(e) => update(i.key, { parity: e.target.value as Parity })}
                              >
                                <option value="all">каждую</option>
                                <option value="odd">числ.</option>
                                <option value="even">знам.</option>
                              </select>
                              <button
                                type="button"
                                className="secondary tt-remove"
                                aria-label={`${where}: убрать ${label(i.assignmentId)}`}
                                onClick={() => remove(i.key)}
                              >
                                ×
                              </button>
                            </div>
                          </div>
                        ))}
                        <select
                          aria-label={here.length ? `${where}: добавить ещё предмет` : `${where}: предмет`}
                          value=""
                          className="tt-add"
                          onChange={(e) => e.target.value && add(weekday, pairNo, Number(e.target.value))}
                        >
                          <option value="">{here.length ? '+ подгруппа / неделя' : '—'}</option>
                          {grid.assignments.map((a) => (
                            <option key={a.id} value={a.id}>
                              {label(a.id)}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-row">
        <Field
          label="Действует с"
          type="date"
          value={from}
          min={term.startDate}
          max={term.endDate}
          onChange={(e) => setFrom(e.target.value)}
        />
        <Field
          label="по"
          type="date"
          value={to}
          min={term.startDate}
          max={term.endDate}
          onChange={(e) => setTo(e.target.value)}
          hint="По умолчанию — до конца семестра"
        />
      </div>
      {conflict ? (
        <Notice kind="error">
          <strong>Неделя не сохранена: конфликты расписания.</strong>
          <ul>
            {conflict.map((c, i) => (
              <li key={i}>{c.message}</li>
            ))}
          </ul>
          Поставьте занятие на другую пару или в другую аудиторию и сохраните снова.
        </Notice>
      ) : save.error ? (
        <ErrorNotice error={save.error} />
      ) : null}
      {msg && <Notice kind="ok">{msg}</Notice>}
      <div className="actions">
        <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
          Сохранить неделю
        </button>
        {dirty && <span className="muted small">Есть несохранённые изменения</span>}
      </div>
      <h2>Нагрузка группы на семестр</h2>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th>Предмет</th>
              <th>Преподаватель</th>
              <th>По расписанию / по нагрузке, ч</th>
            </tr>
          </thead>
          <tbody>
            {grid.assignments.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.subjectCode} {a.subjectName}
                  {a.subgroupName ? <div className="small muted">{a.subgroupName}</div> : null}
                </td>
                <td>{a.teacherName}</td>
                <td>
                  <span className={`badge ${a.scheduledHours > a.hours ? 'danger' : a.scheduledHours === 0 ? 'warn' : 'ok'}`}>
                    {a.scheduledHours} из {a.hours}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel" aria-label="Копирование недели" style={{ marginTop: '1rem' }}>
        <h2 style={{ marginTop: 0 }}>Скопировать эту неделю на другие недели</h2>
        <p className="small muted">
          Расписание группы, действующее на неделе {dateRu(grid.weekStart)}, станет расписанием выбранных недель (числитель и знаменатель
          сохраняются).
        </p>
        <div className="form-row">
          <Field
            label="С недели, содержащей"
            type="date"
            value={copy.fromDate}
            onChange={(e) => setCopy({ ...copy, fromDate: e.target.value })}
          />
          <Field
            label="по неделю, содержащую"
            type="date"
            value={copy.toDate}
            onChange={(e) => setCopy({ ...copy, toDate: e.target.value })}
          />
        </div>
        {copyWeek.error && <ErrorNotice error={copyWeek.error} />}
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => copyWeek.mutate()}
            disabled={copyWeek.isPending || dirty}
            title={dirty ? 'Сначала сохраните неделю' : undefined}
          >
            Скопировать неделю
          </button>
        </div>
      </section>
    </>
  );
}

function ImportExport({ date }: { date: string }) {
  const qc = useQueryClient();
  const [from, setFrom] = useState(date);
  const imp = useImport((u, dryRun) => call('POST /timetable/import', { body: { ...u, from, dryRun } }), {
    onApplied: () => void refreshTimetable(qc),
  });
  return (
    <section className="panel no-print" aria-label="Excel" style={{ marginTop: '1rem' }}>
      <h2 style={{ marginTop: 0 }}>Расписание в Excel</h2>
      <p className="small">
        <a href={hrefOf('GET /timetable/export.xlsx', { query: { date } })}>Экспорт в Excel</a> — всё расписание семестра. Этот же формат
        загружается обратно: каждая группа из файла получает ровно свои строки с выбранной даты до конца семестра.
      </p>
      <ImportPanel
        imp={imp}
        label={`Файл расписания (.xlsx, ${limitText(UPLOAD_LIMITS.timetable)})`}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        fields={<Field label="Действует с" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        canApply={(r) => !r.errors.length && !r.clashes.length}
        applyLabel="Загрузить"
        report={(r) => <ImportReport result={r} />}
      />
    </section>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const ok = !result.errors.length && !result.clashes.length;
  return (
    <Notice kind={ok ? (result.dryRun ? 'info' : 'ok') : 'error'}>
      {result.message}
      {result.errors.length > 0 && (
        <ul>
          {result.errors.slice(0, 30).map((e) => (
            <li key={e.row}>
              Строка {e.row}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {result.clashes.length > 0 && (
        <ul>
          {result.clashes.slice(0, 30).map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
