import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DayPlan, WeekLesson } from '../../../../src/contracts/timetable.js';
import { addDays, todayIn, weekday } from '../../../../src/domain/dates.js';
import { CHANGE_TITLES, type ChangeKind } from '../../../../src/domain/timetable.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateLongRu, dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { ChangeBadges, refreshTimetable } from './common.js';
import { usePageTitle } from '../../page-title.js';
import { useForm } from '../../ui/form.js';

const nextStudyDay = (d: string) => (weekday(d) === 7 ? addDays(d, 1) : d);

/** Changes for one date: substitutions, cancellations, moves, another subject (п. 3.11, 3.13). */
export function ChangesPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = todayIn(me.organization.timeZone);
  const date = params.get('date') ?? nextStudyDay(addDays(today, 1));
  usePageTitle(`Замены на ${dateRu(date)}`, 'methodist-changes');
  const groupFilter = params.get('group') ?? '';
  const teacherFilter = params.get('teacher') ?? '';
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [msg, setMsg] = useState('');
  const q = useQuery({
    queryKey: keyOf('GET /timetable/day', { query: { date } }),
    queryFn: () => call('GET /timetable/day', { query: { date } }),
  });
  const set = (next: { date?: string; group?: string; teacher?: string }) => {
    setOpenKey(null);
    setMsg('');
    const group = next.group ?? groupFilter;
    const teacher = next.teacher ?? teacherFilter;
    setParams({ date: next.date ?? date, ...(group ? { group } : {}), ...(teacher ? { teacher } : {}) });
  };
  const day = q.data;
  const groups = day
    ? [...new Map(day.lessons.map((l) => [l.groupId, l.groupName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'ru'))
    : [];
  // A teacher's day: the lessons they teach and those planned for them that another teacher took.
  const teachers = day
    ? [
        ...new Map(
          day.lessons.flatMap((l) => [
            [l.teacherPersonId, l.teacherName] as const,
            ...(l.plannedTeacherPersonId ? [[l.plannedTeacherPersonId, l.plannedTeacherName!] as const] : []),
          ]),
        ).entries(),
      ].sort((a, b) => a[1].localeCompare(b[1], 'ru'))
    : [];
  const lessons =
    day?.lessons.filter(
      (l) =>
        (!groupFilter || String(l.groupId) === groupFilter) &&
        (!teacherFilter || String(l.teacherPersonId) === teacherFilter || String(l.plannedTeacherPersonId) === teacherFilter),
    ) ?? [];
  const teacherName = teachers.find(([id]) => String(id) === teacherFilter)?.[1];
  return (
    <>
      <h1>Замены и изменения на {dateLongRu(date)}</h1>
      <p className="no-print">
        <Link to="/timetable">← Расписание</Link> · <Link to="/timetable/substitutions">Замещённые часы</Link>
      </p>
      <div className="actions" role="group" aria-label="Дата">
        <button type="button" className={date === today ? '' : 'secondary'} onClick={() => set({ date: today })}>
          Сегодня
        </button>
        <button
          type="button"
          className={date === nextStudyDay(addDays(today, 1)) ? '' : 'secondary'}
          onClick={() => set({ date: nextStudyDay(addDays(today, 1)) })}
        >
          Завтра
        </button>
        <Field label="Дата" type="date" value={date} onChange={(e) => e.target.value && set({ date: e.target.value })} />
        <SelectField label="Группа" value={groupFilter} onChange={(e) => set({ group: e.target.value })}>
          <option value="">все группы</option>
          {groups.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Преподаватель" value={teacherFilter} onChange={(e) => set({ teacher: e.target.value })}>
          <option value="">все преподаватели</option>
          {teachers.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      {teacherName && lessons.length > 0 && (
        <p role="status">
          {teacherName}, {dateLongRu(date)}: занятий в расписании — {lessons.length}; заменено —{' '}
          {lessons.filter((l) => l.plannedTeacherPersonId !== null && String(l.plannedTeacherPersonId) === teacherFilter).length}, отменено
          — {lessons.filter((l) => l.status === 'cancelled').length}, без изменений —{' '}
          {lessons.filter((l) => !l.change && l.status !== 'cancelled' && l.plannedTeacherPersonId === null).length}.
        </p>
      )}
      {msg && <Notice kind="ok">{msg}</Notice>}
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorNotice error={q.error} />
      ) : !lessons.length ? (
        (groupFilter || teacherFilter) && day?.lessons.length ? (
          <Empty>
            У выбранной группы или преподавателя на эту дату занятий нет. Выберите «все группы» и «все преподаватели», чтобы увидеть весь
            день.
          </Empty>
        ) : (
          <Empty>
            На эту дату занятий по расписанию нет. Расписание групп составляется в редакторе недели («Составить неделю группы»).
          </Empty>
        )
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Пара</th>
                <th>Группа</th>
                <th>Предмет</th>
                <th>Преподаватель</th>
                <th>Ауд.</th>
                <th>Изменение</th>
                <th>
                  <span className="sr-only">Действия</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lessons.map((l) => (
                <Fragment key={l.key}>
                  <tr className={l.status === 'cancelled' ? 'tt-cancelled' : undefined}>
                    <td>{l.pairNo ?? '—'}</td>
                    <td>
                      {l.groupName}
                      {l.subgroupName ? <div className="small muted">{l.subgroupName}</div> : null}
                    </td>
                    <td>
                      {l.subjectCode} {l.subjectName}
                    </td>
                    <td>
                      {l.teacherName}
                      {l.plannedTeacherName ? <div className="small muted">вместо {l.plannedTeacherNameGen}</div> : null}
                    </td>
                    <td>{l.room ?? ''}</td>
                    <td>
                      <ChangeBadges l={l} />
                      {l.change?.reason ? <div className="small muted">{l.change.reason}</div> : null}
                    </td>
                    <td className="no-print">
                      {l.entryId && !l.recorded && (
                        <button
                          type="button"
                          className="secondary"
                          aria-expanded={openKey === l.key}
                          aria-label={`Изменить: ${l.pairNo} пара, ${l.groupName}${l.subgroupName ? ` (${l.subgroupName})` : ''}, ${l.subjectName}`}
                          onClick={() => {
                            setMsg('');
                            setOpenKey(openKey === l.key ? null : l.key);
                          }}
                        >
                          Изменить
                        </button>
                      )}
                    </td>
                  </tr>
                  {openKey === l.key && day && (
                    <tr>
                      <td colSpan={7}>
                        <ChangeForm
                          day={day}
                          l={l}
                          onDone={(m) => {
                            setMsg(m);
                            setOpenKey(null);
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

type ChangeValues = {
  kind: ChangeKind;
  teacherPersonId: string;
  assignmentId: string;
  toDate: string;
  toPairNo: string;
  room: string;
  reason: string;
};

function ChangeForm({ day, l, onDone }: { day: DayPlan; l: WeekLesson; onDone(msg: string): void }) {
  const qc = useQueryClient();
  const existing = l.change;
  const slotDate = existing?.slotDate ?? l.date;
  const save = useMutation({
    mutationFn: ({ kind, ...f }: ChangeValues) =>
      call('POST /timetable/changes', {
        body: {
          entryId: l.entryId!,
          date: slotDate,
          kind,
          reason: f.reason || undefined,
          room: f.room || null,
          ...(kind === 'substitute' ? { teacherPersonId: Number(f.teacherPersonId) || undefined } : {}),
          ...(kind === 'replace' ? { assignmentId: Number(f.assignmentId) || undefined } : {}),
          ...(kind === 'move' ? { toDate: f.toDate, toPairNo: Number(f.toPairNo) } : {}),
        },
      }),
    onSuccess: (r) => {
      void refreshTimetable(qc);
      onDone(r.message);
    },
  });
  const undo = useMutation({
    mutationFn: () => call('DELETE /timetable/changes/:id', { params: { id: existing!.id } }),
    onSuccess: (r) => {
      void refreshTimetable(qc);
      onDone(r.message);
    },
  });
  const initial: ChangeValues = {
    kind: existing?.kind ?? 'substitute',
    teacherPersonId: '',
    assignmentId: '',
    toDate: l.date,
    toPairNo: String(l.pairNo ?? 1),
    room: '',
    reason: existing?.reason ?? '',
  };
  const form = useForm(initial, { error: save.error, onSubmit: (v) => save.mutate(v) });
  const kind = form.values.kind;
  const free = day.teachers.filter((t) => !t.busyPairs.includes(l.pairNo ?? 0));
  const busy = day.teachers.filter((t) => t.busyPairs.includes(l.pairNo ?? 0));
  return (
    <form className="tt-change-form" {...form.form} aria-label={`Изменение: ${l.groupName}, ${l.subjectName}`}>
      <div className="form-row">
        <SelectField label="Что меняется" {...form.field('kind')}>
          {(['substitute', 'cancel', 'move', 'replace'] as const).map((k) => (
            <option key={k} value={k}>
              {CHANGE_TITLES[k]}
            </option>
          ))}
        </SelectField>
        {kind === 'substitute' && (
          <SelectField label="Замещающий преподаватель" {...form.field('teacherPersonId')} required>
            <option value="">— выберите —</option>
            <optgroup label={`Свободны в ${l.pairNo} пару`}>
              {free
                .filter((t) => t.personId !== l.teacherPersonId)
                .map((t) => (
                  <option key={t.personId} value={t.personId}>
                    {t.name}
                  </option>
                ))}
            </optgroup>
            <optgroup label="Заняты в эту пару">
              {busy.map((t) => (
                <option key={t.personId} value={t.personId} disabled>
                  {t.name} (занят: {t.busyPairs.join(', ')} пара)
                </option>
              ))}
            </optgroup>
          </SelectField>
        )}
        {kind === 'replace' && (
          <SelectField label="Другой предмет группы" {...form.field('assignmentId')} required>
            <option value="">— выберите —</option>
            {day.groupAssignments
              .filter((a) => a.groupId === l.groupId && a.id !== l.assignmentId)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
          </SelectField>
        )}
        {kind === 'move' && (
          <>
            <Field label="Новая дата" type="date" {...form.field('toDate')} />
            <Field label="Новая пара" type="number" min={1} max={12} {...form.field('toPairNo')} />
          </>
        )}
        {kind !== 'cancel' && <Field label="Аудитория (если меняется)" {...form.field('room')} placeholder={l.room ?? ''} />}
        <Field label="Причина" {...form.field('reason')} placeholder="Например: больничный лист" />
      </div>
      <ErrorNotice error={save.error} />
      {undo.error ? <ErrorNotice error={undo.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Сохранить изменение
        </button>
        {existing && (
          <button type="button" className="secondary" onClick={() => undo.mutate()} disabled={undo.isPending}>
            Снять изменение — по расписанию
          </button>
        )}
      </div>
    </form>
  );
}
