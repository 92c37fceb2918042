import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { limitText, UPLOAD_LIMITS } from '../../../../src/contracts/limits.js';
import { cellText } from '../../../../src/domain/journal-input.js';
import { WORK_TYPE_TITLES, WORK_TYPES, type WorkType } from '../../../../src/domain/marks.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { dateLongRu, dateRu } from '../../format.js';
import { ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { CorrectionDialog, HistoryDialog, SaveIndicator, useSaver } from './components.js';
import { lessonTextSaver, type LessonText, type TextFields } from './lesson-saver.js';
import { cellKey, cellSaver, readMarks, readTokenOf } from './saver.js';
import { usePageTitle } from '../../page-title.js';

type LessonDetail = ApiResponse<'GET /journal/lessons/:id'>;

export function LessonPage() {
  const id = Number(useParams().id);
  // Never shown from an old copy, and kept as read (its read token is attached to this very object).
  const req = { params: { id } };
  const q = useQuery({
    queryKey: keyOf('GET /journal/lessons/:id', req),
    queryFn: () => readMarks(() => call('GET /journal/lessons/:id', req)),
    gcTime: 0,
    structuralSharing: false,
  });
  usePageTitle(q.data ? `Занятие ${dateRu(q.data.date)} · ${q.data.group.name} · ${q.data.subject.name}` : 'Занятие', 'teacher-lesson');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return <LessonView key={id} lesson={q.data!} reload={() => void q.refetch()} />;
}

function windowNotice(l: LessonDetail) {
  if (l.window.state === 'open') {
    return (
      <Notice kind="info">
        Отметки за {dateRu(l.date)} вносятся до {l.window.closesAt === '24:00' ? 'конца дня' : l.window.closesAt}{' '}
        {dateRu(l.window.closesOn)}. Изменения сохраняются сразу.
      </Notice>
    );
  }
  return (
    <Notice kind="warn">
      {l.window.message}
      {l.window.state === 'closed' && l.canWrite ? ' Выберите обучающегося и нажмите Enter, чтобы подать заявку.' : ''}
    </Notice>
  );
}

const textOfLesson = (l: LessonDetail): LessonText => ({
  id: l.id,
  topic: l.topic,
  workDone: l.workDone,
  workTypes: l.workTypes,
  homework: l.homework,
  hours: l.hours,
  version: l.version,
  recorded: l.recorded,
});

function LessonView({ lesson: l, reload }: { lesson: LessonDetail; reload(): void }) {
  const qc = useQueryClient();
  const saver = cellSaver();
  const text = lessonTextSaver(l.id);
  // Each fresh read of the lesson replaces what the savers know of the server (pending edits stay on top).
  const loaded = useRef<LessonDetail | null>(null);
  if (loaded.current !== l) {
    loaded.current = l;
    saver.load(
      l.students.flatMap((s) => s.marks),
      [l.id],
      { silent: true, since: readTokenOf(l) },
    );
    text.init(textOfLesson(l), { topic: l.proposedTopic, homework: l.proposedHomework });
  }
  useEffect(() => {
    saver.onConflict = reload;
    // Kept after the page is left: a save that finishes later still refreshes the teacher's day.
    text.onSaved = () => void qc.invalidateQueries({ queryKey: ['GET /journal/today'] });
    return () => {
      if (saver.onConflict === reload) saver.onConflict = null;
    };
  }, [saver, text, reload, qc]);
  useSaver(saver);
  useSaver(text);
  const savers = useMemo(() => [saver, text], [saver, text]);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [history, setHistory] = useState<number | null>(null);
  const [correction, setCorrection] = useState<{ studentId: number; text?: string } | null>(null);
  const [announce, setAnnounce] = useState(false);
  const recordedBefore = useRef(l.recorded);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const editable = l.canWrite && l.window.state === 'open';
  const canRecord = l.canWrite && l.window.state !== 'future';
  const stored = text.server ?? textOfLesson(l);
  const workTypes = text.value('workTypes');

  const textOf = (studentId: number) =>
    drafts[studentId] ?? saver.pending.get(cellKey(l.id, studentId))?.text ?? cellText(saver.marks(cellKey(l.id, studentId)));

  const commit = (studentId: number) => {
    const typed = drafts[studentId];
    if (typed === undefined) return true;
    if (typed.trim() === cellText(saver.marks(cellKey(l.id, studentId))) && !saver.pending.has(cellKey(l.id, studentId))) {
      setDrafts(({ [studentId]: _, ...rest }) => rest);
      return true;
    }
    const err = saver.set(l.id, studentId, typed.trim());
    setErrors((e) => ({ ...e, [studentId]: err ?? '' }));
    if (!err) setDrafts(({ [studentId]: _, ...rest }) => rest);
    return !err;
  };

  const onStudentKey = (e: KeyboardEvent<HTMLInputElement>, i: number, studentId: number) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return;
    if (e.key === 'Enter' && !editable && l.canWrite && l.window.state === 'closed') {
      e.preventDefault();
      setCorrection({ studentId });
      return;
    }
    if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!commit(studentId)) return;
      const next = inputs.current[i + (e.key === 'ArrowUp' ? -1 : 1)];
      if (next) next.focus();
      else if (e.key === 'Enter') document.getElementById('lesson-save')?.focus();
    }
  };

  /** Saves everything now; a lesson not yet recorded is recorded with the text the page shows. */
  const saveAll = () => {
    for (const s of l.students) commit(s.studentId);
    if (!canRecord) return;
    text.edit({}, { now: true });
    setAnnounce(true);
  };

  const edit = (change: Partial<TextFields>) => text.edit(change, { now: 'workTypes' in change });
  const recordedNow = stored.recorded && !text.unsaved() && (announce || !recordedBefore.current);

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canRecord) {
          e.preventDefault();
          saveAll();
        }
      }}
    >
      <p className="no-print">
        <Link to="/">← Мой день</Link> · <Link to={`/journal/grid/${l.assignmentId}`}>Журнал группы по дисциплине</Link>
      </p>
      <h1>
        {l.subject.code} {l.subject.name} · {l.group.name}
        {l.subgroup ? ` (${l.subgroup.name})` : ''}
      </h1>
      <p className="muted">
        {dateLongRu(l.date)}
        {l.pairNo ? `, ${l.pairNo}-я пара` : ''}
        {l.room ? `, ауд. ${l.room}` : ''} · {l.teacher.shortName}
        {l.substitution && <span className="badge warn">замена</span>}
        {stored.recorded && <span className="badge ok">записано</span>}
      </p>
      {windowNotice(l)}
      <section className="panel" aria-label="Занятие">
        <div className="form-row">
          <div style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="lesson-topic">Тема занятия{l.proposedTopic && !stored.topic ? ' (предложена по КТП)' : ''}</label>
            <input
              id="lesson-topic"
              type="text"
              value={text.value('topic')}
              onChange={(e) => edit({ topic: e.target.value })}
              onBlur={() => text.flush()}
              readOnly={!canRecord}
              autoFocus={canRecord && !l.recorded}
              aria-invalid={!!text.invalid.topic}
              aria-describedby={text.invalid.topic ? 'lesson-topic-error' : undefined}
            />
            {text.invalid.topic && (
              <div className="field-error" id="lesson-topic-error">
                {text.invalid.topic}
              </div>
            )}
          </div>
        </div>
        <fieldset className="work-types">
          <legend>Виды работы на занятии</legend>
          {WORK_TYPES.filter((w) => w !== 'other').map((w) => (
            <label key={w} className="check">
              <input
                type="checkbox"
                checked={workTypes.includes(w)}
                disabled={!canRecord}
                onChange={(e) => edit({ workTypes: e.target.checked ? [...workTypes, w] : workTypes.filter((x) => x !== w) })}
              />
              {WORK_TYPE_TITLES[w as WorkType]}
            </label>
          ))}
        </fieldset>
        <label htmlFor="lesson-work">Содержание работы</label>
        <textarea
          id="lesson-work"
          rows={2}
          value={text.value('workDone')}
          onChange={(e) => edit({ workDone: e.target.value })}
          onBlur={() => text.flush()}
          readOnly={!canRecord}
        />
        <label htmlFor="lesson-homework">Домашнее задание{l.proposedHomework && !stored.homework ? ' (из КТП)' : ''}</label>
        <textarea
          id="lesson-homework"
          rows={2}
          value={text.value('homework')}
          onChange={(e) => edit({ homework: e.target.value })}
          onBlur={() => text.flush()}
          readOnly={!canRecord}
        />
        <div className="form-row">
          <div>
            <label htmlFor="lesson-hours">Часов</label>
            <input
              id="lesson-hours"
              type="number"
              min={1}
              max={8}
              value={text.value('hours')}
              onChange={(e) => edit({ hours: e.target.value })}
              onBlur={() => text.flush()}
              readOnly={!canRecord}
              style={{ width: '6rem' }}
              aria-invalid={!!text.invalid.hours}
            />
            {text.invalid.hours && <div className="field-error">{text.invalid.hours}</div>}
          </div>
          <Files lesson={l} canWrite={canRecord} />
        </div>
        {text.status === 'conflict' && text.conflict && (
          <Notice kind="warn">
            {text.message} Сейчас записано: тема «{text.conflict.topic ?? '—'}»
            {text.conflict.homework ? `, задание «${text.conflict.homework}»` : ''}.{' '}
            <button type="button" className="link" onClick={() => text.keepMine()}>
              Оставить мой текст
            </button>
            {' · '}
            <button type="button" className="link" onClick={() => text.takeSaved()}>
              Взять записанный
            </button>
          </Notice>
        )}
        {text.status === 'error' && text.message && (
          <Notice kind="error">
            {text.message}{' '}
            <button type="button" className="link" onClick={() => text.takeSaved()}>
              Понятно, вернуть записанный текст
            </button>
          </Notice>
        )}
      </section>

      <h2>Обучающиеся</h2>
      <p className="muted small">
        Введите отметку и нажмите Enter — курсор перейдёт к следующему. Оценки: 5 4 3 2, зач, незач; вид работы буквой после оценки (4к —
        контрольная, 5л — лабораторная, 5пр — практическая, 3т — тест); несколько оценок — через пробел. Пропуски: н, б, уп, оп. Пусто —
        удалить.
      </p>
      {l.students.length === 0 ? (
        <Notice kind="warn">В группе на {dateRu(l.date)} нет обучающихся. Проверьте состав группы у администратора журнала.</Notice>
      ) : (
        <div className="table-wrap">
          <table className="list lesson-students">
            <thead>
              <tr>
                <th>№</th>
                <th>Обучающийся</th>
                <th>Отметки</th>
                <th className="no-print">История</th>
              </tr>
            </thead>
            <tbody>
              {l.students.map((s, i) => {
                const key = cellKey(l.id, s.studentId);
                const p = saver.pending.get(key);
                const shown = textOf(s.studentId);
                return (
                  <tr key={s.studentId}>
                    <td>{i + 1}</td>
                    <td>
                      {s.fullName}
                      {s.excuse && (
                        <div className="small muted">
                          Справка: {s.excuse.reason}
                          {s.excuse.document ? ` (${s.excuse.document})` : ''} — «н» считается уважительным
                        </div>
                      )}
                      {s.pendingCorrections > 0 && <span className="badge warn">заявка на рассмотрении</span>}
                    </td>
                    <td>
                      <input
                        ref={(el) => {
                          inputs.current[i] = el;
                        }}
                        type="text"
                        className={`mark-input ${p ? `cell-${p.status}` : ''}`}
                        aria-label={`Отметки: ${s.fullName}`}
                        value={shown}
                        readOnly={!editable}
                        onChange={(e) => setDrafts((d) => ({ ...d, [s.studentId]: e.target.value }))}
                        onBlur={() => commit(s.studentId)}
                        onKeyDown={(e) => onStudentKey(e, i, s.studentId)}
                        autoComplete="off"
                      />
                      {errors[s.studentId] && <div className="field-error">{errors[s.studentId]}</div>}
                      {p?.message && (p.status === 'error' || p.status === 'conflict') && (
                        <div className="field-error">
                          {p.message}{' '}
                          <button type="button" className="link" onClick={() => saver.dismiss(key)}>
                            Понятно
                          </button>
                        </div>
                      )}
                    </td>
                    <td className="no-print">
                      <button
                        type="button"
                        className="secondary small-btn"
                        onClick={() => setHistory(s.studentId)}
                        aria-label={`История: ${s.fullName}`}
                      >
                        История
                      </button>
                      {l.canWrite && l.window.state === 'closed' && (
                        <button type="button" className="secondary small-btn" onClick={() => setCorrection({ studentId: s.studentId })}>
                          Заявка
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canRecord && (
        <div className="actions sticky-actions">
          <button id="lesson-save" type="button" onClick={saveAll}>
            {stored.recorded ? 'Сохранить сейчас' : 'Записать занятие'}
          </button>
          <span className="muted small">Ctrl+Enter</span>
          <SaveIndicator savers={savers} />
        </div>
      )}
      {!canRecord && l.canWrite === false && <p className="muted small">Журнал открыт только для просмотра.</p>}
      {recordedNow && (
        <Notice kind="ok">
          Занятие {dateRu(l.date)} записано: тема «{stored.topic}»{stored.homework ? ', задание задано' : ''}.
        </Notice>
      )}
      {history !== null && <HistoryDialog lessonId={l.id} studentId={history} onClose={() => setHistory(null)} />}
      {correction && (
        <CorrectionDialog
          lessonId={l.id}
          studentId={correction.studentId}
          date={l.date}
          studentName={l.students.find((s) => s.studentId === correction.studentId)?.fullName ?? ''}
          marks={saver.marks(cellKey(l.id, correction.studentId))}
          initialText={correction.text}
          onClose={() => {
            setCorrection(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

function Files({ lesson: l, canWrite }: { lesson: LessonDetail; canWrite: boolean }) {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: keyOf('GET /journal/lessons/:id', { params: { id: l.id } }) });
  const upload = useMutation({
    mutationFn: async (f: File) => {
      const buf = new Uint8Array(await f.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return call('POST /journal/lessons/:id/files', {
        params: { id: l.id },
        body: { fileName: f.name, contentType: f.type || undefined, contentBase64: btoa(bin) },
      });
    },
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: number) => call('DELETE /journal/files/:id', { params: { id } }), onSuccess: refresh });
  return (
    <div>
      <label htmlFor="lesson-file">Файлы к заданию ({limitText(UPLOAD_LIMITS.lessonFile)} каждый)</label>
      {l.files.length > 0 && (
        <ul className="files">
          {l.files.map((f) => (
            <li key={f.id}>
              <a href={hrefOf('GET /journal/files/:id', { params: { id: f.id } })}>{f.fileName}</a>{' '}
              <span className="muted small">{Math.max(1, Math.round(f.size / 1024))} КБ</span>
              {canWrite && (
                <button type="button" className="link" onClick={() => remove.mutate(f.id)} aria-label={`Удалить файл ${f.fileName}`}>
                  удалить
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <input
          id="lesson-file"
          type="file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) upload.mutate(f);
            e.target.value = '';
          }}
        />
      )}
      {!canWrite && l.files.length === 0 && <p className="muted small">Файлов нет.</p>}
      {upload.isPending && <p className="muted small">Загрузка файла…</p>}
      <ErrorNotice error={upload.error ?? remove.error} />
    </div>
  );
}
