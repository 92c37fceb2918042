import { useQuery } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link, useParams } from 'react-router';
import { cellText, parseCell, type CellMark } from '../../../../src/domain/journal-input.js';
import { absenceTotals, coveredBy } from '../../../../src/domain/journal-stats.js';
import { averages } from '../../../../src/domain/marks.js';
import { can, useMe } from '../../auth.js';
import { averageRu, countRu, dateRu } from '../../format.js';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/index.js';
import { Modal } from '../../ui/modal.js';
import { CorrectionDialog, HistoryDialog, markTitle, SaveIndicator, useSaver } from './components.js';
import { cellKey, cellSaver, readMarks, readTokenOf, type PendingCell } from './saver.js';
import { usePageTitle } from '../../page-title.js';
import { useGridKeys, type Pos } from './use-grid-keys.js';
import { readGrid, type GridData as Grid } from './grid-data.js';
import { PrintSubjectJournal } from './print-journal.js';

export function GridPage() {
  const assignmentId = Number(useParams().assignmentId);
  // Never shown from an old copy, and kept as read (its read token is attached to this very object).
  const q = useQuery({
    queryKey: ['journal-grid', assignmentId],
    queryFn: () => readMarks(() => readGrid(assignmentId)),
    gcTime: 0,
    structuralSharing: false,
  });
  usePageTitle(
    q.data
      ? `Журнал ${q.data.assignment.group.name}${q.data.assignment.subgroup ? ` (${q.data.assignment.subgroup.name})` : ''} · ${q.data.assignment.subject.name}`
      : 'Журнал',
    'teacher-grid',
  );
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  return <GridView key={assignmentId} grid={q.data!} reload={() => void q.refetch()} />;
}

type Lesson = Grid['lessons'][number];
type Student = Grid['students'][number];
/** One cell of a grid action, as it was and as it became: what Ctrl+Z puts back. */
interface CellChange {
  r: number;
  c: number;
  lessonId: number;
  studentId: number;
  before: string;
  after: string;
}
interface Action {
  what: string;
  cells: CellChange[];
}

/** «в 1 клетке», «в 3 клетках». */
const inCells = (n: number) => countRu(n, ['клетке', 'клетках', 'клетках']);

const fmt = averageRu;
const inList = (s: Student, date: string) => s.from <= date && (s.to === null || s.to >= date);

