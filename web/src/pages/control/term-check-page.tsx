import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FEW_GRADES_RU, type MyTermCheckPart, type TermCheckRow } from '../../../../src/contracts/control-term-check.js';
import { todayIn } from '../../../../src/domain/dates.js';
import { defaultTerm } from '../../../../src/domain/terms.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { dateTimeRu, numberRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { TermSelect } from '../curriculum/common.js';

// The end-of-term check (п. 5.3, 5.4): the deputy makes the справка to the director, the director
// reads it, teachers and curators acknowledge their part.

const works = (w: { planned: number | null; held: number; graded: number }) =>
  w.held || w.planned ? `проведено ${w.held}${w.planned === null ? '' : ` из ${w.planned} по КТП`}, с оценками ${w.graded}` : '—';
/** Накопляемость: who has fewer than the minimum of grades over the term, with their count. */
const accumulation = (r: TermCheckRow) => {
  const a = r.accumulation;
  if (!a) return '—';
  if (!a.few.length) return <span className="badge ok">нет</span>;
  return `${a.few.length} из ${a.students}: ${a.few.map((x) => `${x.name} (${x.grades})`).join(', ')}`;
};
const hours = (n: number | null) => (n === null ? '—' : `${numberRu(n)} ч`);

function CheckRows({ rows, caption }: { rows: TermCheckRow[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={rows}
      rowKey={(r) => r.assignmentId}
      empty="В семестре нет нагрузки."
      columns={[
        { key: 'group', title: 'Группа', cell: (r) => (r.subgroupName ? `${r.groupName} (${r.subgroupName})` : r.groupName) },
        { key: 'subject', title: 'Дисциплина', cell: (r) => `${r.code} ${r.subjectName}` },
        { key: 'teacher', title: 'Преподаватель', cell: (r) => r.teacherName },
        { key: 'plan', title: 'По плану', cell: (r) => hours(r.curriculumHours) },
        { key: 'timetable', title: 'По расписанию', cell: (r) => hours(r.timetableHours) },
        { key: 'delivered', title: 'Записано', cell: (r) => hours(r.deliveredHours) },
        { key: 'control', title: 'Контрольные', cell: (r) => works(r.works.control) },
        { key: 'laboratory', title: 'Лабораторные', cell: (r) => works(r.works.laboratory) },
        { key: 'practical', title: 'Практические', cell: (r) => works(r.works.practical) },
        { key: 'far', title: 'Итоговые, расходящиеся со средним', cell: (r) => `${r.farFromAverage} из ${r.termGrades}` },
        { key: 'overrides', title: 'Вопреки п. 4.2', cell: (r) => r.overrides },
        { key: 'absences', title: 'Пропуски', cell: (r) => hours(r.absenceHours) },
        { key: 'accumulation', title: `Оценок за семестр ${FEW_GRADES_RU}`, cell: accumulation },
        {
          key: 'findings',
          title: 'Замечания',
          cell: (r) => (r.findings.length ? r.findings.join('; ') : <span className="badge ok">нет</span>),
        },
      ]}
    />
  );
}

/** «Итоги семестра»: the checks of a term; the deputy makes a new one. */
export function TermChecksPage() {
  usePageTitle('Проверка журналов по итогам семестра', 'term-check');
  const me = useMe();
  const qc = useQueryClient();
  const years = useQuery({ queryKey: keyOf('GET /academic-years'), queryFn: () => call('GET /academic-years') });
  const terms = (years.data ?? []).flatMap((y) =>
    y.terms.map((t) => ({ ...t, label: `${y.name}, ${t.number}-й семестр`, yearClosed: y.status === 'archived' })),
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const termId = chosen ?? defaultTerm(terms, todayIn(me.organization.timeZone))?.id ?? null;
  const yearClosed = terms.find((t) => t.id === termId)?.yearClosed ?? false;
  const list = useQuery({
    queryKey: keyOf('GET /control/term-checks', { query: { termId: termId ?? undefined } }),
    queryFn: () => call('GET /control/term-checks', { query: { termId: termId ?? undefined } }),
    enabled: termId !== null,
  });
  const make = useMutation({
    mutationFn: (id: number) => call('POST /control/term-checks', { body: { termId: id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['GET /control/term-checks'] }),
  });
  return (
    <>
      <h1>Проверка журналов по итогам семестра</h1>
      <p className="muted">
        Выполнение программы по учебному плану и по расписанию, контрольные, лабораторные и практические работы, объективность итоговых
        оценок и пропуски — справка на имя директора, с которой знакомятся преподаватели и кураторы.
      </p>
      <div className="actions">
        {terms.length > 0 && <TermSelect id="term-check-term" terms={terms} value={termId} onChange={setChosen} />}
        {termId !== null && !yearClosed && can(me, 'control:reports:make') && (
          <button type="button" onClick={() => make.mutate(termId)} disabled={make.isPending}>
            Составить справку
          </button>
        )}
      </div>
      {yearClosed && <p className="muted">Учебный год закрыт: справки за его семестры можно только просматривать.</p>}
      <ErrorNotice error={years.error ?? make.error ?? list.error} />
      {make.data && (
        <Notice kind="ok">
          Справка составлена: <Link to={`/control/term-checks/${make.data.id}`}>{make.data.title}</Link>
        </Notice>
      )}
      {list.isLoading && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>За этот семестр справок нет.</Empty>
        ) : (
          <DataTable
            caption="Справки"
            captionHidden
            rows={list.data.items}
            rowKey={(c) => c.id}
            columns={[
              { key: 'title', title: 'Справка', cell: (c) => <Link to={`/control/term-checks/${c.id}`}>{c.title}</Link> },
              { key: 'by', title: 'Составил', cell: (c) => c.madeBy ?? 'сделана автоматически' },
              { key: 'at', title: 'Когда', cell: (c) => dateTimeRu(c.createdAt, me.organization.timeZone) },
              { key: 'ack', title: 'Ознакомлены', cell: (c) => `${c.acknowledged} из ${c.parts}` },
            ]}
          />
        ))}
    </>
  );
}

/** One справка: findings, figures, and who has acknowledged their part. */
export function TermCheckPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const q = useQuery({
    queryKey: keyOf('GET /control/term-checks/:id', { params: { id } }),
    queryFn: () => call('GET /control/term-checks/:id', { params: { id } }),
  });
  usePageTitle(q.data?.title ?? 'Справка по итогам семестра', 'term-check');
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorNotice error={q.error} />;
  const c = q.data;
  const waiting = c.partsList.filter((p) => !p.acknowledgedAt);
  return (
    <>
      <p>
        <Link to="/control/term-checks">Все справки</Link>
      </p>
      <h1>{c.title}</h1>
      <p className="muted">
        На имя директора, {c.organizationName}. {c.madeBy ? `Составил ${c.madeBy}` : 'Сделана автоматически по окончании семестра'},{' '}
        {dateTimeRu(c.createdAt, me.organization.timeZone)}.
      </p>
      <div className="actions">
        <a className="button secondary" href={hrefOf('GET /control/term-checks/:id/report.pdf', { params: { id } })} download>
          Скачать PDF
        </a>
        <a className="button secondary" href={hrefOf('GET /control/term-checks/:id/report.xlsx', { params: { id } })} download>
          Скачать Excel
        </a>
      </div>
      <section className="panel" aria-label="Выводы">
        <h2 style={{ marginTop: 0 }}>Выводы</h2>
        <ul>
          {c.findings.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      </section>
      <h2>Показатели по журналам</h2>
      <CheckRows rows={c.rows} caption="Показатели по журналам" />
      <h2>
        Ознакомлены: {c.acknowledged} из {c.parts}
      </h2>
      {waiting.length > 0 && <Notice kind="warn">Не ознакомлены: {waiting.map((p) => p.personName).join(', ')}.</Notice>}
      <DataTable
        caption="Ознакомление"
        captionHidden
        rows={c.partsList}
        rowKey={(p) => p.id}
        columns={[
          { key: 'name', title: 'Кому', cell: (p) => p.personName },
          { key: 'role', title: 'Часть', cell: (p) => (p.role === 'curator' ? 'куратор группы' : 'преподаватель') },
          {
            key: 'at',
            title: 'Ознакомлен',
            cell: (p) =>
              p.acknowledgedAt ? dateTimeRu(p.acknowledgedAt, me.organization.timeZone) : <span className="badge warn">нет</span>,
          },
        ]}
      />
    </>
  );
}

function MyPart({ part }: { part: MyTermCheckPart }) {
  const me = useMe();
  const qc = useQueryClient();
  const ack = useMutation({
    mutationFn: () => call('POST /control/term-checks/parts/:id/ack', { params: { id: part.partId } }),
    onSuccess: (d) => qc.setQueryData(keyOf('GET /control/term-checks/mine'), d),
  });
  return (
    <section className="panel" aria-label={part.title}>
      <h2 style={{ marginTop: 0 }}>{part.title}</h2>
      <p className="small muted">{part.role === 'curator' ? 'Журналы вашей группы' : 'Ваши журналы'}</p>
      <CheckRows rows={part.rows} caption={part.title} />
      {part.canAcknowledge ? (
        <div className="actions">
          <button type="button" onClick={() => ack.mutate()} disabled={ack.isPending}>
            Ознакомлен
          </button>
        </div>
      ) : (
        <p className="small">Ознакомлен {part.acknowledgedAt ? dateTimeRu(part.acknowledgedAt, me.organization.timeZone) : ''}</p>
      )}
      <ErrorNotice error={ack.error} />
    </section>
  );
}

/** A teacher's or curator's parts of the справки. */
export function MyTermChecksPage() {
  usePageTitle('Итоги проверки журналов', 'term-check');
  const q = useQuery({ queryKey: keyOf('GET /control/term-checks/mine'), queryFn: () => call('GET /control/term-checks/mine') });
  return (
    <>
      <h1>Итоги проверки журналов</h1>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data &&
        (q.data.items.length === 0 ? (
          <Empty>Справок по итогам проверки для вас нет.</Empty>
        ) : (
          q.data.items.map((p) => <MyPart key={p.partId} part={p} />)
        ))}
    </>
  );
}

/** The home of a teacher or curator: parts not yet acknowledged. */
export function MyTermChecksPanel() {
  const q = useQuery({ queryKey: keyOf('GET /control/term-checks/mine'), queryFn: () => call('GET /control/term-checks/mine') });
  const open = q.data?.items.filter((p) => p.canAcknowledge) ?? [];
  if (!open.length) return <ErrorNotice error={q.error} />;
  return (
    <>
      {open.map((p) => (
        <MyPart key={p.partId} part={p} />
      ))}
      <p className="small">
        <Link to="/control/term-checks/mine">Все справки по итогам проверки</Link>
      </p>
    </>
  );
}
