import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { LessonDetail, LessonFile } from '../../../../src/contracts/journal.js';
import { cellText } from '../../../../src/domain/journal-input.js';
import { WORK_TYPE_TITLES, WORK_TYPES, type WorkType } from '../../../../src/domain/marks.js';
import { ApiError, del, get, post, put } from '../../api.js';
import { dateLongRu, dateRu } from '../../format.js';
import { ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { CorrectionDialog, HistoryDialog, SaveIndicator, useSaver } from './components.js';
import { cellKey, CellSaver } from './saver.js';
import { usePageTitle } from '../../page-title.js';

export function LessonPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['journal-lesson', id], queryFn: () => get<LessonDetail>(`/journal/lessons/${id}`) });
  usePageTitle(q.data ? `Занятие ${dateRu(q.data.date)} · ${q.data.group.name} · ${q.data.subject.name}` : 'Занятие', 'teacher-lesson');
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return <LessonView key={id} lesson={q.data!} reload={() => void q.refetch()} />;
}

function windowNotice(l: LessonDetail) {
  if (l.window.state === 'open') {
    return <Notice kind="info">Отметки за {dateRu(l.date)} вносятся до {l.window.closesAt === '24:00' ? 'конца дня' : l.window.closesAt} {dateRu(l.window.closesOn)}. Изменения сохраняются сразу.</Notice>;
  }
  return <Notice kind="warn">{l.window.message}{l.window.state === 'closed' && l.canWrite ? ' Выберите обучающегося и нажмите Enter, чтобы подать заявку.' : ''}</Notice>;
}

