import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Load, LoadOptions, LoadRow } from '../../../../src/contracts/curriculum.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateRu, numberRu, percentRu } from '../../format.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { Empty, ErrorNotice, Field, Loading, Notice, SelectField } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

type Tab = 'rows' | 'teachers' | 'groups' | 'uncovered' | 'fulfilment';
const TABS: [Tab, string][] = [
  ['rows', 'Нагрузка'],
  ['teachers', 'По преподавателям'],
  ['groups', 'По группам'],
  ['uncovered', 'Не распределено'],
  ['fulfilment', 'Выполнение'],
];

const pct = percentRu;

/** After a change to the load every view of it is stale: the rows, the options, the group's items, the uncovered hours, the fulfilment. */
const invalidateLoad = (qc: QueryClient) =>
  Promise.all(
    (['GET /load', 'GET /load/options', 'GET /load/group-items', 'GET /load/uncovered', 'GET /fulfilment'] as const).map((k) =>
      qc.invalidateQueries({ queryKey: [k] }),
    ),
  );

/** Teaching load of a term: who teaches what, totals, hours nobody teaches, fulfilment (п. 2.12). */
export function LoadPage() {
  usePageTitle('Нагрузка', 'load');
  const me = useMe();
  const [termId, setTermId] = useState<number | null>(null);
  const [params] = useSearchParams();
  const [tab, setTab] = useState<Tab>(() => (TABS.some(([k]) => k === params.get('tab')) ? (params.get('tab') as Tab) : 'rows'));
  const [teacherPersonId, setTeacher] = useState<number | null>(null);
  const [groupId, setGroup] = useState<number | null>(null);
  const canEdit = can(me, 'load:write');
  // A teacher's load is theirs alone; hours nobody teaches concern those who distribute or control it.
  const seesCurriculum = !!me.abilities['load:read']?.some((x) => x !== 'assignment');
  const seen = useRef<{ teachers: { personId: number; name: string }[]; groups: { id: number; name: string }[] }>({
    teachers: [],
    groups: [],
  });
  const options = useQuery({ queryKey: keyOf('GET /load/options'), queryFn: () => call('GET /load/options'), enabled: canEdit });
  const loadQuery = { termId, teacherPersonId, groupId };
  const load = useQuery({ queryKey: keyOf('GET /load', { query: loadQuery }), queryFn: () => call('GET /load', { query: loadQuery }) });
  if (load.isLoading) return <Loading />;
  if (load.error) return <ErrorNotice error={load.error} />;
  const d = load.data!;
  const terms = options.data?.terms ?? [d.term];
  // Without the load:write options the filters offer what the unfiltered load contains.
  if (!teacherPersonId && !groupId)
    seen.current = {
      teachers: d.byTeacher.map((t) => ({ personId: t.personId, name: t.name })),
      groups: d.byGroup.map((g) => ({ id: g.groupId, name: g.name })),
    };
  const teachers = options.data?.teachers ?? seen.current.teachers;
  const groups = options.data?.groups ?? seen.current.groups;
  return (
    <>
      <h1>Нагрузка: {d.term.label}</h1>
      <div className="form-row no-print">
        {terms.length > 1 && (
          <SelectField label="Семестр" value={d.term.id} onChange={(e) => setTermId(Number(e.target.value))}>
            {terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </SelectField>
        )}
        {teachers.length > 1 && (
          <SelectField
            label="Преподаватель"
            value={teacherPersonId ?? ''}
            onChange={(e) => setTeacher(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Все</option>
            {teachers.map((t) => (
              <option key={t.personId} value={t.personId}>
                {t.name}
              </option>
            ))}
          </SelectField>
        )}
        {groups.length > 1 && (
          <SelectField label="Группа" value={groupId ?? ''} onChange={(e) => setGroup(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Все</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <div className="tabs no-print" role="tablist" aria-label="Разделы нагрузки">
        {TABS.filter(([k]) => k !== 'uncovered' || seesCurriculum).map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? '' : 'secondary'}
            onClick={() => setTab(k)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'rows' && <Rows load={d} options={options.data ?? null} />}
      {tab === 'teachers' &&
        (d.byTeacher.length ? (
          <div className="table-wrap">
            <table className="list">
              <thead>
                <tr>
                  <th>Преподаватель</th>
                  <th>Групп</th>
                  <th>Строк нагрузки</th>
                  <th>Часов за семестр</th>
                </tr>
              </thead>
              <tbody>
                {d.byTeacher.map((t) => (
                  <tr key={t.personId}>
                    <td>{t.name}</td>
                    <td>{t.groups}</td>
                    <td>{t.assignments}</td>
                    <td>
                      <strong>{t.hours}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>Итого</th>
                  <th />
                  <th>{d.byTeacher.reduce((s, t) => s + t.assignments, 0)}</th>
                  <th>{d.byTeacher.reduce((s, t) => s + t.hours, 0)}</th>
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <Empty>Нагрузка не распределена.</Empty>
        ))}
      {tab === 'groups' &&
        (d.byGroup.length ? (
          <div className="table-wrap">
            <table className="list">
              <thead>
                <tr>
                  <th>Группа</th>
                  <th>По учебному плану, ч</th>
                  <th>Распределено, ч</th>
                  <th>Разница</th>
                </tr>
              </thead>
              <tbody>
                {d.byGroup.map((g) => {
                  const diff = g.hours - g.curriculumHours;
                  return (
                    <tr key={g.groupId}>
                      <td>{g.name}</td>
                      <td>{g.curriculumHours}</td>
                      <td>{g.hours}</td>
                      <td>
                        {diff === 0 ? (
                          <span className="badge ok">совпадает</span>
                        ) : (
                          <span className="badge warn">{diff > 0 ? `+${diff}` : `−${-diff}`} ч</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>Нагрузка не распределена.</Empty>
        ))}
      {tab === 'uncovered' && seesCurriculum && <UncoveredTab termId={d.term.id} />}
      {tab === 'fulfilment' && <FulfilmentTab termId={d.term.id} teacherPersonId={teacherPersonId} groupId={groupId} />}
    </>
  );
}

function Rows({ load, options }: { load: Load; options: LoadOptions | null }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState<LoadRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A teacher's own load needs no teacher column.
  const showTeacher = load.canEdit || load.byTeacher.length > 1;
  const remove = useMutation({
    mutationFn: (r: LoadRow) => call('DELETE /assignments/:id', { params: { id: r.id } }),
    onSuccess: (_, r) => {
      setDone(`Нагрузка снята: ${r.groupName}, ${r.code} ${r.subjectName}.`);
      void invalidateLoad(qc);
    },
  });
  return (
    <>
      {done && <Notice kind="ok">{done}</Notice>}
      <ErrorNotice error={remove.error} />
      {load.canEdit && options && (
        <AssignmentForm
          key={editing?.id ?? 'new'}
          termId={load.term.id}
          options={options}
          editing={editing}
          onDone={(text) => {
            setDone(text);
            setEditing(null);
          }}
        />
      )}
      {!load.rows.length ? (
        <Empty>
          {load.canEdit
            ? 'В этом семестре нагрузка не распределена. Выберите группу и дисциплину в форме выше — часы подставятся из учебного плана.'
            : 'В этом семестре у вас нет нагрузки. Её распределяет учебная часть.'}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Группа</th>
                <th>Дисциплина</th>
                {showTeacher && <th>Преподаватель</th>}
                <th>Часы</th>
                <th>Занятий</th>
                {load.canEdit && (
                  <th>
                    <span className="sr-only">Действия</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {load.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.groupName}
                    {r.subgroupName && <div className="small muted">{r.subgroupName}</div>}
                  </td>
                  <td>
                    {r.code} {r.subjectName}
                  </td>
                  {showTeacher && <td>{r.teacherName}</td>}
                  <td>{r.hours}</td>
                  <td>{r.lessons || '—'}</td>
                  {load.canEdit && (
                    <td className="row-tools">
                      <button type="button" className="secondary" onClick={() => setEditing(r)}>
                        Изменить
                      </button>
                      {r.lessons === 0 && (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => {
                            if (window.confirm(`Снять нагрузку «${r.code} ${r.subjectName}» у группы ${r.groupName}?`)) remove.mutate(r);
                          }}
                        >
                          Снять
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function AssignmentForm({
  termId,
  options,
  editing,
  onDone,
}: {
  termId: number;
  options: LoadOptions;
  editing: LoadRow | null;
  onDone(text: string): void;
}) {
  const qc = useQueryClient();
  const id = (v: string) => (v ? Number(v) : null);
  const str = (n: number | null | undefined) => (n ? String(n) : '');
  const initial = {
    groupId: str(editing?.groupId),
    itemId: str(editing?.itemId),
    subgroupId: str(editing?.subgroupId),
    teacherId: str(editing?.teacherPersonId),
    hours: str(editing?.hours),
  };
  const save = useMutation({
    mutationFn: (v: typeof initial) =>
      editing
        ? call('PATCH /assignments/:id', {
            params: { id: editing.id },
            body: { teacherPersonId: Number(v.teacherId), hours: Number(v.hours) },
          })
        : call('POST /assignments', {
            body: {
              termId,
              groupId: Number(v.groupId),
              subgroupId: id(v.subgroupId),
              curriculumItemId: Number(v.itemId),
              teacherPersonId: Number(v.teacherId),
              hours: Number(v.hours),
            },
          }),
    onSuccess: (_, v) => {
      void invalidateLoad(qc);
      const teacher = options.teachers.find((t) => t.personId === id(v.teacherId))?.name ?? '';
      const item = editing
        ? `${editing.code} ${editing.subjectName}`
        : (() => {
            const i = items.data?.items.find((x) => x.itemId === id(v.itemId));
            return i ? `${i.code} ${i.name}` : '';
          })();
      onDone(
        `${editing ? 'Нагрузка изменена' : 'Нагрузка добавлена'}: ${group?.name ?? editing?.groupName}, ${item} — ${teacher}, ${v.hours} ч.`,
      );
      if (!editing) form.setValues((x) => ({ ...x, itemId: '', hours: '' }));
    },
  });
  const form = useForm(initial, { error: save.error, onSubmit: (v) => save.mutate(v) });
  const v = form.values;
  const groupId = id(v.groupId);
  const itemsQuery = { groupId, termId };
  const items = useQuery({
    queryKey: keyOf('GET /load/group-items', { query: itemsQuery }),
    queryFn: () => call('GET /load/group-items', { query: itemsQuery }),
    enabled: !!groupId && !editing,
  });
  const group = options.groups.find((g) => g.id === groupId);
  return (
    <form className="panel no-print" {...form.form}>
      <strong>{editing ? `Изменить: ${editing.groupName}, ${editing.code} ${editing.subjectName}` : 'Распределить нагрузку'}</strong>
      <div className="form-row">
        {!editing && (
          <>
            <SelectField
              label="Группа"
              {...form.field('groupId')}
              onChange={(e) => form.setValues((x) => ({ ...x, groupId: e.target.value, itemId: '', subgroupId: '' }))}
            >
              <option value="">Выберите группу</option>
              {options.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Дисциплина"
              {...form.field('itemId', 'curriculumItemId')}
              disabled={!groupId}
              onChange={(e) => {
                const it = items.data?.items.find((x) => x.itemId === id(e.target.value));
                form.setValues((x) => ({
                  ...x,
                  itemId: e.target.value,
                  hours: it ? String(Math.max(0, it.hours - it.assignedHours) || it.hours) : x.hours,
                }));
              }}
            >
              <option value="">
                {groupId && items.data && !items.data.items.length
                  ? 'В учебном плане группы нет часов в этом семестре'
                  : 'Выберите дисциплину'}
              </option>
              {items.data?.items.map((i) => (
                <option key={i.itemId} value={i.itemId}>
                  {i.code} {i.name} — {i.hours} ч{i.assignedHours ? `, распределено ${i.assignedHours}` : ''}
                </option>
              ))}
            </SelectField>
            {group && group.subgroups.length > 0 && (
              <SelectField label="Подгруппа" {...form.field('subgroupId')}>
                <option value="">Вся группа</option>
                {group.subgroups.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </SelectField>
            )}
          </>
        )}
        <SelectField label="Преподаватель" {...form.field('teacherId', 'teacherPersonId')}>
          <option value="">Выберите преподавателя</option>
          {options.teachers.map((t) => (
            <option key={t.personId} value={t.personId}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <Field label="Часы за семестр" type="number" min={1} {...form.field('hours')} />
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending || !v.teacherId || !v.hours || (!editing && (!v.groupId || !v.itemId))}>
          {editing ? 'Сохранить' : 'Добавить'}
        </button>
        {editing && (
          <button type="button" className="secondary" onClick={() => onDone('')}>
            Отмена
          </button>
        )}
      </div>
    </form>
  );
}

function UncoveredTab({ termId }: { termId: number }) {
  const q = useQuery({
    queryKey: keyOf('GET /load/uncovered', { query: { termId } }),
    queryFn: () => call('GET /load/uncovered', { query: { termId } }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <>
      <p className="small muted">
        Часы учебного плана групп в этом семестре, на которые не назначен преподаватель. Производственная практика и ГИА в нагрузку по
        занятиям не входят.
      </p>
      {!d.rows.length ? (
        <Notice kind="ok">Все часы учебного плана этого семестра распределены.</Notice>
      ) : (
        <>
          <Notice kind="warn">
            Не распределено {numberRu(d.missingHours)} ч; дисциплин с нераспределёнными часами: {d.rows.length}.
          </Notice>
          <DataTable
            caption="Не распределено"
            captionHidden
            rows={d.rows}
            rowKey={(r) => `${r.groupId}-${r.itemId}`}
            columns={[
              { key: 'group', title: 'Группа', cell: (r) => r.groupName },
              { key: 'subject', title: 'Дисциплина', cell: (r) => `${r.code} ${r.subjectName}` },
              { key: 'term', title: 'Семестр по плану', cell: (r) => r.termNo },
              { key: 'plan', title: 'По учебному плану', cell: (r) => `${r.curriculumHours} ч` },
              { key: 'assigned', title: 'Распределено', cell: (r) => `${r.assignedHours} ч` },
              { key: 'missing', title: 'Не хватает', cell: (r) => <strong>{r.missingHours} ч</strong> },
            ]}
          />
        </>
      )}
    </>
  );
}

function FulfilmentTab({ termId, teacherPersonId, groupId }: { termId: number; teacherPersonId: number | null; groupId: number | null }) {
  const query = { termId, teacherPersonId, groupId };
  const q = useQuery({ queryKey: keyOf('GET /fulfilment', { query }), queryFn: () => call('GET /fulfilment', { query }) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <>
      <p className="small muted">
        Выполнение программы на {dateRu(d.today)} (п. 2.12): «по расписанию» — часы занятий с датой до сегодняшнего дня включительно,
        «проведено» — часы занятий, записанных в журнале; отменённые занятия не считаются.
      </p>
      <p>
        <strong>Всего:</strong> по расписанию {numberRu(d.totals.dueToDate)} ч, проведено {numberRu(d.totals.delivered)} ч (
        {pct(d.totals.percent)}), нагрузка на семестр {numberRu(d.totals.hours)} ч.
      </p>
      {!d.rows.length ? (
        <Empty>Нет нагрузки в этом семестре.</Empty>
      ) : (
        <DataTable
          caption="Выполнение"
          captionHidden
          rows={d.rows}
          rowKey={(r) => r.assignmentId}
          columns={[
            {
              key: 'group',
              title: 'Группа',
              cell: (r) => (
                <>
                  {r.groupName}
                  {r.subgroupName && <div className="small muted">{r.subgroupName}</div>}
                </>
              ),
            },
            { key: 'subject', title: 'Дисциплина', cell: (r) => `${r.code} ${r.subjectName}` },
            { key: 'teacher', title: 'Преподаватель', cell: (r) => r.teacherName },
            { key: 'hours', title: 'На семестр', cell: (r) => r.hours },
            {
              key: 'plan',
              title: 'По КТП',
              cell: (r) => (r.planHours === null ? <span className="badge danger">нет КТП</span> : r.planHours),
            },
            { key: 'due', title: 'По расписанию на сегодня', cell: (r) => r.dueToDate },
            { key: 'delivered', title: 'Проведено', cell: (r) => r.delivered },
            { key: 'behind', title: 'Отставание', cell: (r) => (r.behind > 0 ? <span className="badge warn">{r.behind} ч</span> : '—') },
            { key: 'percent', title: '%', cell: (r) => pct(r.percent) },
          ]}
        />
      )}
    </>
  );
}

/** Home of the deputy and the methodist: how far delivered hours lag behind the timetable (п. 2.12). */
export function FulfilmentHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /fulfilment'), queryFn: () => call('GET /fulfilment') });
  if (!q.data) return null;
  const d = q.data;
  const behind = d.rows.filter((r) => r.behind > 0);
  return (
    <section className="panel" aria-label="Выполнение нагрузки">
      <strong>Выполнение нагрузки на {dateRu(d.today)} (п. 2.12)</strong>
      <p className="small">
        По расписанию {numberRu(d.totals.dueToDate)} ч, проведено и записано в журнал {numberRu(d.totals.delivered)} ч (
        {pct(d.totals.percent)}).
        {behind.length
          ? ` Отстают строк нагрузки: ${behind.length}, всего на ${numberRu(behind.reduce((s, r) => s + r.behind, 0))} ч.`
          : ' Отставаний нет.'}
      </p>
      <Link to="/load?tab=fulfilment">Выполнение по группам и преподавателям →</Link>
    </section>
  );
}
