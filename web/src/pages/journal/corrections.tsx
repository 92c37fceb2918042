import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu, dateTimeRu } from '../../format.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { CORRECTION_STATUS, workTypeTitle } from './components.js';
import { usePageTitle } from '../../page-title.js';

const TABS = [
  ['pending', 'На рассмотрении'],
  ['approved', 'Утверждённые'],
  ['rejected', 'Отклонённые'],
] as const;

/** The deputy's and methodologist's inbox of late changes (п. 3.13); the director reads it; a teacher sees their own. */
export function CorrectionsPage() {
  usePageTitle('Исправления в журналах', 'corrections');
  const me = useMe();
  const [status, setStatus] = useState<(typeof TABS)[number][0]>('pending');
  const q = useQuery({
    queryKey: keyOf('GET /journal/corrections', { query: { status } }),
    queryFn: () => call('GET /journal/corrections', { query: { status } }),
  });
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <h1>Исправления в журналах</h1>
      <p className="muted">
        {q.data?.canDecide
          ? 'Заявки преподавателей на изменение отметок после окончания срока внесения. Изменение попадает в журнал только после утверждения и сохраняется в истории клетки.'
          : q.data?.readsAll
            ? 'Заявки преподавателей на изменение отметок после окончания срока внесения. Их утверждает заместитель директора или заведующий УМС; здесь они видны для контроля.'
            : 'Ваши заявки на исправление отметок после окончания срока внесения.'}
      </p>
      <div className="tabs" role="tablist" aria-label="Состояние заявок">
        {TABS.map(([k, title]) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={status === k}
            className={status === k ? '' : 'secondary'}
            onClick={() => {
              setStatus(k);
              setDone(null);
            }}
          >
            {title}
          </button>
        ))}
      </div>
      {done && <Notice kind="ok">{done}</Notice>}
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data && q.data.items.length === 0 && (
        <Empty>
          {status === 'pending'
            ? q.data.readsAll
              ? 'Новых заявок нет.'
              : 'Заявок на рассмотрении нет. Заявку подают из журнала: выберите клетку прошедшего занятия и нажмите Enter.'
            : 'Заявок нет.'}
        </Empty>
      )}
      {q.data?.items.map((c) => (
        <CorrectionCard key={c.id} c={c} timeZone={me.organization.timeZone} onDone={setDone} />
      ))}
    </>
  );
}

type Correction = ApiResponse<'GET /journal/corrections'>['items'][number];

function CorrectionCard({ c, timeZone, onDone }: { c: Correction; timeZone: string; onDone(text: string): void }) {
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      approve
        ? call('POST /journal/corrections/:id/approve', { params: { id: c.id }, body: { comment: comment || undefined } })
        : call('POST /journal/corrections/:id/reject', { params: { id: c.id }, body: { comment } }),
    onSuccess: (r) => {
      onDone(
        r.status === 'approved'
          ? `Заявка № ${r.id} утверждена: ${r.student.fullName}, ${dateRu(r.lesson.date)} — ${r.oldValue ?? 'нет отметки'} → ${r.newValue ?? 'удалена'}.`
          : `Заявка № ${r.id} отклонена; журнал не изменён.`,
      );
      void qc.invalidateQueries({ queryKey: ['GET /journal/corrections'] });
    },
  });
  return (
    <section className="card correction-card" aria-label={`Заявка № ${c.id}`}>
      <h3>
        № {c.id} · {c.student.fullName}
      </h3>
      <p>
        <strong>{c.group}</strong> · {c.subject} · занятие {dateRu(c.lesson.date)}
        <br />
        {c.kind === 'grade' ? 'Оценка' : 'Пропуск'}:{' '}
        <span className="change">
          <s>{c.oldValue ?? 'нет'}</s> → <b>{c.newValue ?? 'удалить'}</b>
        </span>
        {c.newWorkType && <span className="muted"> ({workTypeTitle(c.newWorkType).toLowerCase()})</span>}
      </p>
      <p className="small">Причина: {c.reason}</p>
      <p className="small muted">
        Подал(а) {c.requestedBy}, {dateTimeRu(c.requestedAt, timeZone)} · {CORRECTION_STATUS[c.status]}
        {c.decidedBy ? `: ${c.decidedBy}, ${dateTimeRu(c.decidedAt, timeZone)}` : ''}
        {c.decisionComment ? ` — «${c.decisionComment}»` : ''}
      </p>
      <p className="small">
        <Link to={`/journal/lessons/${c.lesson.id}`}>Открыть занятие</Link>
      </p>
      {c.canDecide && (
        <>
          <label htmlFor={`decision-${c.id}`}>Комментарий (обязателен при отклонении)</label>
          <input id={`decision-${c.id}`} type="text" value={comment} onChange={(e) => setComment(e.target.value)} />
          <ErrorNotice error={decide.error} />
          <div className="actions">
            <button type="button" onClick={() => decide.mutate(true)} disabled={decide.isPending}>
              Утвердить
            </button>
            <button type="button" className="danger" onClick={() => decide.mutate(false)} disabled={decide.isPending}>
              Отклонить
            </button>
          </div>
        </>
      )}
    </section>
  );
}