function LessonView({ lesson: l, reload }: { lesson: LessonDetail; reload(): void }) {
  const qc = useQueryClient();
  const saver = useMemo(() => new CellSaver(l.students.flatMap((s) => s.marks)), [l.id]);
  // The lesson is re-read after a save too; marks saved meanwhile must not be replaced by that
  // older copy, so the saver reloads only when a conflict asked for the server's current state.
  const wantLoad = useRef(false);
  useEffect(() => {
    saver.onConflict = () => {
      wantLoad.current = true;
      reload();
    };
  }, [saver, reload]);
  useEffect(() => {
    if (!wantLoad.current) return;
    wantLoad.current = false;
    saver.load(l.students.flatMap((s) => s.marks));
  }, [l, saver]);
  useSaver(saver);
  const [topic, setTopic] = useState(l.topic ?? l.proposedTopic ?? '');
  const [workDone, setWorkDone] = useState(l.workDone ?? '');
  const [workTypes, setWorkTypes] = useState<string[]>(l.workTypes.length ? l.workTypes : ['oral']);
  const [homework, setHomework] = useState(l.homework ?? l.proposedHomework ?? '');
  const [hours, setHours] = useState(String(l.hours));
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [history, setHistory] = useState<number | null>(null);
  const [correction, setCorrection] = useState<{ studentId: number; text?: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const editable = l.canWrite && l.window.state === 'open';
  const canRecord = l.canWrite && l.window.state !== 'future';

  const record = useMutation({
    mutationFn: () => put<LessonDetail>(`/journal/lessons/${l.id}`, { version: l.version, topic, workDone: workDone || null, workTypes, homework: homework || null, hours: Number(hours) }),
    onSuccess: (data) => {
      qc.setQueryData(['journal-lesson', l.id], data);
      void qc.invalidateQueries({ queryKey: ['journal-today'] });
      setSaved(`Занятие ${dateRu(l.date)} записано: тема «${data.topic}»${data.homework ? ', задание задано' : ''}.`);
    },
  });

  const textOf = (studentId: number) => drafts[studentId] ?? saver.pending.get(cellKey(l.id, studentId))?.text ?? cellText(saver.marks(cellKey(l.id, studentId)));

  const commit = (studentId: number) => {
    const text = drafts[studentId];
    if (text === undefined) return true;
    if (text.trim() === cellText(saver.marks(cellKey(l.id, studentId)))) {
      setDrafts(({ [studentId]: _, ...rest }) => rest);
      return true;
    }
    const err = saver.set(l.id, studentId, text.trim());
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

  const saveAll = () => {
    for (const s of l.students) commit(s.studentId);
    if (canRecord) record.mutate();
  };

  const conflict = record.error instanceof ApiError && record.error.status === 409 ? (record.error.details as { current?: { topic: string | null } } | undefined)?.current : undefined;

  return (
    <div onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canRecord) { e.preventDefault(); saveAll(); } }}>
      <p className="no-print"><Link to="/">← Мой день</Link> · <Link to={`/journal/grid/${l.assignmentId}`}>Журнал группы по дисциплине</Link></p>
      <h1>{l.subject.code} {l.subject.name} · {l.group.name}{l.subgroup ? ` (${l.subgroup.name})` : ''}</h1>
      <p className="muted">
        {dateLongRu(l.date)}{l.pairNo ? `, ${l.pairNo}-я пара` : ''}{l.room ? `, ауд. ${l.room}` : ''} · {l.teacher.shortName}
        {l.substitution && <span className="badge warn">замена</span>}
        {l.recorded && <span className="badge ok">записано</span>}
      </p>
      {windowNotice(l)}
      <section className="panel" aria-label="Занятие">
        <div className="form-row">
          <div style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="lesson-topic">Тема занятия{l.proposedTopic && !l.topic ? ' (предложена по КТП)' : ''}</label>
            <input id="lesson-topic" type="text" value={topic} onChange={(e) => setTopic(e.target.value)} readOnly={!canRecord} autoFocus={canRecord && !l.recorded} />
          </div>
        </div>
        <fieldset className="work-types">
          <legend>Виды работы на занятии</legend>
          {WORK_TYPES.filter((w) => w !== 'other').map((w) => (
            <label key={w} className="check">
              <input type="checkbox" checked={workTypes.includes(w)} disabled={!canRecord} onChange={(e) => setWorkTypes((ws) => (e.target.checked ? [...ws, w] : ws.filter((x) => x !== w)))} />
              {WORK_TYPE_TITLES[w as WorkType]}
            </label>
          ))}
        </fieldset>
        <label htmlFor="lesson-work">Содержание работы</label>
        <textarea id="lesson-work" rows={2} value={workDone} onChange={(e) => setWorkDone(e.target.value)} readOnly={!canRecord} />
        <label htmlFor="lesson-homework">Домашнее задание{l.proposedHomework && !l.homework ? ' (из КТП)' : ''}</label>
        <textarea id="lesson-homework" rows={2} value={homework} onChange={(e) => setHomework(e.target.value)} readOnly={!canRecord} />
        <div className="form-row">
          <div>
            <label htmlFor="lesson-hours">Часов</label>
            <input id="lesson-hours" type="number" min={1} max={8} value={hours} onChange={(e) => setHours(e.target.value)} readOnly={!canRecord} style={{ width: '6rem' }} />
          </div>
          <Files lesson={l} canWrite={canRecord} />
        </div>
      </section>

      <h2>Обучающиеся</h2>
      <p className="muted small">
        Введите отметку и нажмите Enter — курсор перейдёт к следующему. Оценки: 5 4 3 2, зач, незач; вид работы буквой после оценки (4к — контрольная, 5л — лабораторная, 5пр — практическая, 3т — тест);
        несколько оценок — через пробел. Пропуски: н, б, уп, оп. Пусто — удалить.
      </p>
      {l.students.length === 0 ? <Notice kind="warn">В группе на {dateRu(l.date)} нет обучающихся. Проверьте состав группы у администратора журнала.</Notice> : (
        <div className="table-wrap">
          <table className="list lesson-students">
            <thead><tr><th>№</th><th>Обучающийся</th><th>Отметки</th><th className="no-print">История</th></tr></thead>
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
                      {s.excuse && <div className="small muted">Справка: {s.excuse.reason}{s.excuse.document ? ` (${s.excuse.document})` : ''} — «н» считается уважительным</div>}
                      {s.pendingCorrections > 0 && <span className="badge warn">заявка на рассмотрении</span>}
                    </td>
                    <td>
                      <input
                        ref={(el) => { inputs.current[i] = el; }}
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
                        <div className="field-error">{p.message} <button type="button" className="link" onClick={() => saver.dismiss(key)}>Понятно</button></div>
                      )}
                    </td>
                    <td className="no-print">
                      <button type="button" className="secondary small-btn" onClick={() => setHistory(s.studentId)} aria-label={`История: ${s.fullName}`}>История</button>
                      {l.canWrite && l.window.state === 'closed' && (
                        <button type="button" className="secondary small-btn" onClick={() => setCorrection({ studentId: s.studentId })}>Заявка</button>
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
          <button id="lesson-save" type="button" onClick={saveAll} disabled={record.isPending || !topic.trim()}>Сохранить занятие</button>
          <span className="muted small">Ctrl+Enter</span>
          <SaveIndicator saver={saver} />
        </div>
      )}
      {!canRecord && l.canWrite === false && <p className="muted small">Журнал открыт только для просмотра.</p>}
      {saved && !record.isPending && !record.error && <Notice kind="ok">{saved}</Notice>}
      <ErrorNotice error={record.error} />
      {conflict && (
        <Notice kind="warn">
          Сейчас записано: тема «{conflict.topic ?? '—'}». <button type="button" className="link" onClick={() => { record.reset(); reload(); }}>Загрузить текущую запись</button>
        </Notice>
      )}
      {history !== null && <HistoryDialog lessonId={l.id} studentId={history} onClose={() => setHistory(null)} />}
      {correction && (
        <CorrectionDialog
          lessonId={l.id} studentId={correction.studentId} date={l.date}
          studentName={l.students.find((s) => s.studentId === correction.studentId)?.fullName ?? ''}
          marks={saver.marks(cellKey(l.id, correction.studentId))} initialText={correction.text}
          onClose={() => { setCorrection(null); reload(); }}
        />
      )}
    </div>
  );
}

function Files({ lesson: l, canWrite }: { lesson: LessonDetail; canWrite: boolean }) {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['journal-lesson', l.id] });
  const upload = useMutation({
    mutationFn: async (f: File) => {
      const buf = new Uint8Array(await f.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return post<LessonFile>(`/journal/lessons/${l.id}/files`, { fileName: f.name, contentType: f.type || undefined, contentBase64: btoa(bin) });
    },
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: number) => del(`/journal/files/${id}`), onSuccess: refresh });
  return (
    <div>
      <label htmlFor="lesson-file">Файлы к заданию</label>
      {l.files.length > 0 && (
        <ul className="files">
          {l.files.map((f) => (
            <li key={f.id}>
              <a href={`/api/v1/journal/files/${f.id}`}>{f.fileName}</a> <span className="muted small">{Math.max(1, Math.round(f.size / 1024))} КБ</span>
              {canWrite && <button type="button" className="link" onClick={() => remove.mutate(f.id)} aria-label={`Удалить файл ${f.fileName}`}>удалить</button>}
            </li>
          ))}
        </ul>
      )}
      {canWrite && <input id="lesson-file" type="file" onChange={(e) => { const f = e.target.files?.[0]; if (f) upload.mutate(f); e.target.value = ''; }} />}
      {!canWrite && l.files.length === 0 && <p className="muted small">Файлов нет.</p>}
      {upload.isPending && <p className="muted small">Загрузка файла…</p>}
      <ErrorNotice error={upload.error ?? remove.error} />
    </div>
  );
}
