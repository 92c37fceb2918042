import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { WeeklyCheck } from '../../../../src/contracts/control-weekly.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateTimeRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorNotice, Field, Loading, Notice } from '../../ui/index.js';
import { useForm } from '../../ui/form.js';

// The deputy director's weekly check (п. 5.2): the week's reports, one read on screen, downloaded
// and signed off.

type Counts = WeeklyCheck['data']['totals'];
const COUNT_COLUMNS: { key: keyof Omit<Counts, 'grades'>; title: string }[] = [
  { key: 'onDay', title: 'Записано в день занятия' },
  { key: 'late', title: 'С опозданием' },
  { key: 'missing', title: 'Не записано' },
  { key: 'correctionsRequested', title: 'Запросов исправлений' },
  { key: 'correctionsApproved', title: 'Исправлений одобрено' },
  { key: 'substitutions', title: 'Замен' },
  { key: 'openRemarks', title: 'Открытых замечаний' },
];
const countColumns = <T extends Omit<Counts, 'grades'>>() =>
  COUNT_COLUMNS.map((c) => ({
    key: c.key,
    title: c.title,
    cell: (x: T) => (c.key === 'missing' && x.missing > 0 ? <span className="badge danger">{x.missing}</span> : x[c.key]),
  }));

const signedText = (w: { signed: WeeklyCheck['signed'] }, timeZone: string) =>
  w.signed ? `Подписан: ${w.signed.by}, ${dateTimeRu(w.signed.at, timeZone)}` : 'Не подписан';

function MakeWeekly() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const m = useMutation({
    mutationFn: (v: { weekStart: string }) => call('POST /control/weekly', { body: v }),
    onSuccess: (w) => {
      void qc.invalidateQueries({ queryKey: ['GET /control/weekly'] });
      void navigate(`/control/weekly/${w.id}`);
    },
  });
  const form = useForm({ weekStart: '' }, { error: m.error, onSubmit: (v) => m.mutate(v) });
  return (
    <form className="panel" aria-label="Составить еженедельный контроль" {...form.form}>
      <Field label="Неделя (любой её день)" type="date" required {...form.field('weekStart')} />
      {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Составить
        </button>
      </div>
    </form>
  );
}

/** «Еженедельный контроль»: the checks kept, newest first. */
export function WeeklyPage() {
  usePageTitle('Еженедельный контроль', 'deputy-weekly');
  const me = useMe();
  const q = useQuery({ queryKey: keyOf('GET /control/weekly'), queryFn: () => call('GET /control/weekly') });
  return (
    <>
      <h1>Еженедельный контроль</h1>
      <p>Каждый понедельник отчёт за прошедшую неделю составляется сам; за любую другую неделю его можно составить здесь.</p>
      {q.data?.canMake && <MakeWeekly />}
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data &&
        (q.data.items.length === 0 ? (
          <Empty>Отчётов ещё нет.</Empty>
        ) : (
          <DataTable
            caption="Отчёты по неделям"
            captionHidden
            rows={q.data.items}
            rowKey={(x) => x.id}
            columns={[
              { key: 'title', title: 'Неделя', cell: (x) => <Link to={`/control/weekly/${x.id}`}>{x.title}</Link> },
              {
                key: 'made',
                title: 'Составлен',
                cell: (x) => `${dateTimeRu(x.createdAt, me.organization.timeZone)}, ${x.madeBy ?? 'сделан автоматически'}`,
              },
              { key: 'signed', title: 'Подпись', cell: (x) => signedText(x, me.organization.timeZone) },
            ]}
          />
        ))}
    </>
  );
}

