import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import type { ApiRequest } from '../../../../src/contracts/api.js';
import { parseCell, type CellMark } from '../../../../src/domain/journal-input.js';
import { ABSENCE_TITLES, WORK_TYPE_TITLES, type AbsenceCode, type WorkType } from '../../../../src/domain/marks.js';
import { call, keyOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { countRu, dateRu, dateTimeRu, numberRu, pluralForm } from '../../format.js';
import { ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { Modal } from '../../ui/modal.js';
import type { Saver } from './saver.js';

export const workTypeTitle = (code: string | null) => (code ? (WORK_TYPE_TITLES[code as WorkType] ?? code) : '');
export const markTitle = (m: { kind: string; value: string; workType?: string | null; weight?: number }) =>
  m.kind === 'absence'
    ? `${m.value} — ${ABSENCE_TITLES[m.value as AbsenceCode] ?? ''}`
    : `${m.value}${m.workType ? `, ${workTypeTitle(m.workType).toLowerCase()}` : ''}${m.weight && m.weight !== 1 ? `, вес ${numberRu(m.weight)}` : ''}`;

/** Re-renders when the saver changes. */
export function useSaver(saver: Saver) {
  return useSyncExternalStore(
    (f) => saver.subscribe(f),
    () => saver.revision,
  );
}

const changes = (n: number) => countRu(n, ['изменение', 'изменения', 'изменений']);

/** «Все изменения сохранены» / «Сохранение…» / «Нет связи» / «Не сохранено» — always visible while editing, and always true. */
export function SaveIndicator({ savers }: { savers: Saver[] }) {
  useSyncExternalStore(
    (f) => {
      const offs = savers.map((s) => s.subscribe(f));
      return () => offs.forEach((off) => off());
    },
    () => savers.map((s) => s.revision).join(':'),
  );
  const all = savers.map((s) => s.state());
  const saving = all.reduce((n, s) => n + s.saving, 0);
  const paused = all.reduce((n, s) => n + s.paused, 0);
  const problems = all.reduce((n, s) => n + s.problems.length, 0);
  const retrying = all.some((s) => s.retrying);
  const will = (n: number) => `${changes(n)} ${pluralForm(n, ['сохранится', 'сохранятся', 'сохранятся'])}`;
  const [kind, text] = problems
    ? ['retrying', `Не сохранено: ${changes(problems + saving + paused)} — см. сообщения на странице`]
    : retrying
      ? ['retrying', `Нет связи с сервером — ${will(saving)} автоматически`]
      : paused
        ? ['retrying', `Сеанс завершён — ${will(paused)} после входа`]
        : saving
          ? ['saving', `Сохранение… (${saving})`]
          : ['saved', 'Все изменения сохранены'];
  return (
    <span className={`save-state ${kind}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}

const ACTION: Record<string, string> = { create: 'поставлена', update: 'изменена', delete: 'удалена' };

export function HistoryDialog({ lessonId, studentId, onClose }: { lessonId: number; studentId: number; onClose(): void }) {
  const me = useMe();
  const req = { query: { lessonId, studentId } };
  const q = useQuery({ queryKey: keyOf('GET /journal/history', req), queryFn: () => call('GET /journal/history', req) });
  const h = q.data;
  return (
    <Modal title="История клетки" onClose={onClose}>
      {q.isLoading && <Loading />}
      <ErrorNotice error={q.error} />
      {h && (
        <>
          <p className="muted small">
            {h.student.fullName} · {h.lesson.subject} · {h.lesson.group} · {dateRu(h.lesson.date)}
          </p>
          {h.events.length === 0 ? (
            <p>Отметок не было.</p>
          ) : (
            <ol className="history">
              {h.events.map((e) => (
                <li key={e.id}>
                  <strong>{dateTimeRu(e.at, me.organization.timeZone)}</strong> · {e.user}: {e.kind === 'absence' ? 'пропуск' : 'оценка'}{' '}
                  {ACTION[e.action]} {e.action === 'create' && <b>{e.newValue}</b>}
                  {e.action === 'update' && (
                    <>
                      <s>{e.oldValue}</s> → <b>{e.newValue}</b>
                    </>
                  )}
                  {e.action === 'delete' && <s>{e.oldValue}</s>}
                  {e.newWorkType && e.kind === 'grade' && <span className="muted"> ({workTypeTitle(e.newWorkType).toLowerCase()})</span>}
                  {e.correctionRequestId && <span className="badge warn">по заявке № {e.correctionRequestId}</span>}
                  {e.reason && <div className="small muted">Причина: {e.reason}</div>}
                </li>
              ))}
            </ol>
          )}
          {h.excuse && (
            <Notice kind="info">
              Куратор {h.excuse.by} признал пропуски с {dateRu(h.excuse.fromDate)} по {dateRu(h.excuse.toDate)} уважительными:{' '}
              {h.excuse.reason}
              {h.excuse.document ? ` (${h.excuse.document})` : ''}. Отметка преподавателя сохранена.
            </Notice>
          )}
          {h.corrections.length > 0 && (
            <>
              <h3>Заявки на исправление</h3>
              <ul>
                {h.corrections.map((c) => (
                  <li key={c.id}>
                    № {c.id}: {c.oldValue ?? '—'} → {c.newValue ?? 'удалить'} · {CORRECTION_STATUS[c.status]} · {c.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Modal>
  );
}

export const CORRECTION_STATUS: Record<string, string> = { pending: 'на рассмотрении', approved: 'утверждена', rejected: 'отклонена' };

/** The way on after the entry window closed: what, old → new, why (п. 3.13). */
export function CorrectionDialog({
  lessonId,
  studentId,
  studentName,
  date,
  marks,
  initialText,
  onClose,
}: {
  lessonId: number;
  studentId: number;
  studentName: string;
  date: string;
  marks: CellMark[];
  initialText?: string;
  onClose(): void;
}) {
  const qc = useQueryClient();
  const [markId, setMarkId] = useState<string>(marks[0] ? String(marks[0].id) : 'new');
  const [value, setValue] = useState(initialText ?? '');
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (body: ApiRequest<'POST /journal/corrections'>['body']) => call('POST /journal/corrections', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['GET /journal/corrections'] }),
  });
  const submit = () => {
    setLocalError(null);
    const text = value.trim();
    const parsed = parseCell(text);
    if (!parsed.ok) return setLocalError(parsed.message);
    if (parsed.items.length > 1) return setLocalError('В одной заявке — одна отметка.');
    const item = parsed.items[0];
    if (!item && markId === 'new') return setLocalError('Введите новую отметку.');
    m.mutate({
      lessonId,
      studentId,
      markId: markId === 'new' ? null : Number(markId),
      value: item ? item.value : null,
      workType: item?.kind === 'grade' ? item.workType : null,
      weight: item?.kind === 'grade' ? item.weight : null,
      reason,
    });
  };
  return (
    <Modal title="Заявка на исправление" onClose={onClose}>
      {m.isSuccess ? (
        <>
          <Notice kind="ok">
            Заявка № {m.data.id} отправлена заместителю директора и заведующей УМС. Отметка изменится после утверждения; решение появится в
            разделе «Исправления».
          </Notice>
          <div className="actions">
            <button type="button" onClick={onClose}>
              Готово
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), submit())}>
          <p className="muted small">
            {studentName} · занятие {dateRu(date)}. Срок внесения истёк: изменение вступит в силу после утверждения.
          </p>
          <label htmlFor="corr-mark">Что исправить</label>
          <select id="corr-mark" value={markId} onChange={(e) => setMarkId(e.target.value)}>
            {marks.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {markTitle(x)}
              </option>
            ))}
            <option value="new">Добавить пропущенную отметку</option>
          </select>
          <label htmlFor="corr-value">Новое значение (пусто — удалить отметку)</label>
          <input
            id="corr-value"
            type="text"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder="например, 4 или н"
            autoComplete="off"
          />
          <label htmlFor="corr-reason">Причина исправления</label>
          <textarea
            id="corr-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            placeholder="Например: ошибочно выставлена оценка другому обучающемуся"
          />
          {localError && <Notice kind="error">{localError}</Notice>}
          <ErrorNotice error={m.error} />
          <div className="actions">
            <button type="submit" disabled={m.isPending}>
              Отправить заявку
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