function GridView({ grid, reload }: { grid: Grid; reload(): void }) {
  const me = useMe();
  const saver = cellSaver();
  // Each fresh read replaces what the saver knows of these lessons (pending edits stay on top).
  const loaded = useRef<Grid | null>(null);
  if (loaded.current !== grid) {
    loaded.current = grid;
    saver.load(
      grid.marks,
      grid.lessons.map((l) => l.id),
      { silent: true, since: readTokenOf(grid) },
    );
  }
  useEffect(() => {
    saver.onConflict = reload;
    return () => {
      if (saver.onConflict === reload) saver.onConflict = null;
    };
  }, [saver, reload]);
  useSaver(saver);
  const savers = useMemo(() => [saver], [saver]);
  const actions = useRef<Action[]>([]);
  const { lessons, students } = grid;
  const startCol = Math.max(
    0,
    lessons.reduce((acc, l, i) => (l.date <= grid.today ? i : acc), 0),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'history' | 'correction'; pos: Pos; text?: string } | null>(null);
  const [paste, setPaste] = useState<{ plan: CellChange[]; problems: string[] } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const excuses = useMemo(() => {
    const m = new Map<number, { fromDate: string; toDate: string }[]>();
    for (const e of grid.excuses) m.set(e.studentId, [...(m.get(e.studentId) ?? []), e]);
    return m;
  }, [grid.excuses]);

  const keys = useGridKeys({ rows: students.length, cols: lessons.length }, startCol, {
    textAt: (p) => textAt(p),
    write: (p, text) => write(p, text),
    undo: () => undo(),
    begin: (p, initial) => {
      const why = refusal(p);
      if (why) {
        setNotice(why);
        return null;
      }
      if (lessonAt(p.c).window === 'closed') {
        setDialog({ kind: 'correction', pos: p, text: initial === textAt(p) ? '' : initial });
        return null;
      }
      setNotice(null);
      return initial;
    },
  });
  const { pos, setPos, editing, setEditing, onGridKey, onEditKey } = keys;

  useEffect(() => {
    if (editing !== null) return;
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${pos.r}:${pos.c}"]`)?.focus({ preventScroll: false });
  }, [pos, editing]);

  const lessonAt = (c: number) => lessons[c];
  const studentAt = (r: number) => students[r];
  const textAt = useCallback(
    (p: Pos) => {
      const key = cellKey(lessons[p.c].id, students[p.r].studentId);
      return saver.pending.get(key)?.text ?? cellText(saver.marks(key));
    },
    [lessons, students, saver],
  );

  /** Why a cell cannot be typed into, or null when it can. */
  const refusal = (p: Pos): string | null => {
    const l = lessonAt(p.c);
    const s = studentAt(p.r);
    if (!grid.canWrite) return 'Журнал открыт только для просмотра.';
    if (!l.canWrite)
      return `Занятие ${dateRu(l.date)} ведёт другой преподаватель: вы вносите отметки только за занятия, которые заменяете.`;
    if (!inList(s, l.date)) return `${s.shortName} не в списке группы на ${dateRu(l.date)}.`;
    if (l.window === 'future') return `Занятие ${dateRu(l.date)} ещё не наступило: оценки и пропуски вносятся в день занятия.`;
    return null;
  };

  const write = (p: Pos, text: string): boolean => {
    const l = lessonAt(p.c);
    const s = studentAt(p.r);
    const why = refusal(p);
    if (why) {
      setNotice(why);
      return false;
    }
    if (text.trim() === textAt(p)) return true;
    if (l.window === 'closed') {
      setDialog({ kind: 'correction', pos: p, text });
      return true;
    }
    const before = textAt(p);
    const err = saver.set(l.id, s.studentId, text.trim());
    setNotice(err);
    if (!err)
      actions.current.push({
        what: `${s.shortName}, ${dateRu(l.date)}: ${before || 'пусто'} → ${text.trim() || 'пусто'}`,
        cells: [{ r: p.r, c: p.c, lessonId: l.id, studentId: s.studentId, before, after: text.trim() }],
      });
    return !err;
  };

  /** Ctrl+Z: puts back the cells of the last action, as writes of their own (the history shows the undo). */
  const undo = () => {
    const last = actions.current.pop();
    if (!last) return setNotice('Отменять нечего: на этой странице вы ещё ничего не меняли.');
    const late = new Set<string>();
    let done = 0;
    for (const cell of last.cells) {
      const l = lessons[cell.c];
      if (l.window !== 'open') {
        late.add(dateRu(l.date));
        continue;
      }
      if (!saver.set(cell.lessonId, cell.studentId, cell.before, { undo: true })) done++;
    }
    setPos({ r: last.cells[0].r, c: last.cells[0].c });
    const lateText = late.size ? `срок внесения за ${[...late].join(', ')} истёк — подайте заявку на исправление.` : '';
    setNotice(done ? `Отменено: ${last.what}.${lateText ? ` Не всё: ${lateText}` : ''}` : `Не отменено: ${lateText}`);
  };

  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    if (editing !== null) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const rows = text
      .replace(/\r/g, '')
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.split('\t'));
    const problems: string[] = [];
    const plan: CellChange[] = [];
    rows.forEach((cols, i) =>
      cols.forEach((value, j) => {
        const p = { r: pos.r + i, c: pos.c + j };
        if (p.r >= students.length || p.c >= lessons.length) return;
        const why =
          refusal(p) ??
          (lessonAt(p.c).window === 'closed'
            ? `Срок внесения оценок за ${dateRu(lessonAt(p.c).date)} истёк. Подайте заявку на исправление.`
            : null);
        if (why) return void problems.push(why);
        const after = value.trim();
        const parsed = parseCell(after);
        if (!parsed.ok) return void problems.push(`${studentAt(p.r).shortName}: ${parsed.message}`);
        plan.push({ r: p.r, c: p.c, lessonId: lessonAt(p.c).id, studentId: studentAt(p.r).studentId, before: textAt(p), after });
      }),
    );
    // Marks already in the cells are replaced only after the teacher has seen which and said yes.
    if (plan.some((x) => x.before && x.before !== x.after)) setPaste({ plan, problems });
    else applyPaste(plan, problems);
  };

  const applyPaste = (plan: CellChange[], problems: string[]) => {
    const written = plan.filter((x) => x.before === x.after || !saver.set(x.lessonId, x.studentId, x.after));
    const changed = written.filter((x) => x.before !== x.after);
    if (changed.length) actions.current.push({ what: `вставка в ${inCells(changed.length)}`, cells: changed });
    setNotice(
      `Вставлено клеток: ${written.length}.${problems.length ? ` Не вставлено: ${problems.length} — ${[...new Set(problems)].slice(0, 3).join(' ')}` : ''}${changed.length ? ' Отменить — Ctrl+Z.' : ''}`,
    );
  };

  const all = saver.allMarks();
  const a = grid.assignment;
  const state = saver.state();
  const active = lessons.length && students.length ? { l: lessonAt(pos.c), s: studentAt(pos.r) } : null;
  const activeMarks = active ? saver.marks(cellKey(active.l.id, active.s.studentId)) : [];
  const printing = usePrinting();

  return (
    <div className="journal-page">
      <p className="no-print">
        <Link to="/journals">← Журналы</Link>
        {can(me, 'attestation:read') && (
          <>
            {' '}
            · <Link to={`/attestation/${a.id}`}>Ведомость: кому не хватает оценок, семестровые оценки →</Link>
          </>
        )}
      </p>
      <h1>
        {a.subject.code} {a.subject.name} · {a.group.name}
        {a.subgroup ? ` (${a.subgroup.name})` : ''}
      </h1>
      <p className="muted">
        {a.term.number}-й семестр ({dateRu(a.term.startDate)} – {dateRu(a.term.endDate)}) · {a.teacher.fullName} · {a.hours} ч по нагрузке,
        проведено занятий: {lessons.filter((l) => l.date <= grid.today).length} из {lessons.length}
      </p>
      <PrintSubjectJournal assignmentId={a.id} groupId={a.group.id} teacherPersonId={a.teacher.personId} />
      {grid.canWrite && (
        <div className="actions no-print">
          <SaveIndicator savers={savers} />
          <span className="muted small">
            Стрелки, Tab, Enter; наберите 5, н, б, уп, оп, зач (4к — контрольная); Backspace — очистить; Ctrl+V — вставить столбец из Excel;
            Ctrl+Z — отменить.
          </span>
        </div>
      )}
      {notice && <Notice kind="warn">{notice}</Notice>}
      {state.problems.map((p) => (
        <Notice key={p.key} kind="error">
          {describeKey(p.key, lessons, students)}: {p.message}{' '}
          <button type="button" className="link" onClick={() => saver.dismiss(p.key)}>
            Понятно
          </button>
        </Notice>
      ))}
      {!lessons.length ? (
        <Empty>Занятий по этой нагрузке пока нет. Они появятся, когда заведующая УМС составит расписание.</Empty>
      ) : !students.length ? (
        <Empty>В группе нет обучающихся за этот семестр.</Empty>
      ) : (
        <div className="table-wrap journal-wrap">
          <table
            className="journal"
            role="grid"
            aria-label={`Журнал: ${a.subject.name}, ${a.group.name}`}
            ref={tableRef}
            onKeyDown={onGridKey}
            onPaste={onPaste}
          >
            <thead>
              <tr>
                <th className="sticky-col num" scope="col">
                  №
                </th>
                <th className="sticky-col name" scope="col">
                  Обучающийся
                </th>
                {lessons.map((l) => (
                  <th
                    key={l.id}
                    scope="col"
                    className={`date ${l.date === grid.today ? 'today' : ''}`}
                    title={l.topic ?? 'Тема не записана'}
                  >
                    <Link to={`/journal/lessons/${l.id}`} tabIndex={-1}>
                      {l.date.slice(8, 10)}.{l.date.slice(5, 7)}
                    </Link>
                    {!l.topic && l.date <= grid.today && (
                      <span className="no-topic" aria-label="тема не записана">
                        •
                      </span>
                    )}
                  </th>
                ))}
                <th scope="col" className="stat" title="Средний балл">
                  Ср.
                </th>
                <th scope="col" className="stat" title="Средневзвешенный балл">
                  Ср. взв.
                </th>
                <th
                  scope="col"
                  className="stat"
                  title="Пропуски в академических часах: без причины / по болезни / уважительные (в т. ч. по справкам)"
                >
                  Пропуски, ч
                </th>
              </tr>
            </thead>
            <tbody>
              {students.map((s, r) => {
                const cells = lessons.map((l) => all.get(cellKey(l.id, s.studentId)));
                const pend = lessons.map((l) => saver.pending.get(cellKey(l.id, s.studentId)));
                return (
                  <Row
                    key={s.studentId}
                    r={r}
                    student={s}
                    lessons={lessons}
                    cells={cells}
                    pend={pend}
                    excuses={excuses.get(s.studentId)}
                    activeCol={pos.r === r ? pos.c : -1}
                    editing={pos.r === r ? editing : null}
                    onEdit={setEditing}
                    onEditKey={onEditKey}
                    onPick={(c) => keys.pick({ r, c })}
                  />
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {printing && lessons.length > 0 && students.length > 0 && (
        <GridPrint
          title={`${a.subject.code} ${a.subject.name} · ${a.group.name}${a.subgroup ? ` (${a.subgroup.name})` : ''} · ${a.term.number}-й семестр · ${a.teacher.shortName}`}
          lessons={lessons}
          students={students}
          cellsOf={(l, st) => all.get(cellKey(l.id, st.studentId))}
          excuses={excuses}
        />
      )}
      {active && (
        <section className="panel cell-details no-print" aria-label="Выбранная клетка">
          <strong>{active.s.fullName}</strong> · {dateRu(active.l.date)}
          {active.l.topic ? ` · ${active.l.topic}` : ''}
          <div className="small">{activeMarks.length ? activeMarks.map((m) => markTitle(m)).join('; ') : 'Отметок нет.'}</div>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setDialog({ kind: 'history', pos })}>
              История клетки
            </button>
            {grid.canWrite && active.l.window === 'closed' && inList(active.s, active.l.date) && (
              <button type="button" className="secondary" onClick={() => setDialog({ kind: 'correction', pos })}>
                Заявка на исправление
              </button>
            )}
          </div>
        </section>
      )}
      {paste && (
        <PasteDialog
          plan={paste.plan}
          lessons={lessons}
          students={students}
          onAccept={() => {
            applyPaste(paste.plan, paste.problems);
            setPaste(null);
          }}
          onCancel={() => {
            setPaste(null);
            setNotice('Вставка отменена: ничего не изменено.');
          }}
        />
      )}
      {dialog?.kind === 'history' && (
        <HistoryDialog lessonId={lessonAt(dialog.pos.c).id} studentId={studentAt(dialog.pos.r).studentId} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'correction' && (
        <CorrectionDialog
          lessonId={lessonAt(dialog.pos.c).id}
          studentId={studentAt(dialog.pos.r).studentId}
          studentName={studentAt(dialog.pos.r).fullName}
          date={lessonAt(dialog.pos.c).date}
          marks={saver.marks(cellKey(lessonAt(dialog.pos.c).id, studentAt(dialog.pos.r).studentId))}
          initialText={dialog.text}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

/** Before a paste replaces marks: which cells, what was there and what comes instead. */
function PasteDialog({
  plan,
  lessons,
  students,
  onAccept,
  onCancel,
}: {
  plan: CellChange[];
  lessons: Lesson[];
  students: Student[];
  onAccept(): void;
  onCancel(): void;
}) {
  const replaced = plan.filter((x) => x.before && x.before !== x.after);
  const filled = plan.filter((x) => !x.before && x.after).length;
  return (
    <Modal title="Заменить отметки?" onClose={onCancel}>
      <p>
        Вставка заменит отметки в {inCells(replaced.length)}
        {filled ? `, ещё ${filled} пустых будут заполнены` : ''}:
      </p>
      <ul className="replace-list">
        {replaced.slice(0, 40).map((x) => (
          <li key={`${x.r}:${x.c}`}>
            {students[x.r].shortName}, {dateRu(lessons[x.c].date)}: <s>{x.before}</s> → <b>{x.after || 'пусто'}</b>
          </li>
        ))}
      </ul>
      {replaced.length > 40 && <p className="muted small">…и ещё {replaced.length - 40}.</p>}
      <div className="actions">
        <button type="button" onClick={onAccept}>
          Заменить
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </Modal>
  );
}

function describeKey(key: string, lessons: Lesson[], students: Student[]) {
  const [lid, sid] = key.split(':').map(Number);
  const l = lessons.find((x) => x.id === lid);
  const s = students.find((x) => x.studentId === sid);
  return `${s?.shortName ?? ''}, ${l ? dateRu(l.date) : ''}`;
}

/**
 * Whether the page is being printed (Ctrl+P, or print media): the paper copy of the grid is built
 * then, not on every keystroke. Rendered at once (flushSync) so that the print layout has it.
 */
function usePrinting() {
  const [on, setOn] = useState(() => window.matchMedia?.('print').matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.('print');
    const show = () => flushSync(() => setOn(true));
    const onChange = (e: MediaQueryListEvent) => e.matches && show();
    window.addEventListener('beforeprint', show);
    mq?.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('beforeprint', show);
      mq?.removeEventListener('change', onChange);
    };
  }, []);
  return on;
}

/** Lesson columns a printed landscape page holds beside the names (print stylesheet: .grid-print). */
const PRINT_COLUMNS = 24;

/**
 * What Ctrl+P prints (issue 13 item 3): the grid cut into pages of PRINT_COLUMNS lesson columns,
 * each with the numbers and names again and the totals on the last; a row never splits. The
 * document is the PDF («Печать журнала»); this is the quick paper copy.
 */
function GridPrint({
  title,
  lessons,
  students,
  cellsOf,
  excuses,
}: {
  title: string;
  lessons: Lesson[];
  students: Student[];
  cellsOf(l: Lesson, s: Student): CellMark[] | undefined;
  excuses: Map<number, { fromDate: string; toDate: string }[]>;
}) {
  const parts: Lesson[][] = [];
  for (let i = 0; i < lessons.length; i += PRINT_COLUMNS) parts.push(lessons.slice(i, i + PRINT_COLUMNS));
  const totals = new Map(
    students.map((s) => {
      const grades: { value: string; weight: number }[] = [];
      const absences: { value: string; hours: number | null; date: string }[] = [];
      for (const l of lessons)
        for (const m of cellsOf(l, s) ?? []) {
          if (m.kind === 'grade') grades.push({ value: m.value, weight: m.weight });
          else absences.push({ value: m.value, hours: l.hours, date: l.date });
        }
      return [s.studentId, { avg: averages(grades), abs: absenceTotals(absences, excuses.get(s.studentId) ?? []) }];
    }),
  );
  return (
    <div className="grid-print" aria-hidden="true">
      {parts.map((part, i) => {
        const last = i === parts.length - 1;
        return (
          <table key={part[0].id} className="journal-print">
            <caption>
              {title} — {dateRu(part[0].date)} – {dateRu(part[part.length - 1].date)}
              {parts.length > 1 ? ` (часть ${i + 1} из ${parts.length})` : ''}
            </caption>
            <thead>
              <tr>
                <th>№</th>
                <th className="name">Обучающийся</th>
                {part.map((l) => (
                  <th key={l.id}>
                    {l.date.slice(8, 10)}.{l.date.slice(5, 7)}
                  </th>
                ))}
                {last && (
                  <>
                    <th>Ср.</th>
                    <th>Ср. взв.</th>
                    <th>Пропуски, ч</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {students.map((s, r) => {
                const t = totals.get(s.studentId)!;
                return (
                  <tr key={s.studentId}>
                    <td>{r + 1}</td>
                    <td className="name">{s.shortName}</td>
                    {part.map((l) => (
                      <td key={l.id} className={inList(s, l.date) ? '' : 'out'}>
                        {(cellsOf(l, s) ?? []).map((m) => m.value).join('/')}
                      </td>
                    ))}
                    {last && (
                      <>
                        <td>{fmt(t.avg.plain)}</td>
                        <td>{fmt(t.avg.weighted)}</td>
                        <td>{t.abs.total ? `${t.abs.total} (${t.abs.н}/${t.abs.б}/${t.abs.уп + t.abs.excused})` : ''}</td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}

interface RowProps {
  r: number;
  student: Student;
  lessons: Lesson[];
  cells: (CellMark[] | undefined)[];
  pend: (PendingCell | undefined)[];
  excuses: { fromDate: string; toDate: string }[] | undefined;
  activeCol: number;
  editing: string | null;
  onEdit(text: string): void;
  onEditKey(e: KeyboardEvent<HTMLInputElement>): void;
  onPick(c: number): void;
}

const sameArray = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const Row = memo(
  function Row({ r, student: s, lessons, cells, pend, excuses, activeCol, editing, onEdit, onEditKey, onPick }: RowProps) {
    const grades: { value: string; weight: number }[] = [];
    const absences: { value: string; hours: number | null; date: string }[] = [];
    cells.forEach((list, i) =>
      list?.forEach((m) => {
        if (m.kind === 'grade') grades.push({ value: m.value, weight: m.weight });
        else absences.push({ value: m.value, hours: lessons[i].hours, date: lessons[i].date });
      }),
    );
    const avg = averages(grades);
    const abs = absenceTotals(absences, excuses ?? []);
    return (
      <tr>
        <td className="sticky-col num">{r + 1}</td>
        <th scope="row" className="sticky-col name">
          {s.shortName}
        </th>
        {lessons.map((l, c) => {
          const list = cells[c] ?? [];
          const p = pend[c];
          const active = c === activeCol;
          const out = !inList(s, l.date);
          const excused = !!excuses && coveredBy(excuses, l.date) && list.some((m) => m.value === 'н');
          return (
            <td
              key={l.id}
              role="gridcell"
              data-cell={`${r}:${c}`}
              tabIndex={active ? 0 : -1}
              aria-selected={active}
              className={`cell ${out ? 'out' : ''} ${l.window} ${p ? `cell-${p.status}` : ''} ${active ? 'active' : ''}`}
              onMouseDown={() => onPick(c)}
              onDoubleClick={() => onPick(c)}
            >
              {active && editing !== null ? (
                <input
                  className="cell-input"
                  autoFocus
                  value={editing}
                  onChange={(e) => onEdit(e.target.value)}
                  onKeyDown={onEditKey}
                  aria-label={`${s.shortName}, ${dateRu(l.date)}`}
                />
              ) : p ? (
                <span>{p.text}</span>
              ) : (
                <CellMarks list={list} excused={excused} />
              )}
            </td>
          );
        })}
        <td className="stat">{fmt(avg.plain)}</td>
        <td className="stat">{fmt(avg.weighted)}</td>
        <td
          className="stat abs"
          title={`без причины ${abs.н} ч, болезнь ${abs.б} ч, уважительные ${abs.уп} ч, по справкам ${abs.excused} ч, опозданий ${abs.оп}`}
        >
          {abs.total ? `${abs.total} (${abs.н}/${abs.б}/${abs.уп + abs.excused})` : ''}
        </td>
      </tr>
    );
  },
  (a, b) =>
    a.r === b.r &&
    a.student === b.student &&
    a.lessons === b.lessons &&
    a.excuses === b.excuses &&
    a.activeCol === b.activeCol &&
    a.editing === b.editing &&
    sameArray(a.cells, b.cells) &&
    sameArray(a.pend, b.pend),
);

function CellMarks({ list, excused }: { list: CellMark[]; excused: boolean }) {
  if (!list.length) return null;
  const ordered = [...list.filter((m) => m.kind === 'absence'), ...list.filter((m) => m.kind === 'grade')];
  return (
    <>
      {ordered.map((m) => (
        <span key={m.id} className={`jmark ${m.kind} v${m.value}`} title={markTitle(m)}>
          {m.value}
          {m.kind === 'absence' && m.value === 'н' && excused && (
            <sup className="excused" title="Уважительная по справке куратора">
              уп
            </sup>
          )}
          {m.kind === 'grade' && m.workType && m.workType !== 'oral' && <sub>{workTypeSub(m.workType)}</sub>}
        </span>
      ))}
    </>
  );
}

const SUB: Record<string, string> = {
  written: 'пи',
  control: 'к',
  laboratory: 'л',
  practical: 'пр',
  independent: 'с',
  test: 'т',
  homework: 'д',
};
const workTypeSub = (w: string) => SUB[w] ?? '';