/** One week's check: figures per teacher and per group, накопляемость, downloads and the sign-off. */
export function WeeklyCheckPage() {
  usePageTitle('Еженедельный контроль', 'deputy-weekly');
  const me = useMe();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [done, setDone] = useState('');
  const q = useQuery({
    queryKey: keyOf('GET /control/weekly/:id', { params: { id } }),
    queryFn: () => call('GET /control/weekly/:id', { params: { id } }),
  });
  const sign = useMutation({
    mutationFn: () => call('POST /control/weekly/:id/sign', { params: { id } }),
    onSuccess: (w) => {
      qc.setQueryData(keyOf('GET /control/weekly/:id', { params: { id } }), w);
      void qc.invalidateQueries({ queryKey: ['GET /control/weekly'] });
      setDone('Еженедельный контроль подписан.');
    },
  });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const w = q.data;
  const d = w.data;
  const tz = me.organization.timeZone;
  return (
    <>
      <p>
        <Link to="/control/weekly">← Еженедельный контроль</Link>
      </p>
      <h1>{w.title}</h1>
      <p>
        Составлен {dateTimeRu(w.createdAt, tz)}, {w.madeBy ?? 'сделан автоматически'}. <strong>{signedText(w, tz)}.</strong>
      </p>
      <div className="actions">
        <a className="button secondary" href={hrefOf('GET /control/weekly/:id/report.xlsx', { params: { id } })} download>
          Скачать XLSX
        </a>
        <a className="button secondary" href={hrefOf('GET /control/weekly/:id/report.pdf', { params: { id } })} download>
          Скачать PDF
        </a>
        {w.canSign && (
          <button type="button" onClick={() => sign.mutate()} disabled={sign.isPending}>
            Подписать
          </button>
        )}
      </div>
      <ErrorNotice error={sign.error} />
      {done && <Notice kind="ok">{done}</Notice>}
      <section className="panel" aria-label="Итого за неделю">
        <h2 style={{ marginTop: 0 }}>Итого</h2>
        <p>
          Прошедших занятий записано в день занятия — {d.totals.onDay}, с опозданием — {d.totals.late}, не записано — {d.totals.missing}.
          Оценок выставлено — {d.totals.grades}. Запросов исправлений — {d.totals.correctionsRequested}, одобрено —{' '}
          {d.totals.correctionsApproved}. Замен — {d.totals.substitutions}. Открытых замечаний — {d.totals.openRemarks}.
        </p>
      </section>
      <section className="panel" aria-label="По преподавателям">
        <h2 style={{ marginTop: 0 }}>По преподавателям</h2>
        {d.teachers.length === 0 ? (
          <Empty>За неделю не было занятий.</Empty>
        ) : (
          <DataTable
            caption="По преподавателям"
            captionHidden
            rows={d.teachers}
            rowKey={(x) => x.personId}
            columns={[{ key: 'name', title: 'Преподаватель', cell: (x) => x.name }, ...countColumns<(typeof d.teachers)[number]>()]}
          />
        )}
      </section>
      <section className="panel" aria-label="По группам">
        <h2 style={{ marginTop: 0 }}>По группам</h2>
        {d.groups.length === 0 ? (
          <Empty>За неделю не было занятий.</Empty>
        ) : (
          <DataTable
            caption="По группам"
            captionHidden
            rows={d.groups}
            rowKey={(x) => x.groupId}
            columns={[
              { key: 'name', title: 'Группа', cell: (x) => x.name },
              ...countColumns<(typeof d.groups)[number]>(),
              { key: 'grades', title: 'Оценок', cell: (x) => x.grades },
            ]}
          />
        )}
      </section>
      {d.groups.map((g) => (
        <section key={g.groupId} className="panel" aria-label={`Накопляемость оценок: ${g.name}`}>
          <h2 style={{ marginTop: 0 }}>Накопляемость оценок: {g.name}</h2>
          {g.students.length === 0 ? (
            <Empty>В группе нет обучающихся.</Empty>
          ) : (
            <DataTable
              caption={`Накопляемость оценок: ${g.name}`}
              captionHidden
              rows={g.students}
              rowKey={(x) => x.studentId}
              columns={[
                { key: 'name', title: 'Обучающийся', cell: (x) => x.name },
                ...g.subjects.map((s) => ({
                  key: s.key,
                  title: <abbr title={s.name}>{s.code}</abbr>,
                  cell: (x: (typeof g.students)[number]) => (x.grades[s.key] ? x.grades[s.key] : <span className="badge danger">0</span>),
                })),
                { key: 'total', title: 'Всего', cell: (x) => x.total },
              ]}
            />
          )}
        </section>
      ))}
    </>
  );
}

/** The deputy director's home: the latest weekly check and whether it is signed. */
export function WeeklyHomePanel() {
  const me = useMe();
  const q = useQuery({ queryKey: keyOf('GET /control/weekly'), queryFn: () => call('GET /control/weekly') });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const last = q.data.items[0];
  return (
    <section className="panel" aria-label="Еженедельный контроль">
      <h2 style={{ marginTop: 0 }}>Еженедельный контроль</h2>
      {last ? (
        <p>
          <Link to={`/control/weekly/${last.id}`}>{last.title}</Link> —{' '}
          {last.signed ? signedText(last, me.organization.timeZone).toLowerCase() : <span className="badge danger">не подписан</span>}
        </p>
      ) : (
        <p>Отчётов ещё нет: первый составится в понедельник.</p>
      )}
      <p className="small">
        <Link to="/control/weekly">Все недели</Link>
      </p>
    </section>
  );
}
