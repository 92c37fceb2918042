import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Remark } from '../../../../src/contracts/control-remarks.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { dateRu, dateTimeRu } from '../../format.js';
import { Empty, ErrorNotice, Field, Loading, Notice } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';
import { useForm } from '../../ui/form.js';

// Remarks on keeping the journal (п. 3.11, 5.4).

const STATUS: Record<Remark['status'], string> = { open: 'открыто', fixed: 'исправлено, ждёт подтверждения', confirmed: 'подтверждено' };
const ACTION: Record<Remark['history'][number]['action'], string> = {
  create: 'написано',
  fix: 'исправлено',
  confirm: 'подтверждено',
  reopen: 'возвращено',
};

const ACTION_KEYS = {
  fix: 'POST /control/remarks/:id/fix',
  confirm: 'POST /control/remarks/:id/confirm',
  reopen: 'POST /control/remarks/:id/reopen',
} as const;

function addDaysIso(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Writes a remark on a lesson (from the fill control). */
export function RemarkForm({
  lessonId,
  label,
  today,
  onDone,
}: {
  lessonId: number;
  label: string;
  today: string;
  onDone(sent: boolean): void;
}) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { text: string; dueDate: string }) =>
      call('POST /control/remarks', { body: { target: { kind: 'lesson', lessonId }, ...v } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['GET /control/remarks'] });
      onDone(true);
    },
  });
  const form = useForm(
    { text: 'Занятие не записано: нет темы и отметок посещаемости.', dueDate: addDaysIso(today, 2) },
    { error: m.error, onSubmit: (v) => m.mutate(v) },
  );
  return (
    <form className="panel" aria-label="Замечание" {...form.form}>
      <h3 style={{ marginTop: 0 }}>Замечание: {label}</h3>
      <Field label="Текст замечания" {...form.field('text')} autoFocus />
      <Field label="Исправить до" type="date" min={today} {...form.field('dueDate')} />
      {m.error && !Object.keys(form.errors).length ? <ErrorNotice error={m.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={m.isPending}>
          Отправить замечание
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function RemarkCard({ r, timeZone }: { r: Remark; timeZone: string }) {
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const [done, setDone] = useState('');
  const m = useMutation({
    // A return without a comment goes as it is: the server answers with the reason it is needed.
    mutationFn: (action: keyof typeof ACTION_KEYS) =>
      call(ACTION_KEYS[action], { params: { id: r.id }, body: (comment ? { comment } : {}) as { comment: string } }),
    onSuccess: (x) => {
      setDone(`Замечание ${STATUS[x.status]}.`);
      setComment('');
      void qc.invalidateQueries({ queryKey: ['GET /control/remarks'] });
    },
  });
  return (
    <li className="panel" aria-label={`Замечание: ${r.target.label}`}>
      <div>
        <strong>
          {r.target.lessonId ? (
            <Link to={`/journal/lessons/${r.target.lessonId}`}>{r.target.label}</Link>
          ) : r.target.assignmentId ? (
            <Link to={`/journal/grid/${r.target.assignmentId}`}>{r.target.label}</Link>
          ) : (
            r.target.label
          )}
        </strong>{' '}
        <span className={`badge ${r.escalated ? 'danger' : r.status === 'open' ? 'warn' : 'ok'}`}>
          {r.escalated ? 'просрочено' : STATUS[r.status]}
        </span>
      </div>
      <p>{r.text}</p>
      <p className="small muted">
        Преподаватель: {r.teacher.name} · автор: {r.author} · срок: {dateRu(r.dueDate)}
      </p>
      <details>
        <summary className="small">История</summary>
        <ul className="small">
          {r.history.map((h, i) => (
            <li key={i}>
              {dateTimeRu(h.at, timeZone)} — {ACTION[h.action]} ({h.by}){h.comment ? `: ${h.comment}` : ''}
            </li>
          ))}
        </ul>
      </details>
      {(r.canFix || r.canConfirm || r.canReopen) && (
        <div className="actions">
          <Field
            label={r.canReopen ? 'Комментарий (для возврата — обязательно)' : 'Комментарий'}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {r.canFix && (
            <button type="button" onClick={() => m.mutate('fix')} disabled={m.isPending}>
              Исправлено
            </button>
          )}
          {r.canConfirm && (
            <button type="button" onClick={() => m.mutate('confirm')} disabled={m.isPending}>
              Подтвердить
            </button>
          )}
          {r.canReopen && (
            <button type="button" className="secondary" onClick={() => m.mutate('reopen')} disabled={m.isPending}>
              Вернуть
            </button>
          )}
        </div>
      )}
      <ErrorNotice error={m.error} />
      {done && <Notice kind="ok">{done}</Notice>}
    </li>
  );
}

function RemarkItems({ items }: { items: Remark[] }) {
  const me = useMe();
  return (
    <ul className="plain">
      {items.map((r) => (
        <RemarkCard key={r.id} r={r} timeZone={me.organization.timeZone} />
      ))}
    </ul>
  );
}

/** «Замечания»: the caller's remarks within reach, active or all. */
export function RemarksPage() {
  usePageTitle('Замечания по ведению журнала', 'control-fill');
  const [status, setStatus] = useState<'active' | 'all'>('active');
  const q = useQuery({
    queryKey: keyOf('GET /control/remarks', { query: { status } }),
    queryFn: () => call('GET /control/remarks', { query: { status } }),
  });
  return (
    <>
      <h1>Замечания по ведению журнала</h1>
      <div className="actions">
        <label className="check">
          <input type="checkbox" checked={status === 'all'} onChange={(e) => setStatus(e.target.checked ? 'all' : 'active')} /> Показать
          подтверждённые
        </label>
      </div>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {q.data && (q.data.items.length === 0 ? <Empty>Замечаний нет.</Empty> : <RemarkItems items={q.data.items} />)}
    </>
  );
}

/** A teacher's home: remarks to fix; the deputy's: remarks past due. */
export function RemarksHomePanel({ escalated }: { escalated?: boolean }) {
  const query = escalated ? ({ status: 'open', escalated: '1' } as const) : ({ status: 'active' } as const);
  const q = useQuery({ queryKey: keyOf('GET /control/remarks', { query }), queryFn: () => call('GET /control/remarks', { query }) });
  if (!q.data?.items.length) return <ErrorNotice error={q.error} />;
  return (
    <section className="panel" aria-label={escalated ? 'Просроченные замечания' : 'Замечания ко мне'}>
      <h2 style={{ marginTop: 0 }}>{escalated ? 'Просроченные замечания' : 'Замечания по ведению журнала'}</h2>
      <RemarkItems items={q.data.items} />
      <p className="small">
        <Link to="/control/remarks">Все замечания</Link>
      </p>
    </section>
  );
}

export const TeacherRemarksPanel = () => <RemarksHomePanel />;
export const EscalatedRemarksPanel = () => <RemarksHomePanel escalated />;
