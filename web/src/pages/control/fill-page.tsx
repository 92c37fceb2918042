import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { FillLesson } from '../../../../src/contracts/control-fill.js';
import { call, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { countRu, dateLongRu, dateRu, dateTimeRu, NOUNS, shareRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorNotice, focusOnMount, Loading, Notice } from '../../ui/index.js';
import { RemarkForm } from './remarks-page.js';

// Daily fill control (п. 3.8, 3.11): lessons that have ended and are not recorded.

const lessonsWord = (n: number) => countRu(n, NOUNS.lesson);
const pct = shareRu;

function LessonRows({
  items,
  timeZone,
  late,
  onRemark,
}: {
  items: FillLesson[];
  timeZone: string;
  late?: boolean;
  onRemark?(l: FillLesson): void;
}) {
  return (
    <DataTable
      caption={late ? 'Записаны с опозданием' : 'Не записаны'}
      captionHidden
      rows={items}
      rowKey={(l) => l.lessonId}
      columns={[
        { key: 'pair', title: 'Пара', cell: (l) => (l.pairNo ? `${l.pairNo}${l.endsAt ? ` (до ${l.endsAt})` : ''}` : '—') },
        { key: 'group', title: 'Группа', cell: (l) => l.group },
        { key: 'subject', title: 'Дисциплина', cell: (l) => l.subject },
        { key: 'teacher', title: 'Преподаватель', cell: (l) => l.teacher.name },
        {
          key: 'lesson',
          title: late ? 'Записано' : 'Занятие',
          cell: (l) =>
            late ? dateTimeRu(l.recordedAt, timeZone) : <Link to={`/journal/lessons/${l.lessonId}`}>Открыть занятие {dateRu(l.date)}</Link>,
        },
        onRemark && {
          key: 'remark',
          title: 'Замечание',
          cell: (l) => (
            <button
              type="button"
              className="secondary"
              onClick={() => onRemark(l)}
              aria-label={`Написать замечание: ${l.group}, ${l.subject}, ${l.teacher.name}`}
            >
              Написать замечание
            </button>
          ),
        },
      ]}
    />
  );
}

/** «Контроль заполнения»: a day's unrecorded and late lessons, and the teachers over the term. */
export function FillPage() {
  usePageTitle('Контроль заполнения', 'control-fill');
  const me = useMe();
  const [date, setDate] = useState<string | undefined>(undefined);
  const [remarkFor, setRemarkFor] = useState<FillLesson | null>(null);
  const [sent, setSent] = useState('');
  const q = useQuery({
    queryKey: keyOf('GET /control/fill', { query: { date } }),
    queryFn: () => call('GET /control/fill', { query: { date } }),
  });
  const t = useQuery({ queryKey: keyOf('GET /control/fill/teachers'), queryFn: () => call('GET /control/fill/teachers') });
  const d = q.data;
  return (
    <>
      <h1>Контроль заполнения</h1>
      <div className="actions">
        <div>
          <label htmlFor="fill-date">День</label>
          <input
            id="fill-date"
            ref={focusOnMount}
            type="date"
            value={date ?? d?.date ?? ''}
            max={d?.today}
            onChange={(e) => setDate(e.target.value || undefined)}
          />
        </div>
      </div>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {d && (
        <section className="panel" aria-label="Занятия дня">
          <h2 style={{ marginTop: 0 }}>{dateLongRu(d.date)}</h2>
          <p>
            Прошло {lessonsWord(d.counts.ended)} из {d.counts.lessons}: записано в день занятия — {d.counts.onDay}, с опозданием —{' '}
            {d.counts.late}, не записано — {d.counts.missing}.
          </p>
          {d.missing.length === 0 ? (
            <Empty>Все прошедшие занятия этого дня записаны.</Empty>
          ) : (
            <>
              <h3>Не записаны</h3>
              <LessonRows
                items={d.missing}
                timeZone={me.organization.timeZone}
                onRemark={
                  can(me, 'remark:write')
                    ? (l) => {
                        setRemarkFor(l);
                        setSent('');
                      }
                    : undefined
                }
              />
              {remarkFor && (
                <RemarkForm
                  key={remarkFor.lessonId}
                  lessonId={remarkFor.lessonId}
                  today={d.today}
                  label={`${remarkFor.group}, ${remarkFor.subject}, ${remarkFor.teacher.name}`}
                  onDone={(ok) => {
                    setSent(ok ? `Замечание отправлено: ${remarkFor.teacher.name}.` : '');
                    setRemarkFor(null);
                  }}
                />
              )}
              {sent && <Notice kind="ok">{sent}</Notice>}
            </>
          )}
          {d.late.length > 0 && (
            <>
              <h3>Записаны с опозданием</h3>
              <LessonRows items={d.late} timeZone={me.organization.timeZone} late />
            </>
          )}
        </section>
      )}
      <ErrorNotice error={t.error} />
      {t.data && (
        <section className="panel" aria-label="Преподаватели">
          <h2 style={{ marginTop: 0 }}>Преподаватели · {t.data.term.label}</h2>
          {t.data.items.length === 0 ? (
            <Empty>В семестре ещё не прошло ни одного занятия.</Empty>
          ) : (
            <DataTable
              caption="Преподаватели"
              captionHidden
              rows={t.data.items}
              rowKey={(x) => x.personId}
              columns={[
                { key: 'name', title: 'Преподаватель', cell: (x) => x.name },
                {
                  key: 'missing',
                  title: 'Не записано сейчас',
                  cell: (x) => (x.missing > 0 ? <span className="badge danger">{x.missing}</span> : '0'),
                },
                { key: 'streak', title: 'Самая длинная серия', cell: (x) => x.longestStreak },
                { key: 'onDay', title: 'Записано в день занятия', cell: (x) => pct(x.onDayShare) },
                { key: 'late', title: 'С опозданием', cell: (x) => x.late },
                { key: 'ended', title: 'Прошло занятий', cell: (x) => x.ended },
              ]}
            />
          )}
        </section>
      )}
    </>
  );
}

/** The methodologist's (and the deputy's) home: yesterday's unrecorded lessons. */
export function FillHomePanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/fill'), queryFn: () => call('GET /control/fill') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <section className="panel" aria-label="Незаписанные занятия вчера">
      <h2 style={{ marginTop: 0 }}>Контроль заполнения · {dateLongRu(d.date)}</h2>
      {d.missing.length === 0 ? (
        <p>
          Все прошедшие занятия записаны ({d.counts.ended}){d.counts.late ? `, с опозданием — ${d.counts.late}` : ''}.
        </p>
      ) : (
        <p>
          Не записано {lessonsWord(d.counts.missing)} из {d.counts.ended}
          {d.counts.late ? `, с опозданием — ${d.counts.late}` : ''}.
        </p>
      )}
      {d.missing.length > 0 && (
        <ul>
          {d.missing.slice(0, 10).map((l) => (
            <li key={l.lessonId}>
              <Link to={`/journal/lessons/${l.lessonId}`}>
                {l.pairNo ? `${l.pairNo} пара` : 'Занятие'} · {l.group} · {l.subject}
              </Link>{' '}
              — {l.teacher.name}
            </li>
          ))}
        </ul>
      )}
      <p className="small">
        <Link to="/control/fill">Контроль заполнения</Link>
      </p>
    </section>
  );
}

/** A teacher's home: their own lessons that have ended and are not recorded. */
export function MyUnrecordedPanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/fill/mine'), queryFn: () => call('GET /control/fill/mine') });
  if (!q.data?.items.length) return <ErrorNotice error={q.error} />;
  return (
    <section className="panel" aria-label="Незаписанные занятия">
      <h2 style={{ marginTop: 0 }}>Не записаны: {lessonsWord(q.data.items.length)}</h2>
      <ul>
        {q.data.items.map((l) => (
          <li key={l.lessonId}>
            <Link to={`/journal/lessons/${l.lessonId}`}>
              {dateRu(l.date)}
              {l.pairNo ? `, ${l.pairNo} пара` : ''} · {l.group} · {l.subject}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
