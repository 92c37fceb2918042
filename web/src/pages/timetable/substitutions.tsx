import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import { addDays, todayIn } from '../../../../src/domain/dates.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';

/** Substituted hours, counted apart for each teacher (п. 5.3), for a period. */
export function SubstitutionsPage() {
  usePageTitle('Замещённые занятия', 'methodist-changes');
  const me = useMe();
  const today = todayIn(me.organization.timeZone);
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? `${today.slice(0, 7)}-01`;
  const to = params.get('to') ?? addDays(`${addDays(`${today.slice(0, 7)}-28`, 5).slice(0, 7)}-01`, -1);
  const req = { query: { from, to } };
  const q = useQuery({ queryKey: keyOf('GET /timetable/substitutions', req), queryFn: () => call('GET /timetable/substitutions', req) });
  const r = q.data;
  return (
    <>
      <h1>Замещённые занятия</h1>
      <p className="no-print">
        <Link to="/timetable">← Расписание</Link> · <Link to="/timetable/changes">Замены и изменения на дату</Link>
      </p>
      <p className="small muted">
        Часы замещения считаются отдельно для каждого преподавателя (п. 5.3): кто провёл занятие за коллегу и чьи занятия провели другие.
        Отменённые занятия не считаются.
      </p>
      <div className="form-row no-print">
        <Field label="С" type="date" value={from} onChange={(e) => e.target.value && setParams({ from: e.target.value, to })} />
        <Field label="По" type="date" value={to} onChange={(e) => e.target.value && setParams({ from, to: e.target.value })} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorNotice error={q.error} />
      ) : r && !r.lessons.length ? (
        <Empty>
          С {dateRu(from)} по {dateRu(to)} замен не было. Замену записывают в разделе «Замены и изменения» — занятие появится у замещающего
          преподавателя.
        </Empty>
      ) : r ? (
        <>
          <h2>По преподавателям</h2>
          <DataTable
            caption="Замещённые часы по преподавателям"
            captionHidden
            rows={r.teachers}
            rowKey={(t) => t.personId}
            columns={[
              { key: 'name', title: 'Преподаватель', cell: (t) => t.name },
              { key: 'substituted', title: 'Провёл за других, ч', cell: (t) => t.substitutedHours },
              { key: 'lessons', title: 'Занятий', cell: (t) => t.substitutedLessons },
              { key: 'replaced', title: 'Его занятия провели другие, ч', cell: (t) => t.replacedHours },
            ]}
          />
          <h2>Занятия</h2>
          <DataTable
            caption="Замещённые занятия"
            captionHidden
            rows={r.lessons}
            rowKey={(l) => l.lessonId}
            columns={[
              { key: 'date', title: 'Дата', cell: (l) => dateRu(l.date) },
              { key: 'pair', title: 'Пара', cell: (l) => l.pairNo ?? '—' },
              { key: 'group', title: 'Группа', cell: (l) => l.groupName },
              { key: 'subject', title: 'Предмет', cell: (l) => l.subject },
              { key: 'planned', title: 'По расписанию', cell: (l) => l.plannedTeacherName },
              {
                key: 'teacher',
                title: 'Провёл',
                cell: (l) => (
                  <>
                    {l.teacherName}
                    {l.reason ? <div className="small muted">{l.reason}</div> : null}
                  </>
                ),
              },
              { key: 'hours', title: 'Часы', cell: (l) => l.hours },
              {
                key: 'recorded',
                title: 'В журнале',
                cell: (l) => (l.recorded ? <span className="badge ok">записано</span> : <span className="badge warn">не записано</span>),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
