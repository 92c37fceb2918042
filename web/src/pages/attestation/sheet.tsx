import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiRequest, ApiResponse } from '../../../../src/contracts/api.js';
import { TERM_GRADE_KIND_TITLES, type TermGradeKind } from '../../../../src/domain/attestation.js';
import { todayIn } from '../../../../src/domain/dates.js';
import { ApiError, call, hrefOf, keyOf } from '../../api.js';
import { can, useMe } from '../../auth.js';
import { averageRu, dateRu, dateTimeRu, numberRu, percentRu } from '../../format.js';
import { Empty, ErrorNotice, errorText, Loading, Notice } from '../../ui/index.js';
import { usePageTitle } from '../../page-title.js';

type GradeSheet = ApiResponse<'GET /attestation/assignments/:id/sheet'>;
type SheetStudent = GradeSheet['students'][number];
type TermGradeCell = NonNullable<SheetStudent['grades'][TermGradeKind]>;
type MissingItem = SheetStudent['missing'][number];
type Value = GradeSheet['allowed'][TermGradeKind][number];
type GradeBody = ApiRequest<'PUT /attestation/assignments/:id/students/:studentId/grades/:kind'>['body'];

const fmt = averageRu;
const pct = percentRu;

/** The grade sheet (ведомость) of a group × subject × term: the teacher sets term grades here. */
export function SheetPage() {
  const me = useMe();
  const { id } = useParams();
  const req = { params: { id: Number(id) } };
  const q = useQuery({
    queryKey: keyOf('GET /attestation/assignments/:id/sheet', req),
    queryFn: () => call('GET /attestation/assignments/:id/sheet', req),
  });
  usePageTitle(q.data ? `Ведомость ${q.data.assignment.groupName} · ${q.data.assignment.subjectName}` : 'Ведомость', 'attestation');
  const [notice, setNotice] = useState<string | null>(null);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const s = q.data!;
  const a = s.assignment;
  return (
    <>
      <p className="small no-print">
        <Link to="/attestation">← Все ведомости</Link>
      </p>
      <h1>
        Ведомость: {a.groupName}
        {a.subgroupName ? ` (${a.subgroupName})` : ''} · {a.subjectCode} {a.subjectName}
      </h1>
      <p className="muted">
        {a.yearName}, {a.termNumber}-й семестр ({dateRu(a.termStart)} – {dateRu(a.termEnd)}) · {a.teacherName}
        {a.formTitle ? ` · ${a.formTitle}` : ' · форма аттестации в учебном плане не указана'}
      </p>
      <p className="small">
        {numberRu(a.hours)} ч, {numberRu(a.hoursPerWeek)} ч в неделю: для объективной аттестации нужно не менее{' '}
        <strong>{a.requiredGrades}</strong> оценок и оценки за все контрольные, лабораторные и практические работы (п. 4.2).
      </p>
      <div className="actions no-print">
        {can(me, 'journal:read') && (
          <Link className="button secondary" to={`/journal/grid/${a.id}`}>
            Журнал группы по дисциплине
          </Link>
        )}
        <a className="button secondary" href={hrefOf('GET /attestation/assignments/:id/sheet.pdf', { params: { id: a.id } })} download>
          Скачать PDF для печати
        </a>
        <a className="button secondary" href={hrefOf('GET /attestation/assignments/:id/sheet.xlsx', { params: { id: a.id } })} download>
          Скачать Excel
        </a>
      </div>
      <div className="cards sheet-summary">
        <div className="card">
          <div className="muted small">Выставлено за семестр</div>
          <strong>
            {s.summary.set} из {s.summary.total}
          </strong>
        </div>
        <div className="card">
          <div className="muted small">Не хватает оценок (п. 4.2)</div>
          <strong>{s.summary.failingCheck}</strong>
        </div>
        <div className="card">
          <div className="muted small">Выставлено с обоснованием</div>
          <strong>{s.summary.overrides}</strong>
        </div>
        <div className="card">
          <div className="muted small">Успеваемость / качество / ср. балл</div>
          <strong>
            {pct(s.summary.term.passRate)} / {pct(s.summary.term.qualityRate)} / {fmt(s.summary.term.average)}
          </strong>
        </div>
      </div>
      {s.canWrite && <AcceptSuggestions sheet={s} onDone={setNotice} />}
      {notice && <Notice kind="ok">{notice}</Notice>}
      {!s.students.length ? (
        <Empty>В группе нет обучающихся в этом семестре. Списки групп ведёт администратор журнала.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="list sheet">
            <thead>
              <tr>
                <th>№</th>
                <th>Обучающийся</th>
                <th>Оценок</th>
                <th>Средний балл</th>
                <th>Пропуски, ч</th>
                <th>Проверка п. 4.2</th>
                <th>Предлагается</th>
                {s.kinds.map((k) => (
                  <th key={k}>{TERM_GRADE_KIND_TITLES[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.students.map((st, i) => (
                <SheetRow key={st.studentId} n={i + 1} sheet={s} st={st} onSaved={setNotice} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!s.canWrite && (
        <p className="small muted">Оценки за семестр выставляет преподаватель этой дисциплины; вам ведомость доступна для просмотра.</p>
      )}
    </>
  );
}

/** What the check misses; a work links to its lesson in the journal. */
function MissingList({ missing }: { missing: MissingItem[] }) {
  return (
    <ul className="missing">
      {missing.map((m, i) => (
        <li key={i}>{m.kind === 'work' && m.lessonId ? <Link to={`/journal/lessons/${m.lessonId}`}>{m.text}</Link> : m.text}</li>
      ))}
    </ul>
  );
}

function SheetRow({ n, sheet, st, onSaved }: { n: number; sheet: GradeSheet; st: SheetStudent; onSaved(msg: string): void }) {
  const { organization } = useMe();
  const [held, setHeld] = useState<{ kind: TermGradeKind; value: Value; missing: MissingItem[] } | null>(null);
  const cols = 7 + sheet.kinds.length;
  return (
    <>
      <tr className={st.leftOn ? 'muted' : undefined}>
        <td>{n}</td>
        <td>
          {st.fullName}
          {st.leftOn && <div className="small">в группе до {dateRu(st.leftOn)}</div>}
        </td>
        <td>{st.gradeCount}</td>
        <td>
          {fmt(st.weightedAverage)}
          {st.average !== null && st.average !== st.weightedAverage ? <div className="small muted">простой {fmt(st.average)}</div> : null}
        </td>
        <td>{st.absentHours}</td>
        <td>
          {st.missing.length === 0 ? (
            <span className="badge ok">достаточно</span>
          ) : (
            <details>
              <summary>
                <span className="badge warn">не хватает: {st.missing.length}</span>
              </summary>
              <MissingList missing={st.missing} />
            </details>
          )}
        </td>
        <td>{st.suggestion ?? '—'}</td>
        {sheet.kinds.map((k) => (
          <td key={k}>
            <GradeCell
              sheet={sheet}
              st={st}
              kind={k}
              cell={st.grades[k]}
              onHeld={(value, missing) => setHeld({ kind: k, value, missing })}
              onSaved={onSaved}
            />
            {st.grades[k]?.overrideReason && (
              <div className="small" title={st.grades[k]!.overrideReason!}>
                <span className="badge warn">с обоснованием</span>
              </div>
            )}
            {st.grades[k] && (
              <div className="small muted">
                {st.grades[k]!.setBy}, {dateTimeRu(st.grades[k]!.setAt, organization.timeZone)}
              </div>
            )}
          </td>
        ))}
      </tr>
      {held && (
        <tr className="held-row">
          <td colSpan={cols}>
            <OverrideForm
              st={st}
              held={held}
              sheet={sheet}
              onDone={(msg) => {
                setHeld(null);
                if (msg) onSaved(msg);
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** A term grade changes the sheet, the term's list and the deputy's overrides. */
const refreshAttestation = (qc: QueryClient) =>
  Promise.all(
    (['GET /attestation/assignments/:id/sheet', 'GET /attestation/assignments', 'GET /attestation/overrides'] as const).map((k) =>
      qc.invalidateQueries({ queryKey: [k] }),
    ),
  );

function useSetGrade(sheet: GradeSheet, st: SheetStudent, kind: TermGradeKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GradeBody) =>
      call('PUT /attestation/assignments/:id/students/:studentId/grades/:kind', {
        params: { id: sheet.assignment.id, studentId: st.studentId, kind },
        body,
      }),
    onSettled: () => refreshAttestation(qc),
  });
}

/** A select and an explicit save: browsing the values with the keyboard never saves by itself. */
function GradeCell({
  sheet,
  st,
  kind,
  cell,
  onHeld,
  onSaved,
}: {
  sheet: GradeSheet;
  st: SheetStudent;
  kind: TermGradeKind;
  cell: TermGradeCell | null;
  onHeld(value: Value, missing: MissingItem[]): void;
  onSaved(msg: string): void;
}) {
  const m = useSetGrade(sheet, st, kind);
  const saved = cell?.value ?? '';
  const [draft, setDraft] = useState<Value | '' | null>(null);
  const { organization } = useMe();
  // After a student left the group, the grades are the new group's (decision 013).
  const left = st.leftOn !== null && st.leftOn < todayIn(organization.timeZone);
  if (!sheet.canWrite || left) return <strong className={`mark grade-${saved}`}>{saved || '—'}</strong>;
  const value = draft ?? saved;
  const dirty = draft !== null && draft !== saved;
  const label = `${TERM_GRADE_KIND_TITLES[kind]} оценка: ${st.fullName}`;
  const save = () => {
    if (!dirty) return;
    const chosen = value || null;
    m.mutate(
      { value: chosen, version: cell?.version ?? null },
      {
        onSuccess: (r) => {
          setDraft(null);
          onSaved(r.message);
        },
        onError: (e) => {
          // The check holds back setting a grade, never removing one.
          if (e instanceof ApiError && e.code === 'objectivity' && chosen) {
            setDraft(null);
            onHeld(chosen, (e.details as { missing: MissingItem[] }).missing);
          }
        },
      },
    );
  };
  return (
    <div className="grade-cell">
      <select
        aria-label={label}
        value={value}
        disabled={m.isPending}
        onChange={(e) => setDraft(sheet.allowed[kind].find((v) => v === e.target.value) ?? '')}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') setDraft(null);
        }}
      >
        <option value="">—</option>
        {sheet.allowed[kind].map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      {dirty && (
        <button type="button" aria-label={`${value ? 'Сохранить' : 'Убрать'}: ${label}`} onClick={save} disabled={m.isPending}>
          {value ? 'Сохранить' : 'Убрать'}
        </button>
      )}
      {m.error && !(m.error instanceof ApiError && m.error.code === 'objectivity') && (
        <div className="field-error">{errorText(m.error)}</div>
      )}
    </div>
  );
}

function OverrideForm({
  st,
  held,
  sheet,
  onDone,
}: {
  st: SheetStudent;
  held: { kind: TermGradeKind; value: Value; missing: MissingItem[] };
  sheet: GradeSheet;
  onDone(msg: string | null): void;
}) {
  const [reason, setReason] = useState('');
  const m = useSetGrade(sheet, st, held.kind);
  const submit = () => {
    m.mutate({ value: held.value, version: st.grades[held.kind]?.version ?? null, reason }, { onSuccess: (r) => onDone(r.message) });
  };
  return (
    <div className="notice warn" role="alert">
      <strong>
        {st.shortName}: оценка «{held.value}» не выставлена — для объективной аттестации (п. 4.2) не хватает
      </strong>
      <MissingList missing={held.missing} />
      <p className="small">
        Выставьте недостающие оценки в журнале, либо укажите причину, по которой оценка выставляется без них. Заместитель директора увидит,
        кто и почему выставил оценку.
      </p>
      <label htmlFor={`reason-${st.studentId}`}>Причина</label>
      <textarea id={`reason-${st.studentId}`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      {m.error && <div className="field-error">{errorText(m.error)}</div>}
      <div className="actions">
        <button type="button" onClick={submit} disabled={!reason.trim() || m.isPending}>
          Выставить с обоснованием
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Отмена
        </button>
      </div>
    </div>
  );
}

/** Sets the suggested term grade for everyone who has none yet and passes the check. */
function AcceptSuggestions({ sheet, onDone }: { sheet: GradeSheet; onDone(msg: string): void }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ready = sheet.students.filter(
    (st) => !st.grades.term && st.suggestion && st.missing.length === 0 && !st.leftOn && sheet.allowed.term.includes(st.suggestion),
  );
  const held = sheet.students.filter((st) => !st.grades.term && st.missing.length > 0 && !st.leftOn).length;
  if (!ready.length) return null;
  const run = async () => {
    setBusy(true);
    setError(null);
    let done = 0;
    try {
      for (const st of ready) {
        await call('PUT /attestation/assignments/:id/students/:studentId/grades/:kind', {
          params: { id: sheet.assignment.id, studentId: st.studentId, kind: 'term' },
          body: { value: st.suggestion, version: null },
        });
        done++;
      }
      onDone(
        `Выставлено оценок за семестр по предложению: ${done}.${held ? ` Ещё ${held} — после проверки: у них не хватает оценок (п. 4.2).` : ''}`,
      );
    } catch (e) {
      setError(e);
      if (done) onDone(`Выставлено оценок за семестр по предложению: ${done}.`);
    } finally {
      setBusy(false);
      await refreshAttestation(qc);
    }
  };
  return (
    <div className="actions no-print">
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Выставляю…' : `Выставить предложенные оценки (${ready.length})`}
      </button>
      <span className="small muted">Только тем, у кого оценки ещё нет и проверка п. 4.2 пройдена; каждую можно изменить.</span>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
